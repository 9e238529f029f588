import Foundation
@testable import BackflowCore

/// One case of the conformance corpus (`../shared/conformance/cases/*.jsonl`): a mapping, the event a
/// warehouse row becomes, and what Segment's own action code made of it. The format is in the
/// corpus' README.
struct ConformanceCase: Sendable {
    /// What Segment's action produced, with the pipeline stage that failed when it did not send.
    enum Outcome: Sendable, Equatable {
        /// `JSON.stringify` of the message.
        case message(String)
        /// `stage` is `mapping-validate`, `transform`, `schema` or `perform`; `errors` lists the problems
        /// of the first and third.
        case failure(stage: String, error: String, errors: [String]?)
    }

    let id: String
    let destination: String
    let action: String
    let mapping: JSONObject
    let event: JSONObject
    let expected: Outcome
    let tags: Set<String>

    init(line: String) throws {
        guard case .object(let object) = try JSONReader.parse(line),
            let id = object["id"]?.stringValue, let destination = object["destination"]?.stringValue,
            let action = object["action"]?.stringValue, case .object(let mapping)? = object["mapping"],
            case .object(let event)? = object["event"], case .object(let expected)? = object["expected"],
            let tags = object["tags"]?.arrayValue?.compactMap(\.stringValue)
        else { throw ConformanceCorpusError.malformedLine(String(line.prefix(120))) }
        self.id = id
        self.destination = destination
        self.action = action
        self.mapping = mapping
        self.event = event
        self.tags = Set(tags)
        if expected["ok"]?.boolValue == true, let json = expected["json"]?.stringValue {
            self.expected = .message(json)
        } else if let stage = expected["stage"]?.stringValue, let error = expected["error"]?.stringValue {
            self.expected = .failure(
                stage: stage, error: error, errors: expected["errors"]?.arrayValue?.compactMap(\.stringValue))
        } else {
            throw ConformanceCorpusError.malformedLine(id)
        }
    }

    /// The `deliberate:…` tags: differences Backflow keeps on purpose (the README's table).
    var deliberateDifferences: [String] {
        tags.filter { $0.hasPrefix("deliberate:") }.sorted()
    }

    var usesLiquid: Bool { tags.contains("directive:@liquid") }
}

enum ConformanceCorpusError: Error, CustomStringConvertible {
    case malformedLine(String)
    case unknownAction(destination: String, action: String)

    var description: String {
        switch self {
        case .malformedLine(let start): "a corpus line is not a case: \(start)"
        case .unknownAction(let destination, let action): "the catalog has no action \(action) in \(destination)"
        }
    }
}

/// Where the corpus lives: `../shared/conformance` beside the package root.
enum ConformanceCorpus {
    /// The cases' folder, `../shared/conformance/cases`.
    static func directory(from filePath: String = #filePath) -> URL? {
        folder("cases", from: filePath)
    }

    /// Segment's machine-readable descriptions of both destinations, `../shared/conformance/metadata`.
    static func metadataDirectory(from filePath: String = #filePath) -> URL? {
        folder("metadata", from: filePath)
    }

    private static func folder(_ name: String, from filePath: String) -> URL? {
        var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                let corpus = folder.deletingLastPathComponent().appendingPathComponent("shared/conformance/\(name)")
                return FileManager.default.fileExists(atPath: corpus.path) ? corpus : nil
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    static func cases(in directory: URL) throws -> [ConformanceCase] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".jsonl") }.sorted()
        return try files.flatMap { file in
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            return try text.split(separator: "\n").map { try ConformanceCase(line: String($0)) }
        }
    }
}

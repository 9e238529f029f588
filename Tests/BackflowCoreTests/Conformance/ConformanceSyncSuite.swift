import Foundation
@testable import BackflowCore

/// One suite of the corpus (its cases share a mapping) as a sync runs it: a table of a SQLite
/// warehouse holding the cases' rows, a model over it and a mapping of its own.
struct ConformanceSyncSuite {
    /// The table's, model's and mapping's name.
    let name: String
    let destination: DestinationKind
    let action: String
    /// The kind of change every case of the suite is (`record:new`, `updated` or `deleted`).
    let change: RecordChange
    /// The cases' columns, in the model's order; `id` is the unique id.
    let columns: [String]
    /// The mapping as the workspace writes it: the case's mapping, with `null` for each hidden field it
    /// does not name, so that the workspace fills in no default Segment's runtime did not have.
    let fields: JSONObject
    /// The cases the sync runs, each with its Test Mapping result.
    let cases: [ConformanceRun.Result]

    /// Why a case is not run through a sync, each reason a count in the report.
    enum Exclusion: String, CaseIterable {
        case refusedAtLoad = "the workspace refuses the mapping when it loads"
        case typedCell = "a SQLite warehouse has no boolean, object or array cells"
        case nulCharacter = "SQLite's text binding ends text at U+0000"
        case loneSurrogate = "a lone surrogate has no Swift string"
    }

    /// What the sync must give for the case: Segment's outcome where Test Mapping gives it, else Test
    /// Mapping's own (a deliberate difference), which the Test Mapping conformance test judges.
    static func expected(_ result: ConformanceRun.Result) -> ConformanceCase.Outcome {
        result.verdict == .agrees ? result.testCase.expected : result.outcome
    }

    /// The suites of `run`'s cases that a sync can run, named `s0001`, …, and how many cases each
    /// exclusion left out.
    static func suites(of run: ConformanceRun) throws -> (suites: [ConformanceSyncSuite], excluded: [Exclusion: Int]) {
        var excluded: [Exclusion: Int] = [:]
        var grouped: [String: [ConformanceRun.Result]] = [:]
        var order: [String] = []
        for result in run.results {
            if let exclusion = try exclusion(of: result) {
                excluded[exclusion, default: 0] += 1
                continue
            }
            let suite = String(result.testCase.id.prefix { $0 != "/" })
            if grouped[suite] == nil { order.append(suite) }
            grouped[suite, default: []].append(result)
        }
        var suites: [ConformanceSyncSuite] = []
        for (index, suite) in order.enumerated() {
            guard let cases = grouped[suite], let first = cases.first?.testCase,
                let kind = DestinationKind(rawValue: first.destination),
                let action = Catalog.destination(kind).action(first.action)
            else { continue }
            var fields = first.mapping
            for field in action.fields where field.isHidden && fields[field.key] == nil { fields[field.key] = .null }
            suites.append(
                ConformanceSyncSuite(
                    name: String(format: "s%04d", index + 1), destination: kind, action: first.action,
                    change: change(of: first), columns: first.event["properties"]?.objectValue?.keys ?? [],
                    fields: fields, cases: cases))
        }
        return (suites, excluded)
    }

    private static func change(of testCase: ConformanceCase) -> RecordChange {
        if testCase.tags.contains("record:deleted") { return .deleted }
        return testCase.tags.contains("record:updated") ? .updated : .added
    }

    private static func exclusion(of result: ConformanceRun.Result) throws -> Exclusion? {
        let testCase = result.testCase
        if testCase.tags.contains("deliberate:lone-surrogate") { return .loneSurrogate }
        guard let kind = DestinationKind(rawValue: testCase.destination),
            let action = Catalog.destination(kind).action(testCase.action)
        else { return .refusedAtLoad }
        let loads =
            !testCase.tags.contains("deliberate:equivalent-keys")
            && testCase.mapping.keys.allSatisfy { action.field($0) != nil }
            && (try? MappingEngine.validate(testCase.mapping)) != nil
            && (kind == .connections || testCase.mapping[ProfileSpaceField.key] == "main")
        guard loads else { return .refusedAtLoad }
        let cells = testCase.event["properties"]?.objectValue?.entries.map(\.value) ?? []
        for cell in cells {
            switch cell {
            case .bool, .array, .object: return .typedCell
            case .string(let text) where text.unicodeScalars.contains("\u{0}"): return .nulCharacter
            default: continue
            }
        }
        return nil
    }

    /// The record id of a case's row.
    static func recordID(of testCase: ConformanceCase) -> String {
        testCase.event[RecordEvent.recordIDKey]?.stringValue ?? ""
    }

    /// The rows the table holds for the sync that sends the cases: theirs, but none for deleted records.
    var rows: [[JSONValue]] {
        guard change != .deleted else { return [] }
        return cases.map { result in
            let properties = result.testCase.event["properties"]?.objectValue ?? [:]
            return columns.map { properties[$0] ?? .null }
        }
    }

    /// The rows the table holds before that: none for added records; for updated ones each case's id
    /// with other values, so that the cases' rows are changes; for deleted ones each case's id.
    var rowsBefore: [[JSONValue]] {
        guard change != .added else { return [] }
        return cases.map { result in
            let id = JSONValue.string(Self.recordID(of: result.testCase))
            return columns.map { $0 == "id" ? id : (change == .updated ? "value before the update" : .null) }
        }
    }

    /// The mapping's entry in the workspace file.
    var mappingYAML: String {
        let records: RecordSelection = switch change {
        case .added: .added
        case .updated: .updated
        case .deleted: .deleted
        }
        let destinationName = destination == .connections ? "segment" : "profiles"
        return """
              - name: \(name)
                destination: \(destinationName)
                model: \(name)
                action: \(action)
                records: \(records.rawValue)
                fields: \(Self.asciiYAML(.object(fields)))

            """
    }

    /// `value`'s JSON with every character beyond ASCII escaped as YAML reads it (`\u00e9`,
    /// `\U0001f600`): YAML takes U+0085, U+2028 and U+2029 written as they are for line breaks.
    static func asciiYAML(_ value: JSONValue) -> String {
        var text = ""
        for scalar in JSONWriter.compact(value).unicodeScalars {
            switch scalar.value {
            case ..<0x7f: text.unicodeScalars.append(scalar)
            case ...0xffff: text += String(format: "\\u%04x", scalar.value)
            default: text += String(format: "\\U%08x", scalar.value)
            }
        }
        return text
    }
}

import Foundation
import Yams

/// Reads the composed YAML document into plain values, recording a diagnostic for every problem and
/// carrying on, so one load reports everything that is wrong.
struct WorkspaceNodeReader {
    let file: String
    private(set) var diagnostics: [WorkspaceDiagnostic] = []

    init(file: String) { self.file = file }

    /// One `key: value` pair of a mapping whose key is a string.
    struct Entry {
        let key: String
        let keyNode: Node
        let value: Node
    }

    /// A mapping that passed the key checks, with the key path it sits at.
    struct Keyed {
        let node: Node
        let keyPath: String
        let entries: [Entry]

        func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }
        func path(_ key: String) -> String { WorkspaceNodeReader.join(keyPath, key) }
    }

    static func join(_ keyPath: String, _ key: String) -> String {
        keyPath.isEmpty ? key : keyPath + "." + key
    }

    func location(of node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    mutating func report(_ node: Node, _ keyPath: String, _ message: String) {
        report(at: location(of: node), keyPath, message)
    }

    mutating func report(at location: SourceLocation, _ keyPath: String, _ message: String) {
        diagnostics.append(WorkspaceDiagnostic(location: location, keyPath: keyPath, message: message))
    }

    // MARK: Collections

    /// A mapping's entries in order, or `nil` (reported) when the node is not a mapping or a key is not a string.
    mutating func entries(of node: Node, at keyPath: String, expecting: String = "a mapping") -> [Entry]? {
        guard let mapping = node.mapping else {
            report(node, keyPath, "expected \(expecting) but found \(Self.describe(node))")
            return nil
        }
        var entries: [Entry] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string, !key.isEmpty else {
                report(keyNode, keyPath, "expected a name as the key but found \(Self.describe(keyNode))")
                continue
            }
            entries.append(Entry(key: key, keyNode: keyNode, value: value))
        }
        return entries
    }

    /// A mapping with only the allowed keys. Forbidden keys report their own message (secrets);
    /// other unknown keys report a "did you mean" hint.
    mutating func keyed(
        _ node: Node, at keyPath: String, allowed: [String], forbidden: [String: String] = [:]
    ) -> Keyed? {
        guard let entries = entries(of: node, at: keyPath) else { return nil }
        for entry in entries where !allowed.contains(entry.key) {
            let path = Self.join(keyPath, entry.key)
            if let message = forbidden[entry.key] {
                report(entry.keyNode, path, message)
            } else if let match = KeySuggestion.closest(to: entry.key, among: allowed) {
                report(entry.keyNode, path, "unknown key \(YAMLQuoting.quoted(entry.key)); did you mean \(YAMLQuoting.quoted(match))?")
            } else {
                report(entry.keyNode, path, "unknown key \(YAMLQuoting.quoted(entry.key)); expected one of: " + allowed.joined(separator: ", "))
            }
        }
        return Keyed(node: node, keyPath: keyPath, entries: entries.filter { allowed.contains($0.key) })
    }

    // MARK: Scalars

    /// The text of a scalar value. A missing or null optional value is `nil` without a report.
    mutating func string(_ keyed: Keyed, _ key: String, required: Bool) -> String? {
        guard let entry = present(keyed, key, required: required) else { return nil }
        return scalarText(entry.value, at: keyed.path(key), required: required)
    }

    /// The text of a scalar node (numbers and booleans as written); reports collections, and null when required.
    mutating func scalarText(_ node: Node, at keyPath: String, required: Bool) -> String? {
        guard let scalar = node.scalar else {
            report(node, keyPath, "expected a string but found \(Self.describe(node))")
            return nil
        }
        if case .success(.null) = YAMLCoreSchema.interpret(scalar) {
            if required { report(node, keyPath, "expected a string but found null") }
            return nil
        }
        if required && scalar.string.trimmingCharacters(in: .whitespaces).isEmpty {
            report(node, keyPath, "expected a non-empty string")
            return nil
        }
        return scalar.string
    }

    mutating func bool(_ keyed: Keyed, _ key: String, default fallback: Bool) -> Bool {
        guard let entry = present(keyed, key, required: false) else { return fallback }
        if let scalar = entry.value.scalar, case .success(.bool(let flag)) = YAMLCoreSchema.interpret(scalar) {
            return flag
        }
        report(entry.value, keyed.path(key), "expected true or false but found \(Self.describe(entry.value))")
        return fallback
    }

    mutating func integer(_ keyed: Keyed, _ key: String, required: Bool, in range: ClosedRange<Int>, meaning: String) -> Int? {
        guard let entry = present(keyed, key, required: required) else { return nil }
        if let scalar = entry.value.scalar, case .success(.integer(let number)) = YAMLCoreSchema.interpret(scalar),
            let value = Int(exactly: number), range.contains(value)
        {
            return value
        }
        report(entry.value, keyed.path(key), "expected \(meaning) but found \(Self.describe(entry.value))")
        return nil
    }

    /// One of a fixed set of words.
    mutating func choice<T>(_ keyed: Keyed, _ key: String, required: Bool, options: [(word: String, value: T)]) -> T? {
        guard let entry = present(keyed, key, required: required) else { return nil }
        return choice(entry.value, at: keyed.path(key), options: options)
    }

    mutating func choice<T>(_ node: Node, at keyPath: String, options: [(word: String, value: T)]) -> T? {
        if let text = node.scalar?.string, let match = options.first(where: { $0.word == text }) {
            return match.value
        }
        let words = options.map(\.word).joined(separator: ", ")
        report(node, keyPath, "expected one of \(words) but found \(Self.describe(node))")
        return nil
    }

    /// The entry for `key`, reporting it when required and missing. A null value counts as present.
    mutating func present(_ keyed: Keyed, _ key: String, required: Bool) -> Entry? {
        if let entry = keyed.entry(key) {
            if !required, let scalar = entry.value.scalar, case .success(.null) = YAMLCoreSchema.interpret(scalar) {
                return nil
            }
            return entry
        }
        if required { report(keyed.node, keyed.keyPath, "missing required key \(YAMLQuoting.quoted(key))") }
        return nil
    }

    /// How a value reads in "but found …": scalars as quoted text, collections by kind.
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if case .success(.null) = YAMLCoreSchema.interpret(scalar) { return "null" }
            return YAMLQuoting.quoted(scalar.string)
        }
    }
}

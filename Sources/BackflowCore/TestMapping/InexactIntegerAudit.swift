/// A mapped integer that JavaScript cannot hold digit for digit: beyond ±2^53 a JavaScript number is
/// the nearest double, so `9007199254740993` reads as `9007199254740992` and `9223372036854775807`
/// prints as `9223372036854776000`. Backflow sends such integers exactly, on purpose (a warehouse's
/// 64-bit ids stay intact); Segment's own runtime, and any JavaScript consumer of the message, would
/// change their digits. Test Mapping points this out on the record where it happens.
public struct InexactIntegerWarning: Sendable, Hashable, CustomStringConvertible {
    /// Where the integer is in the mapping's resolved fields: `user_id`, `traits.order_count`,
    /// `properties.ids[1]`.
    public let field: String
    /// The integer as Backflow sends it.
    public let value: Int64
    /// Whether the field holds the integer's digits inside text (a template, a string field) rather
    /// than the number itself.
    public let isInText: Bool

    /// The integer as JavaScript holds and writes it.
    public var javaScriptText: String { JavaScriptNumberText.string(Double(value)) }

    /// `traits.order_count: 9007199254740993 is beyond JavaScript's exact integers (±2^53): …`.
    public var description: String {
        let held = isInText ? "text made from it would read" : "it would read as"
        return "\(field): \(value) is beyond JavaScript's exact integers (±2^53): Backflow sends it exactly, "
            + "but in Segment's JavaScript runtime and for JavaScript consumers \(held) \(javaScriptText)"
    }

    /// The warning for `--json` output.
    public var document: JSONValue {
        .object([
            "field": .string(field), "value": .integer(value), "in_text": .bool(isInText),
            "javascript": .string(javaScriptText), "message": .string(description),
        ])
    }
}

/// Finds the values of a record's resolved fields that JavaScript would change (see
/// ``InexactIntegerWarning``): every such integer of the payload (a column's, a literal's, one `@json`
/// decoded from text), and text made from one of the event's, found by resolving the mapping a second
/// time over the event with each such integer replaced by the double JavaScript holds for it, so that
/// a template over such a column is told from the record id, whose text JavaScript keeps. Only what
/// reaches the message counts: a key the action drops warns of nothing.
enum InexactIntegerAudit {
    static func warnings(
        of result: MappingTestResult, mapping: Result<PreparedMapping, MappingError>
    ) -> [InexactIntegerWarning] {
        guard result.isValid, let payload = result.payload, let bytes = result.messageBytes else { return [] }
        var inEvent = Set<Int64>()
        collectInexactIntegers(in: .object(result.event), into: &inEvent)
        // Text can only differ where the event holds such an integer; an integer of the payload (a
        // column's, or a literal's) is one JavaScript changes wherever it comes from.
        let rounded: JSONObject? =
            if !inEvent.isEmpty, case .object(let event) = roundedAsJavaScript(.object(result.event)) {
                try? mapping.get().transform(data: event)
            } else { nil }
        let message = String(decoding: bytes, as: UTF8.self)
        var warnings: [InexactIntegerWarning] = []
        func compare(_ exact: JSONValue, _ javaScript: JSONValue?, at path: String) {
            switch (exact, javaScript) {
            case (.integer(let integer), _) where isInexact(integer) && message.contains(String(integer)):
                warnings.append(InexactIntegerWarning(field: path, value: integer, isInText: false))
            case (.string(let text), .string(let other)?) where text != other:
                for integer in inEvent.sorted() where text.contains(String(integer)) && message.contains(String(integer)) {
                    warnings.append(InexactIntegerWarning(field: path, value: integer, isInText: true))
                }
            case (.array(let items), let other):
                let others = other?.arrayValue ?? []
                for (index, item) in items.enumerated() {
                    compare(item, others.indices.contains(index) ? others[index] : nil, at: "\(path)[\(index)]")
                }
            case (.object(let object), let other):
                for (key, member) in object.entries {
                    compare(member, other?.objectValue?[key], at: path.isEmpty ? key : "\(path).\(key)")
                }
            default:
                break
            }
        }
        compare(.object(payload), rounded.map(JSONValue.object), at: "")
        return warnings
    }

    /// Whether JavaScript's number for `integer` writes other digits.
    static func isInexact(_ integer: Int64) -> Bool {
        integer.magnitude > 1 << 53 && JavaScriptNumberText.string(Double(integer)) != String(integer)
    }

    /// `value` with every integer JavaScript cannot hold replaced by the double it holds instead.
    static func roundedAsJavaScript(_ value: JSONValue) -> JSONValue {
        switch value {
        case .integer(let integer) where isInexact(integer): .number(Double(integer))
        case .array(let items): .array(items.map(roundedAsJavaScript))
        case .object(let object): .object(JSONObject(object.entries.map { ($0.key, roundedAsJavaScript($0.value)) }))
        default: value
        }
    }

    private static func collectInexactIntegers(in value: JSONValue, into found: inout Set<Int64>) {
        switch value {
        case .integer(let integer) where isInexact(integer): found.insert(integer)
        case .array(let items): for item in items { collectInexactIntegers(in: item, into: &found) }
        case .object(let object): object.forEachEntry { _, member in collectInexactIntegers(in: member, into: &found) }
        default: break
        }
    }
}

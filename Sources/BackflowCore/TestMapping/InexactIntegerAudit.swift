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

/// Finds the integers of a record's resolved fields that JavaScript would change (see
/// ``InexactIntegerWarning``): the integers themselves, and text holding the digits of one of the
/// event's such integers (a template's placeholder, a number coerced to a string field). Only what
/// reaches the message counts: a key the action drops warns of nothing.
enum InexactIntegerAudit {
    static func warnings(payload: JSONObject, event: JSONObject, messageBytes: [UInt8]) -> [InexactIntegerWarning] {
        var inEvent = Set<Int64>()
        collectInexactIntegers(in: .object(event), into: &inEvent)
        let eventDigits = inEvent.sorted().map { ($0, String($0)) }
        let message = String(decoding: messageBytes, as: UTF8.self)
        var warnings: [InexactIntegerWarning] = []
        func visit(_ value: JSONValue, at path: String) {
            switch value {
            case .integer(let integer) where isInexact(integer) && message.contains(String(integer)):
                warnings.append(InexactIntegerWarning(field: path, value: integer, isInText: false))
            case .string(let text):
                for (integer, digits) in eventDigits where text.contains(digits) && message.contains(digits) {
                    warnings.append(InexactIntegerWarning(field: path, value: integer, isInText: true))
                }
            case .array(let items):
                for (index, item) in items.enumerated() { visit(item, at: "\(path)[\(index)]") }
            case .object(let object):
                for (key, member) in object.entries { visit(member, at: path.isEmpty ? key : "\(path).\(key)") }
            default:
                break
            }
        }
        visit(.object(payload), at: "")
        return warnings
    }

    /// Whether JavaScript's number for `integer` writes other digits.
    static func isInexact(_ integer: Int64) -> Bool {
        integer.magnitude > 1 << 53 && JavaScriptNumberText.string(Double(integer)) != String(integer)
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

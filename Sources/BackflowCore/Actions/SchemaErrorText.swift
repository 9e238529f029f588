/// Validation error texts worded as Segment's `ajv-human-errors` words them with field labels as
/// subjects: the subject is the failing field's label, or "the root value" / "the value at <pointer>"
/// where there is none; the first letter is capitalized and a full stop appended.
enum SchemaErrorText {
    static func missingField(_ key: String, subject: String) -> String {
        sentence("\(subject) is missing the required field '\(key)'")
    }

    static func wrongType(expected: [JSONSchemaType], actual: JSONValue, subject: String) -> String {
        let list = humanizedList(expected.map(\.rawValue))
        return sentence("\(subject) must be \(indefiniteArticle(list)) \(list) but it was \(humanizedType(of: actual))")
    }

    static func invalidFormat(_ format: String, subject: String) -> String {
        sentence("\(subject) must be a valid \(format) string but it was not")
    }

    static func subject(label: String, pointer: String) -> String {
        if !label.isEmpty { return label }
        return pointer.isEmpty ? "the root value" : "the value at \(pointer)"
    }

    private static func sentence(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst() + "."
    }

    private static func humanizedList(_ items: [String]) -> String {
        switch items.count {
        case 0: return "nothing"
        case 1: return items[0]
        case 2: return "\(items[0]) or \(items[1])"
        default: return items.dropLast().joined(separator: ", ") + ", or " + items[items.count - 1]
        }
    }

    private static func indefiniteArticle(_ word: String) -> String {
        guard let first = word.first else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }

    private static func humanizedType(of value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .array: return "an array"
        case .object: return "an object"
        case .string: return "a string"
        case .integer, .number: return "a number"
        case .bool: return "a boolean"
        }
    }
}

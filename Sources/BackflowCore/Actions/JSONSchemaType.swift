/// A JSON Schema type name, as the validator checks and coerces values against it.
enum JSONSchemaType: String {
    case string, number, integer, boolean, null, object, array

    /// The types a single value of `field` may have, in the order Segment's schema lists them
    /// (coercion tries them in this order).
    static func types(of field: ActionField) -> [JSONSchemaType] {
        var types: [JSONSchemaType]
        switch field.type {
        case .string, .password: types = [.string]
        case .datetime: types = [.string, .number]
        case .number: types = [.number]
        case .integer: types = [.integer]
        case .boolean: types = [.boolean]
        case .object: types = [.object]
        }
        if field.allowsNull { types.append(.null) }
        return types
    }

    /// Whether `value` matches one of ``types(of:)`` as it is, without building the list.
    static func anyType(of field: ActionField, matches value: JSONValue) -> Bool {
        if field.allowsNull, case .null = value { return true }
        switch field.type {
        case .string, .password: return JSONSchemaType.string.matches(value)
        case .datetime: return JSONSchemaType.string.matches(value) || JSONSchemaType.number.matches(value)
        case .number: return JSONSchemaType.number.matches(value)
        case .integer: return JSONSchemaType.integer.matches(value)
        case .boolean: return JSONSchemaType.boolean.matches(value)
        case .object: return JSONSchemaType.object.matches(value)
        }
    }

    /// Ajv's type check with `strictNumbers`: `Infinity` and `NaN` (which `@json` decodes from `1e400`)
    /// are not numbers.
    func matches(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.string, .string), (.boolean, .bool), (.null, .null), (.object, .object), (.array, .array),
            (.number, .integer), (.integer, .integer):
            return true
        case (.number, .number(let number)):
            return number.isFinite
        case (.integer, .number(let number)):
            return number.isFinite && number.rounded() == number
        default:
            return false
        }
    }

    /// The value converted to this type by Ajv's `coerceTypes` rules, or `nil` when it does not convert.
    func coerce(_ value: JSONValue) -> JSONValue? {
        switch (self, value) {
        case (.string, .integer), (.string, .number), (.string, .bool):
            return .string(JavaScriptConversions.string(from: value))
        case (.string, .null):
            return .string("")
        case (.number, .bool(let flag)), (.integer, .bool(let flag)):
            return .integer(flag ? 1 : 0)
        case (.number, .null), (.integer, .null):
            return .integer(0)
        case (.number, .string(let text)) where !text.isEmpty:
            return JavaScriptConversions.number(from: text).map(JavaScriptConversions.value(of:))
        case (.integer, .string(let text)) where !text.isEmpty:
            guard let number = JavaScriptConversions.number(from: text), number.rounded() == number else { return nil }
            return JavaScriptConversions.value(of: number)
        case (.boolean, .string("false")), (.boolean, .null):
            return .bool(false)
        case (.boolean, .string("true")):
            return .bool(true)
        case (.boolean, .integer(0)), (.boolean, .number(0)):
            return .bool(false)
        case (.boolean, .integer(1)), (.boolean, .number(1)):
            return .bool(true)
        case (.null, .string("")), (.null, .integer(0)), (.null, .number(0)), (.null, .bool(false)):
            return .null
        default:
            return nil
        }
    }

    /// Whether Ajv coerces values to this type at all (objects and arrays are never produced by coercion).
    var isCoercible: Bool {
        switch self {
        case .string, .number, .integer, .boolean, .null: true
        case .object, .array: false
        }
    }
}

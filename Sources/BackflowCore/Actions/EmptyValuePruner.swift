/// Drops empty values from a resolved payload before validation, as Segment's `removeEmptyValues` does:
/// `null` goes unless the field allows it; `""` goes at the top level always (so a field mapped to an
/// empty string counts as missing) and below it wherever the field is not a string. Only fields the
/// action declares are looked at; free-form objects are never looked inside.
enum EmptyValuePruner {
    static func prune(_ payload: JSONObject, fields: [ActionField]) -> JSONObject {
        prune(payload, fields: fields, isRoot: true)
    }

    private static func prune(_ object: JSONObject, fields: [ActionField], isRoot: Bool) -> JSONObject {
        var result = object
        // By index: a field bound by `for field in fields` is a copy, retained and released for each
        // of an action's fields on every record, though the payload holds few of them.
        for index in fields.indices {
            guard let value = object[fields[index].key], mayChange(value, field: fields[index], isRoot: isRoot) else {
                continue
            }
            result[fields[index].key] = prune(value, field: fields[index], isRoot: isRoot)
        }
        return result
    }

    /// False when ``prune(_:field:isRoot:)`` would keep `value` as it is, so the object is not
    /// written to (and its storage not copied) for the values that stay, nearly all of them.
    private static func mayChange(_ value: JSONValue, field: ActionField, isRoot: Bool) -> Bool {
        switch value {
        case .null: !field.allowsNull
        case .string(let text): text.isEmpty && (isRoot || !field.acceptsStrings)
        case .object: field.properties != nil
        case .array: field.isMultiple
        case .bool, .integer, .number: false
        }
    }

    /// The value to keep for `field`, or `nil` to drop it.
    private static func prune(_ value: JSONValue, field: ActionField, isRoot: Bool) -> JSONValue? {
        switch value {
        case .null where !field.allowsNull:
            return nil
        case .string("") where isRoot || !field.acceptsStrings:
            return nil
        case .object(let object):
            guard let properties = field.properties else { return value }
            return .object(prune(object, fields: properties, isRoot: false))
        case .array(let elements) where field.isMultiple:
            let element = field.itemField
            return .array(elements.compactMap { prune($0, field: element, isRoot: false) })
        default:
            return value
        }
    }
}

extension ActionField {
    /// Whether the field's JSON Schema type includes `string`.
    var acceptsStrings: Bool {
        switch type {
        case .string, .password, .datetime: true
        case .object, .boolean, .number, .integer: false
        }
    }

    /// The schema of one element of a multiple field: the same field, single-valued and without a label,
    /// as Segment's field-to-schema conversion puts the label on the array only.
    var itemField: ActionField {
        ActionField(
            key: key, label: "", description: description, type: type, allowsNull: allowsNull,
            properties: properties, allowsAdditionalProperties: allowsAdditionalProperties)
    }
}

/// Validates a pruned payload against an action's fields with the semantics of Segment's Ajv setup
/// (`coerceTypes: 'array'`, `removeAdditional`, `allErrors`), returning the payload as `perform` would
/// receive it — values coerced, undeclared keys of closed objects removed — and every error found.
///
/// Errors come in Ajv's order: an object's missing required fields first, then its fields' own
/// errors in declaration order, depth first.
enum PayloadValidator {
    struct Outcome {
        var payload: JSONObject
        var errors: [ActionError]
    }

    static func validate(_ payload: JSONObject, fields: [ActionField]) -> Outcome {
        var errors: [ActionError] = []
        let validated = validateObject(
            wrappingMultipleFields(payload, fields: fields), fields: fields, isClosed: true, subject: "",
            pointer: { "" }, topField: nil, errors: &errors)
        return Outcome(payload: validated, errors: errors)
    }

    /// Segment wraps a single value given to a multiple field in an array before validating.
    private static func wrappingMultipleFields(_ payload: JSONObject, fields: [ActionField]) -> JSONObject {
        var result = payload
        for field in fields where field.isMultiple {
            if let value = payload[field.key], value.arrayValue == nil, !value.isNull {
                result[field.key] = .array([value])
            }
        }
        return result
    }

    /// `pointer` and `subject` closures build their text only when an error is reported: a valid
    /// payload, the common case, needs neither.
    private static func validateObject(
        _ object: JSONObject, fields: [ActionField], isClosed: Bool, subject: String, pointer: () -> String,
        topField: String?, errors: inout [ActionError]
    ) -> JSONObject {
        // Fields by index, as in ``EmptyValuePruner``: a bound copy of each costs a retain and a release.
        for index in fields.indices where fields[index].isRequired && object[fields[index].key] == nil {
            let field = fields[index]
            errors.append(
                ActionError(
                    .schema, field: topField ?? field.key,
                    message: SchemaErrorText.missingField(
                        field.key, subject: SchemaErrorText.subject(label: subject, pointer: pointer()))))
        }
        var result = object
        if isClosed {
            object.forEachEntry { key, _ in
                if !fields.indices.contains(where: { fields[$0].key.hasSameUTF8(as: key) }) { result[key] = nil }
            }
        }
        for index in fields.indices {
            guard let value = result[fields[index].key] else { continue }
            let field = fields[index]
            // Written back only when validation changed it: most values pass as they are, and an
            // object left alone is not copied.
            if let validated = validateValue(
                value, field: field, pointer: { pointer() + "/" + field.key }, topField: topField ?? field.key,
                errors: &errors)
            {
                result[field.key] = validated
            }
        }
        return result
    }

    /// The value as validation leaves it, or nil when that is `value` itself.
    private static func validateValue(
        _ value: JSONValue, field: ActionField, pointer: () -> String, topField: String, errors: inout [ActionError]
    ) -> JSONValue? {
        func subject() -> String { SchemaErrorText.subject(label: field.label, pointer: pointer()) }
        guard field.isMultiple else {
            return validateSingle(value, field: field, subject: subject, pointer: pointer, topField: topField, errors: &errors)
        }
        guard case .array(let elements) = value else {
            errors.append(
                ActionError(
                    .schema, field: topField,
                    message: SchemaErrorText.wrongType(expected: [.array], actual: value, subject: subject())))
            return nil
        }
        let item = field.itemField
        return .array(
            elements.enumerated().map { index, element in
                func elementPointer() -> String { "\(pointer())/\(index)" }
                func elementSubject() -> String { SchemaErrorText.subject(label: "", pointer: elementPointer()) }
                return validateSingle(
                    element, field: item, subject: elementSubject,
                    pointer: elementPointer, topField: topField, errors: &errors) ?? element
            })
    }

    /// One value checked against its field, coerced where Ajv would coerce it; nil when it stays as
    /// it is.
    private static func validateSingle(
        _ value: JSONValue, field: ActionField, subject: () -> String, pointer: () -> String, topField: String,
        errors: inout [ActionError]
    ) -> JSONValue? {
        var coercion: JSONValue?
        if !JSONSchemaType.anyType(of: field, matches: value) {
            let types = JSONSchemaType.types(of: field)
            guard let converted = coerced(value, to: types, field: field) else {
                errors.append(
                    ActionError(
                        .schema, field: topField,
                        message: SchemaErrorText.wrongType(
                            expected: types, actual: unwrappedForCoercion(value, field: field), subject: subject())))
                return nil
            }
            coercion = converted
        }
        let typed = coercion ?? value
        if case .object(let object) = typed, let properties = field.properties {
            return .object(
                validateObject(
                    object, fields: properties, isClosed: !field.allowsAdditionalProperties, subject: field.label,
                    pointer: pointer, topField: topField, errors: &errors))
        }
        if field.type == .datetime, case .string(let text) = typed, !DateLikeFormat.isValid(text) {
            errors.append(
                ActionError(.schema, field: topField, message: SchemaErrorText.invalidFormat("date-like", subject: subject())))
        }
        return coercion
    }

    /// The value as one of `types`, coercing as Ajv does, or `nil` when it cannot be.
    private static func coerced(_ value: JSONValue, to types: [JSONSchemaType], field: ActionField) -> JSONValue? {
        if types.contains(where: { $0.matches(value) }) { return value }
        guard coercesValues(of: field) else { return nil }
        let candidate = unwrappedForCoercion(value, field: field)
        if types.contains(where: { $0.matches(candidate) }) { return candidate }
        for type in types where type.isCoercible {
            if let converted = type.coerce(candidate) { return converted }
        }
        return nil
    }

    /// Ajv's `'array'` coercion first takes the only element of a one-element array (and reports a
    /// failed coercion against that element).
    private static func unwrappedForCoercion(_ value: JSONValue, field: ActionField) -> JSONValue {
        guard coercesValues(of: field), case .array(let elements) = value, elements.count == 1 else { return value }
        return elements[0]
    }

    /// Ajv coerces only towards scalar types (and `null`): a field whose one type is `object`, such as
    /// Consent, gets no coercion at all, so not even a one-element array is unwrapped for it.
    private static func coercesValues(of field: ActionField) -> Bool {
        field.type != .object || field.allowsNull
    }
}

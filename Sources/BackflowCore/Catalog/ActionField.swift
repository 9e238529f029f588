/// The kinds of value a field accepts, as Segment's destination kit names them.
public enum FieldType: String, Sendable {
    case string, datetime, object, boolean, number, integer, password
}

/// One input of an action (or one destination setting): what the editor shows and what the runtime
/// validates a resolved value against.
///
/// An object field either lists fixed sub-``properties`` (a closed object: sub-keys it does not list are
/// dropped silently at run time, listed ones are type-coerced) or has none (free-form: every key is kept
/// untouched).
public struct ActionField: Sendable, Identifiable {
    /// The field's attributes, held once: validation walks an action's fields for every record of a
    /// sync, and copying a field then costs one reference instead of one per string and array.
    private final class Attributes: Sendable {
        let key: String
        let label: String
        let description: String
        let type: FieldType
        let isRequired: Bool
        let defaultMapping: JSONValue?
        let isHidden: Bool
        let allowsNull: Bool
        let isMultiple: Bool
        let properties: [ActionField]?
        let allowsAdditionalProperties: Bool
        let isDynamic: Bool

        init(
            key: String, label: String, description: String, type: FieldType, isRequired: Bool,
            defaultMapping: JSONValue?, isHidden: Bool, allowsNull: Bool, isMultiple: Bool,
            properties: [ActionField]?, allowsAdditionalProperties: Bool, isDynamic: Bool
        ) {
            self.key = key
            self.label = label
            self.description = description
            self.type = type
            self.isRequired = isRequired
            self.defaultMapping = defaultMapping
            self.isHidden = isHidden
            self.allowsNull = allowsNull
            self.isMultiple = isMultiple
            self.properties = properties
            self.allowsAdditionalProperties = allowsAdditionalProperties
            self.isDynamic = isDynamic
        }
    }

    private let attributes: Attributes

    public var key: String { attributes.key }
    public var label: String { attributes.label }
    public var description: String { attributes.description }
    public var type: FieldType { attributes.type }
    public var isRequired: Bool { attributes.isRequired }
    /// What a new mapping starts with; a hidden field's default also stands in for the field when a
    /// mapping does not mention it (see ``MappingDefaults``).
    public var defaultMapping: JSONValue? { attributes.defaultMapping }
    /// Hidden from the editor's field list, as Segment's editor hides it: such a field always holds its
    /// default unless the file says otherwise.
    public var isHidden: Bool { attributes.isHidden }
    /// Whether `null` is a value this field keeps instead of dropping it before validation.
    public var allowsNull: Bool { attributes.allowsNull }
    /// Whether the field takes an array of values of ``type``.
    public var isMultiple: Bool { attributes.isMultiple }
    /// Fixed sub-properties of an object field; `nil` when the object has none.
    public var properties: [ActionField]? { attributes.properties }
    /// Whether an object field explicitly accepts keys of its own choosing (a free-form key/value object).
    /// An object field with neither sub-properties nor this flag accepts any object without looking inside.
    public var allowsAdditionalProperties: Bool { attributes.allowsAdditionalProperties }
    /// Whether the editor offers the field's choices from a list computed at edit time.
    public var isDynamic: Bool { attributes.isDynamic }

    public var id: String { key }

    public init(
        key: String, label: String, description: String, type: FieldType, isRequired: Bool = false,
        defaultMapping: JSONValue? = nil, isHidden: Bool = false, allowsNull: Bool = false,
        isMultiple: Bool = false, properties: [ActionField]? = nil, allowsAdditionalProperties: Bool = false,
        isDynamic: Bool = false
    ) {
        attributes = Attributes(
            key: key, label: label, description: description, type: type, isRequired: isRequired,
            defaultMapping: defaultMapping, isHidden: isHidden, allowsNull: allowsNull, isMultiple: isMultiple,
            properties: properties, allowsAdditionalProperties: allowsAdditionalProperties, isDynamic: isDynamic)
    }

    /// The same field with another required flag (a shared field an action makes mandatory).
    func requiring(_ required: Bool = true) -> ActionField {
        copy(isRequired: required, properties: properties)
    }

    /// An equal field that shares no attributes object with this one (see ``Action/unshared()``).
    func unshared() -> ActionField {
        copy(isRequired: isRequired, properties: properties?.map { $0.unshared() })
    }

    private func copy(isRequired: Bool, properties: [ActionField]?) -> ActionField {
        ActionField(
            key: key, label: label, description: description, type: type, isRequired: isRequired,
            defaultMapping: defaultMapping, isHidden: isHidden, allowsNull: allowsNull, isMultiple: isMultiple,
            properties: properties, allowsAdditionalProperties: allowsAdditionalProperties, isDynamic: isDynamic)
    }

    /// The field's sub-property with this key, if it declares one.
    public func property(_ key: String) -> ActionField? {
        properties?.first { $0.key == key }
    }
}

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
    public let key: String
    public let label: String
    public let description: String
    public let type: FieldType
    public let isRequired: Bool
    /// What the editor pre-fills in a new mapping; never applied at run time.
    public let defaultMapping: JSONValue?
    /// Hidden from the editor's field list unless the user asks for it.
    public let isHidden: Bool
    /// Whether `null` is a value this field keeps instead of dropping it before validation.
    public let allowsNull: Bool
    /// Whether the field takes an array of values of ``type``.
    public let isMultiple: Bool
    /// Fixed sub-properties of an object field; `nil` when the object has none.
    public let properties: [ActionField]?
    /// Whether an object field explicitly accepts keys of its own choosing (a free-form key/value object).
    /// An object field with neither sub-properties nor this flag accepts any object without looking inside.
    public let allowsAdditionalProperties: Bool
    /// Whether the editor offers the field's choices from a list computed at edit time.
    public let isDynamic: Bool

    public var id: String { key }

    public init(
        key: String, label: String, description: String, type: FieldType, isRequired: Bool = false,
        defaultMapping: JSONValue? = nil, isHidden: Bool = false, allowsNull: Bool = false,
        isMultiple: Bool = false, properties: [ActionField]? = nil, allowsAdditionalProperties: Bool = false,
        isDynamic: Bool = false
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

    /// The same field with another required flag (a shared field an action makes mandatory).
    func requiring(_ required: Bool = true) -> ActionField {
        ActionField(
            key: key, label: label, description: description, type: type, isRequired: required,
            defaultMapping: defaultMapping, isHidden: isHidden, allowsNull: allowsNull, isMultiple: isMultiple,
            properties: properties, allowsAdditionalProperties: allowsAdditionalProperties, isDynamic: isDynamic)
    }

    /// The field's sub-property with this key, if it declares one.
    public func property(_ key: String) -> ActionField? {
        properties?.first { $0.key == key }
    }
}

/// A mapping value in the terms the editor offers: a warehouse column, a literal, a template, an object built
/// key by key, or anything else the mapping language can say (kept as written).
///
/// ``json`` builds the mapping JSON Segment reads; ``init(classifying:)`` goes the other way, so a mapping
/// loaded from disk opens in the friendliest editor that can show it without loss.
public enum MappingValue: Hashable, Sendable {
    /// A model column, read from the record's `properties`: `{"@path": "$.properties.<column>"}`.
    case column(String)
    /// A fixed value sent as is.
    case literal(JSONValue)
    /// A `@template` string with `{{properties.<column>}}` placeholders.
    case template(String)
    /// A plain object whose values are each a mapping value of their own.
    case object(JSONObject)
    /// Any other directive, or a raw array that holds directives.
    case other(JSONValue)

    /// The mapping JSON for this value.
    ///
    /// A literal is written raw unless it holds objects with `@` keys, which the language would read as
    /// directives even under `@literal` (that directive resolves what it wraps); such a literal is written as
    /// `{"@json": {"mode": "decode", "value": "<its JSON text>"}}`, which yields it back verbatim.
    public var json: JSONValue {
        switch self {
        case .column(let name):
            return .object(["@path": .string(Self.columnPathPrefix + name)])
        case .literal(let value):
            guard value.containsDirectiveKey else { return value }
            return .object(["@json": .object(["mode": "decode", "value": .string(JSONWriter.compact(value))])])
        case .template(let text):
            return .object(["@template": .string(text)])
        case .object(let object):
            return .object(object)
        case .other(let value):
            return value
        }
    }

    /// Reads a mapping value back into the editor's terms; what no friendlier case can show is `.other`.
    public init(classifying value: JSONValue) {
        guard case .object(let object) = value else {
            self = value.containsDirectiveKey ? .other(value) : .literal(value)
            return
        }
        guard object.keys.contains(where: { $0.hasPrefix("@") }) else {
            self = .object(object)
            return
        }
        self = Self.classifyDirective(object) ?? .other(value)
    }

    /// The path prefix under which a record's columns appear to a mapping (Reverse ETL puts them in `properties`).
    public static let columnPathPrefix = "$.properties."

    private static func classifyDirective(_ object: JSONObject) -> MappingValue? {
        guard object.count == 1, let (name, argument) = object.entries.first.map({ ($0.key, $0.value) }) else {
            return nil
        }
        switch (MappingDirective(rawValue: name), argument) {
        case (.path?, .string(let path)):
            guard path.hasPrefix(columnPathPrefix) else { return nil }
            let column = String(path.dropFirst(columnPathPrefix.count))
            return PathLookup.components(of: columnPathPrefix + column) == ["$", "properties", column] ? .column(column) : nil
        case (.template?, .string(let text)):
            return .template(text)
        case (.literal?, let wrapped) where !wrapped.containsDirectiveKey:
            return .literal(wrapped)
        case (.json?, .object(let options)):
            guard options.count == 2, options["mode"] == "decode", case .string(let text)? = options["value"],
                let decoded = try? JSONReader.parse(text)
            else { return nil }
            return .literal(decoded)
        default:
            return nil
        }
    }
}

extension JSONValue {
    /// Whether any object in this value, at any depth, has an `@`-prefixed key.
    var containsDirectiveKey: Bool {
        switch self {
        case .object(let object):
            return object.keys.contains { $0.hasPrefix("@") } || object.entries.contains { $0.value.containsDirectiveKey }
        case .array(let items):
            return items.contains { $0.containsDirectiveKey }
        case .null, .bool, .integer, .number, .string:
            return false
        }
    }
}

/// A value met while resolving a mapping: JSON, or JavaScript's `undefined`, which (unlike in
/// ``JSONValue``) may also sit inside arrays and objects until the final clean-up.
///
/// Keeping undefined inside containers matters: `@merge` lets a later undefined key overwrite an earlier
/// value, `JSON.stringify` turns undefined array elements into `null`, and so on. Values read from the
/// event stay wrapped as `.json`, so nothing is copied until a directive builds a new container.
indirect enum ResolvedValue {
    case undefined
    case json(JSONValue)
    case array([ResolvedValue])
    case object(ResolvedObject)

    init(_ value: JSONValue?) {
        self = value.map(ResolvedValue.json) ?? .undefined
    }

    var isUndefined: Bool {
        if case .undefined = self { return true }
        return false
    }

    var isNull: Bool {
        if case .json(.null) = self { return true }
        return false
    }

    var isUndefinedOrNull: Bool { isUndefined || isNull }

    var stringValue: String? {
        if case .json(.string(let text)) = self { return text }
        return nil
    }

    var isTruthy: Bool {
        switch self {
        case .undefined: return false
        case .json(let value): return value.isTruthy
        case .array, .object: return true
        }
    }

    /// Segment's `realTypeOf`: `undefined`, `null`, `boolean`, `number`, `string`, `array` or `object`.
    var typeName: String {
        switch self {
        case .undefined: return "undefined"
        case .json(let value): return value.typeName
        case .array: return "array"
        case .object: return "object"
        }
    }

    var isPlainObject: Bool { objectEntries != nil }
    var isArray: Bool { arrayItems != nil }

    var arrayItems: [ResolvedValue]? {
        switch self {
        case .array(let items): return items
        case .json(.array(let items)): return items.map(ResolvedValue.json)
        default: return nil
        }
    }

    var objectEntries: [(key: String, value: ResolvedValue)]? {
        switch self {
        case .object(let object): return object.entries
        case .json(.object(let object)): return object.entries.map { ($0.key, .json($0.value)) }
        default: return nil
        }
    }

    /// JavaScript's `value[key]` (see ``PathLookup``).
    func member(_ key: String) -> ResolvedValue {
        switch self {
        case .undefined: return .undefined
        case .json(let value): return ResolvedValue(value.member(key))
        case .array(let items):
            if key == "length" { return .json(.integer(Int64(items.count))) }
            guard let index = PathLookup.arrayIndex(key), index < items.count else { return .undefined }
            return items[index]
        case .object(let object): return object[key] ?? .undefined
        }
    }

    /// `get(value, path)` without any `$.` handling (see ``PathLookup/get(_:path:)``).
    func lookup(_ path: String) -> ResolvedValue {
        if path.isEmpty || path == "." { return self }
        var current = self
        for key in PathLookup.components(of: path) {
            guard current.isTruthy else { return current }
            current = current.member(key)
        }
        return current
    }

    /// Segment's `removeUndefined`: undefined object keys go, undefined array elements become `null`.
    var cleaned: JSONValue? {
        switch self {
        case .undefined: return nil
        case .json(let value): return value
        case .array(let items): return .array(items.map { $0.cleaned ?? .null })
        case .object(let object):
            var result = JSONObject()
            for (key, value) in object.entries { result[key] = value.cleaned }
            return .object(result)
        }
    }

    /// JavaScript's `String(value)`: arrays join their elements with `,` (null and undefined as empty),
    /// objects read `[object Object]`, numbers print as JavaScript prints them.
    var javaScriptString: String {
        switch self {
        case .undefined: return "undefined"
        case .json(.null): return "null"
        case .json(.bool(let flag)): return flag ? "true" : "false"
        case .json(.integer(let number)): return String(number)
        case .json(.number(let number)): return JavaScriptNumberText.string(number)
        case .json(.string(let text)): return text
        case .json(.object), .object: return "[object Object]"
        case .json(.array), .array:
            return (arrayItems ?? []).map { $0.isUndefinedOrNull ? "" : $0.javaScriptString }.joined(separator: ",")
        }
    }

    /// JavaScript's `value == ''` (loose equality), which `@if`'s `blank` uses: `0`, `false`, `""`, `[]` are equal.
    var looselyEqualsEmptyString: Bool {
        switch self {
        case .undefined, .json(.null): return false
        case .json(.bool(let flag)): return !flag
        case .json(.integer(let number)): return number == 0
        case .json(.number(let number)): return number == 0
        case .json(.string(let text)): return text.isEmpty
        case .json(.object), .object: return false
        case .json(.array), .array: return javaScriptString.isEmpty
        }
    }
}

/// An ordered object whose values may be undefined (a key set to undefined keeps its place, as in JavaScript).
struct ResolvedObject {
    private(set) var keys: [String] = []
    private var storage: [String: ResolvedValue] = [:]

    subscript(key: String) -> ResolvedValue? { storage[key] }

    /// Sets a key; an existing one keeps its place, a new one goes where JavaScript puts it
    /// (``JavaScriptPropertyOrder``): last, or among the leading array-index keys.
    mutating func set(_ key: String, _ value: ResolvedValue) {
        guard storage.updateValue(value, forKey: key) == nil else { return }
        if let arrayIndex = JavaScriptPropertyOrder.arrayIndex(key) {
            keys.insert(key, at: JavaScriptPropertyOrder.insertionPosition(of: arrayIndex, among: keys))
        } else {
            keys.append(key)
        }
    }

    var entries: [(key: String, value: ResolvedValue)] {
        keys.map { ($0, storage[$0]!) }
    }
}

import Foundation

/// A JSON value as Segment's runtime sees it.
///
/// Key order is part of the contract (the Tracking API messages Backflow shows and sends keep the
/// order Segment's actions build them in), so objects are ordered; see ``JSONObject``.
/// "Undefined" — a key that resolves to nothing — is modelled as `Optional.none`, never as a case here:
/// `null` is a value and is kept, undefined is dropped.
///
/// Integers are kept apart from doubles so that a warehouse `BIGINT` id survives exactly; the two
/// compare and hash numerically, as JavaScript numbers would.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

extension JSONValue: Hashable {
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.integer(a), .integer(b)): return a == b
        case let (.integer(a), .number(b)), let (.number(b), .integer(a)): return Double(a) == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .integer(let value): hasher.combine(Double(value))
        case .number(let value): hasher.combine(value)
        case .string(let value): hasher.combine(value)
        case .array(let value): hasher.combine(value)
        case .object(let value): hasher.combine(value)
        }
    }
}

extension JSONValue {
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The numeric value of `.integer` or `.number`.
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .number(let value): return value
        default: return nil
        }
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// JavaScript truthiness: `null`, `false`, `0`, `NaN` and `""` are falsy; arrays and objects are truthy.
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let value): return value
        case .integer(let value): return value != 0
        case .number(let value): return value != 0 && !value.isNaN
        case .string(let value): return !value.isEmpty
        case .array, .object: return true
        }
    }

    /// The JSON type's name as error messages spell it (`string`, `number`, `boolean`, `object`, `array`, `null`).
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .integer, .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements))
    }
}

/// A JSON object that orders its keys as a JavaScript object does: keys that are array indices
/// first, ascending, then the others in the order they were first set (``JavaScriptPropertyOrder``). Keys are told apart by their bytes, as JavaScript tells property names apart by
/// their code units: `"é"` precomposed and decomposed are two keys, though Swift's `==` equates them.
///
/// Messages and rows are small objects read and written millions of times in a sync, so entries
/// live in one array in key order, found by a linear scan while the object is small and through a
/// key index once it grows.
public struct JSONObject: Sendable {
    fileprivate struct Entry: Sendable {
        let key: String
        var value: JSONValue
    }

    /// Up to this many keys, a scan beats hashing the key.
    private static let linearScanLimit = 12

    private var storage: [Entry] = []
    private var index: [PropertyName: Int]?

    public init() {}

    /// Builds an object from pairs in order; a repeated key keeps its first position and its last value.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, JSONValue) {
        storage.reserveCapacity(pairs.underestimatedCount)
        for (key, value) in pairs { self[key] = value }
    }

    /// Builds an object from pairs whose keys are known to be distinct, in order, without looking
    /// each key up first.
    init(distinctKeys pairs: [(String, JSONValue)]) {
        storage.reserveCapacity(pairs.count)
        for (key, value) in pairs { appendDistinct(key, value) }
    }

    /// Where each key of a model's rows goes, worked out once per model from its column names: a
    /// row then takes its values in place, without checking each name for an array index, nor, for
    /// a wide row, hashing every name into a key index (the layout's index is shared).
    struct RowLayout: Sendable {
        fileprivate let keys: [(key: String, column: Int)]
        fileprivate let index: [PropertyName: Int]?
        /// How many columns a row has: more than keys when a name repeats.
        let columnCount: Int

        /// A repeated name keeps the position of its first column and the value of its last.
        init(columns names: [String]) {
            var positions = JSONObject()
            for (column, name) in names.enumerated() { positions[name] = .integer(Int64(column)) }
            keys = positions.storage.map { entry in
                guard case .integer(let column) = entry.value else {
                    preconditionFailure("a layout holds column numbers")
                }
                return (entry.key, Int(column))
            }
            index = positions.index
            columnCount = names.count
        }

        /// The keys in order.
        var keyNames: [String] { keys.map(\.key) }

        /// The column whose value the key at `position` holds.
        func column(atPosition position: Int) -> Int {
            keys[position].column
        }

        /// Whether the keys are exactly `names`, in that order, as ``JSONObject/hasKeys(_:)``.
        func hasKeys(_ names: [String]) -> Bool {
            keys.count == names.count && keys.indices.allSatisfy { keys[$0].key.hasSameUTF8(as: names[$0]) }
        }
    }

    /// A model row as an object: `value(i)` for column `i`, under the keys `layout` puts it.
    init(layout: RowLayout, value: (Int) -> JSONValue) {
        // Written in place: appending checked the capacity and the count for every column of every row.
        storage = Array(unsafeUninitializedCapacity: layout.keys.count) { entries, count in
            for (key, column) in layout.keys {
                (entries.baseAddress! + count).initialize(to: Entry(key: key, value: value(column)))
                count += 1
            }
        }
        index = layout.index
    }

    /// An empty object with room for `capacity` keys.
    init(reservingCapacity capacity: Int) {
        storage.reserveCapacity(capacity)
    }

    /// Adds a key known not to be in the object yet, without looking it up first: at the end, or
    /// among the leading array-index keys when it is one (see ``JavaScriptPropertyOrder``).
    mutating func appendDistinct(_ key: String, _ value: JSONValue) {
        if let arrayIndex = JavaScriptPropertyOrder.arrayIndex(key) {
            let position = JavaScriptPropertyOrder.insertionPosition(of: arrayIndex, among: storage.lazy.map(\.key))
            if position < storage.count {
                storage.insert(Entry(key: key, value: value), at: position)
                if index != nil || storage.count > Self.linearScanLimit { rebuildIndex() }
                return
            }
        }
        storage.append(Entry(key: key, value: value))
        if index != nil {
            index?[PropertyName(key)] = storage.count - 1
        } else if storage.count > Self.linearScanLimit {
            rebuildIndex()
        }
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    /// The keys in order.
    public var keys: [String] { storage.map(\.key) }

    /// The entries in key order.
    public var entries: [(key: String, value: JSONValue)] {
        storage.map { ($0.key, $0.value) }
    }

    /// Calls `body` with each entry in key order, lending the keys and values rather than copying
    /// them out as iterating does: a serializer visits every entry of every message.
    func forEachEntry(_ body: (String, JSONValue) -> Void) {
        for index in storage.indices { body(storage[index].key, storage[index].value) }
    }

    /// Whether some key satisfies `predicate`, lending the keys rather than copying entries out.
    func containsKey(where predicate: (String) -> Bool) -> Bool {
        storage.indices.contains { predicate(storage[$0].key) }
    }

    /// The value at `position` in key order.
    func value(atPosition position: Int) -> JSONValue {
        storage[position].value
    }

    /// Whether the keys are exactly `names`, in that order.
    func hasKeys(_ names: [String]) -> Bool {
        storage.count == names.count && storage.indices.allSatisfy { storage[$0].key.hasSameUTF8(as: names[$0]) }
    }

    private func position(of key: String) -> Int? {
        if let index { return index[PropertyName(key)] }
        for position in storage.indices where storage[position].key.hasSameUTF8(as: key) { return position }
        return nil
    }

    /// Reading a missing key gives `nil` (undefined); assigning `nil` removes the key.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { storage[$0].value } }
        set {
            if let newValue {
                if let existing = position(of: key) {
                    storage[existing].value = newValue
                } else {
                    appendDistinct(key, newValue)
                }
            } else if let existing = position(of: key) {
                storage.remove(at: existing)
                if index != nil { rebuildIndex() }
            }
        }
    }

    private mutating func rebuildIndex() {
        guard storage.count > Self.linearScanLimit else {
            index = nil
            return
        }
        var rebuilt: [PropertyName: Int] = [:]
        rebuilt.reserveCapacity(storage.count)
        for (position, entry) in storage.enumerated() { rebuilt[PropertyName(entry.key)] = position }
        index = rebuilt
    }

    public func contains(_ key: String) -> Bool { position(of: key) != nil }

    /// Sets every entry of `other` over this object, in `other`'s order (JavaScript's `{...a, ...b}`).
    public mutating func merge(_ other: JSONObject) {
        for entry in other.storage { self[entry.key] = entry.value }
    }
}

extension JSONObject: Hashable {
    /// Equal when both hold the same keys with equal values, whatever their order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.storage.allSatisfy { rhs[$0.key] == $0.value }
    }

    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for entry in storage {
            var entryHasher = Hasher()
            entryHasher.combine(entry.key)
            entryHasher.combine(entry.value)
            combined = combined &+ entryHasher.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}

extension JSONObject: Sequence {
    public struct Iterator: IteratorProtocol {
        fileprivate var base: IndexingIterator<[Entry]>

        public mutating func next() -> (key: String, value: JSONValue)? {
            base.next().map { ($0.key, $0.value) }
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(base: storage.makeIterator())
    }

    public var underestimatedCount: Int { storage.count }
}

extension String {
    /// Whether both strings hold the same UTF-8 bytes. Swift's `==` compares canonical equivalence
    /// instead, which equates spellings that JavaScript (and so Segment) keeps apart.
    ///
    /// Inlined: objects look keys up by it millions of times a sync, and a call costs more than the
    /// byte count comparison that settles most of them.
    @inline(__always)
    func hasSameUTF8(as other: String) -> Bool {
        if let settled = comparedByRepresentation(with: other) { return settled }
        let count = utf8.count
        guard count == other.utf8.count else { return false }
        guard count > 0 else { return true }
        let sameBytes = utf8.withContiguousStorageIfAvailable { bytes in
            other.utf8.withContiguousStorageIfAvailable { otherBytes in
                memcmp(bytes.baseAddress!, otherBytes.baseAddress!, count) == 0
            }
        }
        return sameBytes.flatMap { $0 } ?? utf8.elementsEqual(other.utf8)
    }

    /// Whether the strings hold the same bytes, when their two machine words alone tell; nil when
    /// only their bytes can.
    ///
    /// Equal words always mean equal text: a string of up to 15 UTF-8 bytes ("small") keeps them in
    /// the words, zero-padded, beside its count, and a longer one points at its buffer. Two small
    /// strings with different bytes or counts differ. Object keys and field names are nearly all
    /// small, so a lookup settles each key it passes with one comparison. Smallness is bit 61 of the
    /// second word on 64-bit platforms, where the standard library's string layout is fixed by its ABI.
    @inline(__always)
    private func comparedByRepresentation(with other: String) -> Bool? {
        #if _pointerBitWidth(_64)
            let words = unsafeBitCast(self, to: (UInt64, UInt64).self)
            let otherWords = unsafeBitCast(other, to: (UInt64, UInt64).self)
            if words.0 == otherWords.0 && words.1 == otherWords.1 { return true }
            let smallFlag: UInt64 = 1 << 61
            guard words.1 & otherWords.1 & smallFlag != 0 else { return nil }
            // Bit 62 of a small string only caches whether its bytes are ASCII, so it is left out.
            let asciiFlag: UInt64 = 1 << 62
            return words.0 == otherWords.0 && words.1 | asciiFlag == otherWords.1 | asciiFlag
        #else
            return nil
        #endif
    }
}

/// A key of ``JSONObject``'s index: equal and hashed by its UTF-8 bytes (see ``String/hasSameUTF8(as:)``).
private struct PropertyName: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: PropertyName, rhs: PropertyName) -> Bool { lhs.text.hasSameUTF8(as: rhs.text) }

    func hash(into hasher: inout Hasher) {
        text.withStoredUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

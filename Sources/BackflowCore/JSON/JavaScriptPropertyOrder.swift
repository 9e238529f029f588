/// The order of a JavaScript object's own string keys (ECMAScript's OrdinaryOwnPropertyKeys): keys
/// that are array indices (canonical decimal integers below 2³² − 1) come first in ascending order,
/// then every other key in the order it was first set.
///
/// Every object Segment's runtime builds or parses follows it (`{"b":1,"10":2,"2":3}` is written
/// `{"2":3,"10":2,"b":1}`), so every object Backflow builds keeps it as keys are added: ``JSONObject``
/// and the mapping engine's ``ResolvedObject`` both place keys through this one rule.
enum JavaScriptPropertyOrder {
    /// The key's array index, or nil for a key that is not one (`"01"`, `"-1"`, `"4294967295"`).
    static func arrayIndex(_ key: String) -> UInt32? {
        // Most keys do not start with a digit: settled on the first byte.
        guard let first = key.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return nil }
        guard let index = UInt32(key), index != UInt32.max, first != UInt8(ascii: "0") || key.utf8.count == 1
        else { return nil }
        return index
    }

    /// Where a new array-index key goes among `keys` (already in this order): after the leading
    /// array-index keys smaller than it.
    static func insertionPosition<Keys: Collection<String>>(of arrayIndex: UInt32, among keys: Keys) -> Int {
        var position = 0
        for key in keys {
            guard let existing = Self.arrayIndex(key), existing < arrayIndex else { break }
            position += 1
        }
        return position
    }

    /// `items` in the order an object keyed by `key` keeps them: array-index keys first, ascending,
    /// then the rest as they come.
    static func ordered<Item>(_ items: [Item], by key: (Item) -> String) -> [Item] {
        let indexed = items.compactMap { item in arrayIndex(key(item)).map { (index: $0, item: item) } }
        guard !indexed.isEmpty else { return items }
        return indexed.sorted { $0.index < $1.index }.map(\.item) + items.filter { arrayIndex(key($0)) == nil }
    }
}

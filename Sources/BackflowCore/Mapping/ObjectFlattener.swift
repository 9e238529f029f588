/// `@flatten`'s walk: nested keys joined by the separator, array indices used as keys (unless arrays are
/// kept whole), leaves kept as they are.
///
/// Empty nested objects and arrays leave nothing behind; a value that is not walked at all (a string, or
/// undefined) comes back under the empty key, as Segment's does (`{"": value}`; undefined then disappears).
struct ObjectFlattener {
    let separator: String
    let omitArrays: Bool

    func flatten(_ value: ResolvedValue, prefix: String = "") -> ResolvedObject {
        var result = ResolvedObject()
        let children = value.objectEntries ?? (omitArrays ? nil : value.arrayItems.map(Self.indexed))
        guard let children else {
            result.set(prefix, value)
            return result
        }
        for (key, child) in children {
            let childPrefix = prefix.isEmpty ? key : prefix + separator + key
            for (flatKey, leaf) in flatten(child, prefix: childPrefix).entries { result.set(flatKey, leaf) }
        }
        return result
    }

    private static func indexed(_ items: [ResolvedValue]) -> [(key: String, value: ResolvedValue)] {
        items.enumerated().map { (String($0.offset), $0.element) }
    }
}

/// The name under which a mapping's sync state is kept: table names and lock files are built from it,
/// so it is restricted to `^[a-z0-9_]{1,64}$`. See ``MappingIdentity/stateKey``.
enum StateKey {
    static let maximumLength = 64
    static let slugLength = 40

    static func isValid(_ key: String) -> Bool {
        (1...maximumLength).contains(key.utf8.count)
            && key.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }

    /// The key state had before workspace identities: a readable slug of `name` followed by 8 hex digits
    /// of its stable hash, so two names that slug alike ("Identify users" and "identify-users") still
    /// get different keys.
    static func forMapping(_ name: String) -> String {
        let hash = StableHash.hex(StableHash.fnv1a64(name))
        return slug(name, length: slugLength) + "_" + hash.prefix(8)
    }

    /// At most `length` of `a-z`, `0-9` and `_` from `name`, lowercased, other runs of characters
    /// becoming one `_`; `mapping` when nothing is left.
    static func slug(_ name: String, length: Int) -> String {
        var slug = ""
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("_") {
                slug += "_"
            }
        }
        slug = String(slug.prefix(length))
        while slug.hasSuffix("_") { slug.removeLast() }
        return slug.isEmpty ? "mapping" : slug
    }
}

/// The name under which a mapping's sync state is kept: table names and lock files are built from it,
/// so it is restricted to `^[a-z0-9_]{1,64}$`.
enum StateKey {
    static let maximumLength = 64
    static let slugLength = 40

    static func isValid(_ key: String) -> Bool {
        (1...maximumLength).contains(key.utf8.count)
            && key.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }

    /// A readable slug of `name` followed by 8 hex digits of its stable hash: two names that slug alike
    /// ("Identify users" and "identify-users") still get different keys.
    static func forMapping(_ name: String) -> String {
        var slug = ""
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("_") {
                slug += "_"
            }
        }
        slug = String(slug.prefix(slugLength))
        while slug.hasSuffix("_") { slug.removeLast() }
        if slug.isEmpty { slug = "mapping" }
        let hash = StableHash.hex(StableHash.fnv1a64(name))
        return slug + "_" + hash.prefix(8)
    }
}

/// FNV-1a hashing: stable across runs, processes and platforms (unlike `Hasher`), which is what
/// record checksums and message ids need. Not a cryptographic hash; nothing here needs one.
enum StableHash {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// 64-bit FNV-1a of the UTF-8 of `text`, starting from `seed`.
    static func fnv1a64(_ text: String, seed: UInt64 = offsetBasis) -> UInt64 {
        var hash = seed
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return hash
    }

    /// 64-bit FNV-1a of `bytes`, starting from `seed`.
    static func fnv1a64(_ bytes: [UInt8], seed: UInt64 = offsetBasis) -> UInt64 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return hash
    }

    /// `value` as exactly 16 lowercase hex digits.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

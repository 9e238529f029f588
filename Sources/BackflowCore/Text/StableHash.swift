/// FNV-1a hashing: stable across runs, processes and platforms (unlike `Hasher`), which is what
/// record checksums and message ids need. Not a cryptographic hash; nothing here needs one.
enum StableHash {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// 64-bit FNV-1a of the UTF-8 of `text`, starting from `seed`.
    static func fnv1a64(_ text: String, seed: UInt64 = offsetBasis) -> UInt64 {
        text.withStoredUTF8 { fnv1a64($0, seed: seed) }
    }

    /// 64-bit FNV-1a of `bytes`, starting from `seed`.
    static func fnv1a64(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = offsetBasis) -> UInt64 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return hash
    }

    /// 64-bit FNV-1a of `bytes`, starting from `seed`.
    static func fnv1a64(_ bytes: [UInt8], seed: UInt64 = offsetBasis) -> UInt64 {
        bytes.withUnsafeBufferPointer { fnv1a64($0, seed: seed) }
    }

    /// `prefix`, then `first` and `second` (when given) as exactly 16 lowercase hex digits each,
    /// written in one go, without an intermediate array.
    static func hex(_ first: UInt64, _ second: UInt64? = nil, prefix: StaticString = "") -> String {
        let count = prefix.utf8CodeUnitCount + (second == nil ? 16 : 32)
        return String(unsafeUninitializedCapacity: count) { buffer in
            writeHex(first, second, prefix: prefix, at: buffer.baseAddress!)
            return count
        }
    }

    /// Writes the text of ``hex(_:_:prefix:)`` at `start`, which has room for it.
    static func writeHex(_ first: UInt64, _ second: UInt64?, prefix: StaticString, at start: UnsafeMutablePointer<UInt8>) {
        start.initialize(from: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        let digits = start + prefix.utf8CodeUnitCount
        writeHex(first, at: digits)
        if let second { writeHex(second, at: digits + 16) }
    }

    /// Writes `value` as exactly 16 lowercase hex digits at `start`, a byte (two digits) at a time: a
    /// message id's text is written twice a record (the message, the run's log).
    private static func writeHex(_ value: UInt64, at start: UnsafeMutablePointer<UInt8>) {
        hexPairs.withUnsafeBufferPointer { pairs in
            for index in 0..<8 {
                let byte = Int(truncatingIfNeeded: value >> (56 - 8 * index)) & 0xFF
                start[2 * index] = pairs[2 * byte]
                start[2 * index + 1] = pairs[2 * byte + 1]
            }
        }
    }

    /// The two lowercase hex digits of every byte, in order: `00`, `01`, … `ff`.
    private static let hexPairs: [UInt8] = {
        let digits = Array("0123456789abcdef".utf8)
        var pairs: [UInt8] = []
        for byte in 0..<256 { pairs += [digits[byte >> 4], digits[byte & 0xF]] }
        return pairs
    }()
}

/// A message's id (see ``MessageIdentity``) as the two 64-bit hashes it is made of; its text, `bf-` and
/// 32 hex digits, is written only where it is read: in the message and in the run's log.
///
/// Kept as text, every record's id was a string allocated on a builder thread, retained and released
/// at each hand-off (built, batched, delivered, logged) by threads on both cores, and freed on the
/// thread that stores the run's log.
public struct MessageID: Sendable, Hashable, CustomStringConvertible {
    let high: UInt64
    let low: UInt64

    /// What the text starts with, before the two hashes' 32 hex digits.
    private static let prefix: StaticString = "bf-"
    private static let textLength = prefix.utf8CodeUnitCount + 32

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The text, as the message carries it.
    public var description: String {
        StableHash.hex(high, low, prefix: Self.prefix)
    }

    /// Calls `body` with the UTF-8 of the text, written on the stack.
    func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.textLength) { buffer in
            StableHash.writeHex(high, low, prefix: Self.prefix, at: buffer.baseAddress!)
            return body(UnsafeBufferPointer(buffer))
        }
    }
}

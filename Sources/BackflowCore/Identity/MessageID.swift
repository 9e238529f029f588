/// A message's id (see ``MessageIdentity``) as the two 64-bit hashes it is made of; its text, `bf-` and
/// 32 hex digits, is written only where it is read: in the message and in the run's log.
///
/// Kept as text, every record's id was a string allocated on a builder thread, retained and released
/// at each hand-off (built, batched, delivered, logged) by threads on both cores, and freed on the
/// thread that stores the run's log.
public struct MessageID: Sendable, Hashable, CustomStringConvertible {
    let high: UInt64
    let low: UInt64

    /// The length of the text: `bf-` and 32 hex digits.
    static let textLength = 35

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The text, as the message carries it.
    public var description: String {
        String(unsafeUninitializedCapacity: Self.textLength) { buffer in
            write(at: buffer.baseAddress!)
            return Self.textLength
        }
    }

    /// Calls `body` with the UTF-8 of the text, written on the stack.
    func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.textLength) { buffer in
            write(at: buffer.baseAddress!)
            return body(UnsafeBufferPointer(buffer))
        }
    }

    private func write(at start: UnsafeMutablePointer<UInt8>) {
        start[0] = UInt8(ascii: "b")
        start[1] = UInt8(ascii: "f")
        start[2] = UInt8(ascii: "-")
        StableHash.writeHex(high, at: start + 3)
        StableHash.writeHex(low, at: start + 19)
    }
}

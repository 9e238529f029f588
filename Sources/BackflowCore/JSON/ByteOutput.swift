/// Where JSON text is written a piece at a time: an array of bytes, or a message builder's
/// ``BoundedByteWriter``.
protocol ByteOutput {
    mutating func append(_ byte: UInt8)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>)
}

extension ByteOutput {
    mutating func append(ascii text: StaticString) {
        append(bytes: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ byte: UInt8, times count: Int) {
        for _ in 0..<count { append(byte) }
    }
}

extension Array: ByteOutput where Element == UInt8 {
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        append(contentsOf: bytes)
    }
}

/// Writes into a buffer of fixed size, and notes when something did not fit instead of growing.
///
/// A sync's messages are written piece by piece, some thirty pieces a message: appending to an array
/// checked its uniqueness and capacity each time, several times the cost of copying the piece. A
/// message over the Tracking API's limit is not sent as planned anyway, so a builder writes into a
/// buffer of the limit's size and drops the message that overflows it.
struct BoundedByteWriter: ByteOutput {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    /// How many bytes have been written, from the start of the buffer.
    private(set) var count = 0
    /// Whether some bytes did not fit: what was written is then not the whole text.
    private(set) var overflowed = false

    init(into buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    /// The bytes written so far.
    var written: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: buffer[..<count])
    }

    mutating func append(_ byte: UInt8) {
        guard count < buffer.count else { return overflowed = true }
        buffer[count] = byte
        count += 1
    }

    mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= buffer.count - count else { return overflowed = true }
        guard let source = bytes.baseAddress, let base = buffer.baseAddress else { return }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }
}

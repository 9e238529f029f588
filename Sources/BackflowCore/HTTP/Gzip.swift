import CZlib

/// Why a gzip stream could not be inflated.
public enum GzipError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not a valid gzip stream (zlib's message attached).
    case corrupt(String)
    /// The inflated bytes would exceed the caller's limit; inflation stops there.
    case tooLarge(limit: Int)

    public var description: String {
        switch self {
        case .corrupt(let reason): "the gzip body is corrupt: \(reason)"
        case .tooLarge(let limit): "the gzip body inflates to more than \(limit) bytes"
        }
    }
}

/// gzip (RFC 1952) over zlib, for `Content-Encoding: gzip` request bodies.
public enum Gzip {
    /// zlib's `windowBits` for a gzip header and trailer around a 32 KB window.
    private static let gzipWindowBits: Int32 = 15 + 16
    private static let chunkSize = 64 * 1024

    /// Compresses `bytes` into one gzip member at zlib's fastest level: batch bodies are repetitive
    /// JSON, which even the fastest level shrinks several times over, and a sync compresses hundreds
    /// of them, so the CPU is better spent building messages.
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        let initStatus = deflateInit2_(
            &stream, Z_BEST_SPEED, Z_DEFLATED, gzipWindowBits, 8, Z_DEFAULT_STRATEGY,
            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        precondition(initStatus == Z_OK, "zlib deflateInit2 failed with status \(initStatus)")
        defer { deflateEnd(&stream) }

        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 32)
        var input = bytes
        let status = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        precondition(status == Z_STREAM_END, "zlib deflate did not finish within deflateBound (status \(status))")
        output.removeLast(output.count - Int(stream.total_out))
        return output
    }

    /// Inflates a gzip stream, refusing to produce more than `limit` bytes (a small body can
    /// inflate to gigabytes, so a receiver must cap it).
    public static func decompress(_ bytes: [UInt8], limit: Int = Int.max) throws(GzipError) -> [UInt8] {
        var stream = z_stream()
        let initStatus = inflateInit2_(&stream, gzipWindowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { throw .corrupt("zlib inflateInit2 failed with status \(initStatus)") }
        defer { inflateEnd(&stream) }

        var input = bytes
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        let outcome: Result<Void, GzipError> = input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = uInt(chunkBuffer.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, chunkBuffer.count - Int(stream.avail_out))
                }
                if output.count + produced > limit { return .failure(.tooLarge(limit: limit)) }
                output.append(contentsOf: chunk[0..<produced])
                switch status {
                case Z_STREAM_END:
                    return .success(())
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    return .failure(.corrupt("the stream ends early"))
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                    return .failure(.corrupt(message))
                }
            }
        }
        try outcome.get()
        return output
    }
}

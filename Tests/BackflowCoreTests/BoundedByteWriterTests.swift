import Testing

@testable import BackflowCore

/// A message builder's writer keeps exactly what fits its buffer and says when something did not:
/// a message of the buffer's size is whole, one byte more is dropped.
@Suite("Bounded byte writer")
struct BoundedByteWriterTests {
    @Test func writesUpToItsSizeAndMarksWhatDoesNotFit() {
        var buffer = [UInt8](repeating: 0, count: 8)
        buffer.withUnsafeMutableBufferPointer { buffer in
            var writer = BoundedByteWriter(into: buffer)
            writer.append(ascii: "abc")
            writer.append(UInt8(ascii: "d"))
            [UInt8]("efgh".utf8).withUnsafeBufferPointer { writer.append(bytes: $0) }
            #expect(Array(writer.written) == Array("abcdefgh".utf8))
            #expect(!writer.overflowed)
            writer.append(UInt8(ascii: "i"))
            #expect(writer.overflowed)
            #expect(writer.count == 8)
        }
    }

    @Test func aPieceLargerThanTheRoomLeftIsDroppedWhole() {
        var buffer = [UInt8](repeating: 0, count: 4)
        buffer.withUnsafeMutableBufferPointer { buffer in
            var writer = BoundedByteWriter(into: buffer)
            writer.append(ascii: "ab")
            writer.append(ascii: "cde")
            #expect(writer.overflowed)
            #expect(Array(writer.written) == Array("ab".utf8))
        }
    }

    /// JSON written through the writer is the JSON written into an array.
    @Test func writesTheJSONAnArrayGets() {
        let value: JSONValue = ["name": "Zoë \"q\"\n", "n": -42, "r": 1e21, "small": 2.5e-7, "list": [true, nil]]
        var buffer = [UInt8](repeating: 0, count: 256)
        let written = buffer.withUnsafeMutableBufferPointer { buffer in
            var writer = BoundedByteWriter(into: buffer)
            JSONWriter.write(value, into: &writer, indent: nil, depth: 0)
            return Array(writer.written)
        }
        #expect(written == JSONWriter.compactBytes(value))
    }
}

import Testing

@testable import BackflowCore

/// `StableHash.hex` and ``MessageID`` write the text of every message id and checksum: 16 lowercase
/// digits a value, leading zeros kept, after the prefix.
@Suite struct StableHashHexTests {
    @Test func writesSixteenLowercaseDigitsAValue() {
        #expect(StableHash.hex(0x0123_4567_89ab_cdef) == "0123456789abcdef")
        #expect(StableHash.hex(0, prefix: "bf-") == "bf-0000000000000000")
        #expect(StableHash.hex(.max, 1, prefix: "x") == "xffffffffffffffff0000000000000001")
    }

    @Test func agreesWithSwiftsRadixSixteen() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let first = UInt64.random(in: .min ... .max, using: &generator) >> UInt64.random(in: 0...63, using: &generator)
            let second = UInt64.random(in: .min ... .max, using: &generator)
            func padded(_ value: UInt64) -> String {
                let digits = String(value, radix: 16)
                return String(repeating: "0", count: 16 - digits.count) + digits
            }
            #expect(StableHash.hex(first, second, prefix: "bf-") == "bf-" + padded(first) + padded(second))
            #expect(StableHash.hex(first) == padded(first))
            let id = MessageID(high: first, low: second)
            #expect(id.description == "bf-" + padded(first) + padded(second))
            #expect(id.withUTF8 { String(decoding: $0, as: UTF8.self) } == id.description)
        }
    }
}

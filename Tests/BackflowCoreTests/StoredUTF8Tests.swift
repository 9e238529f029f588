import Foundation
import Testing

@testable import BackflowCore

/// `withStoredUTF8` hands out a string's UTF-8 bytes without copying the string first: message ids,
/// checksums, JSON strings and SQLite bindings read every record's text through it.
@Suite struct StoredUTF8Tests {
    /// Strings of every storage: empty, inline (up to 15 bytes) and on the heap, ASCII and not, with
    /// a NUL inside, cut from a longer one, repaired from bad UTF-8, and made by Foundation.
    static let samples: [String] = [
        "", "a", "fifteen bytes!!", "sixteen bytes!!!", "user1000000@example.com",
        "café ☕️ 東京 👩🏽‍💻", "nul\u{0}inside", String("a longer text, of which a part is taken"[...].dropFirst(2)),
        String(decoding: [0x66, 0xFF, 0x6F], as: UTF8.self),
        NSString(string: "from Foundation, long enough") as String,
        String(repeating: "é", count: 5_000),
    ]

    @Test(arguments: samples)
    func handsOutTheStringsOwnBytes(_ text: String) {
        #expect(text.withStoredUTF8 { Array($0) } == Array(text.utf8))
    }

    @Test func passesOnWhatTheBodyThrows() {
        struct Stop: Error {}
        #expect(throws: Stop.self) { try "text".withStoredUTF8 { _ in throw Stop() } }
    }

    /// The hash of a string is the hash of its bytes.
    @Test(arguments: samples)
    func hashesTheStringsBytes(_ text: String) {
        #expect(StableHash.fnv1a64(text) == StableHash.fnv1a64(Array(text.utf8)))
    }

    /// FNV-1a's published value for "a", once rather than once per sample.
    @Test func hashesToFNV1asPublishedValue() {
        #expect(StableHash.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
    }
}

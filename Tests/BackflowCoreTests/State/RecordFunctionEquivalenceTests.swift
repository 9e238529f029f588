import Foundation
import Testing

@testable import BackflowCore

/// The identifier text SQLite computes (in C) against the text Swift binds for the value it reads,
/// `ModelRecord.idText`, which must agree byte for byte. Random values come from a seeded generator,
/// so every run checks the same values.
@Suite("Record functions match Swift")
struct RecordFunctionEquivalenceTests {
    /// A value as SQLite stores it; text and blobs are raw bytes, so text may be ill-formed UTF-8.
    enum StoredValue {
        case null
        case integer(Int64)
        case real(Double)
        case text([UInt8])
        case blob([UInt8])

        /// SQL that yields exactly this value; a real is the parameter `?parameter`.
        func sql(parameter: Int) -> String {
            switch self {
            case .null: "NULL"
            case .integer(let number): String(number)
            case .real: "?\(parameter)"
            case .text(let bytes): "CAST(X'\(Self.hex(bytes))' AS TEXT)"
            case .blob(let bytes): "X'\(Self.hex(bytes))'"
            }
        }

        var binding: JSONValue? {
            if case .real(let number) = self { return .number(number) }
            return nil
        }

        private static func hex(_ bytes: [UInt8]) -> String {
            bytes.map { String(format: "%02X", $0) }.joined()
        }
    }

    private let connection: SQLiteConnection

    init() throws {
        connection = try SQLiteConnection(path: ":memory:", mode: .readWriteCreate)
        try RecordChecksumFunctions.define(on: connection, rowCounter: RowCounter())
    }

    // MARK: Identifiers

    @Test func recordIDMatchesTheIdentifierSwiftBindsForRandomValues() throws {
        var random = DemoRandom(seed: 0x5EED_0003)
        var mismatches: [String] = []
        for _ in 0..<5_000 {
            if let mismatch = try recordIDMismatch(Self.randomValue(&random)) { mismatches.append(mismatch) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) ids differ, e.g. \(mismatches.prefix(3))")
    }

    @Test func recordIDMatchesTheIdentifierSwiftBindsForHandPickedValues() throws {
        let mismatches = try Self.handPickedValues.compactMap(recordIDMismatch)
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test func recordIDOfEachStorageClass() throws {
        let statement = try connection.prepare(
            "SELECT backflow_record_id(7), backflow_record_id(2.5), backflow_record_id(4.0), "
                + "backflow_record_id('a b'), backflow_record_id(x'FF00'), backflow_record_id(NULL)")
        #expect(try statement.step())
        #expect(statement.row() == ["7", "2.5", "4", "a b", "/wA=", nil])
    }

    /// Numbers at the edges of `RecordChecksumText.number`'s rules, spelled out.
    @Test func edgeCaseNumbersHaveTheirChecksumText() throws {
        let expected: [(Double, String)] = [
            (1e21, "1e+21"), (1e-7, "1e-7"), (1.5e-7, "1.5e-7"), (.leastNonzeroMagnitude, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"), (0.1, "0.1"), (100, "100"), (-0.0, "0"),
            (9_007_199_254_740_994, "9007199254740994"), (-9_223_372_036_854_775_808, "-9223372036854775808"),
            (1e20, "1e+20"), (2.5e-5, "2.5e-5"), (1e-6, "1e-6"),
            (123.456, "123.456"), (-2.5, "-2.5"), (.infinity, "null"), (-.infinity, "null"),
        ]
        let statement = try connection.prepare("SELECT backflow_record_id(?)")
        for (number, text) in expected {
            try statement.reset()
            try statement.bind(.number(number), at: 1)
            #expect(try statement.step())
            #expect(statement.value(at: 0) == .string(text), "\(number)")
        }
    }

    /// Every power of two (where the rounding interval is lopsided) and its neighbours, and random
    /// doubles of every magnitude, against `RecordChecksumText.number`.
    @Test func realsFormatAsTheChecksumTextFormatsThem() throws {
        var numbers: [Double] = []
        for exponent in -1074...1023 {
            let power = Double(sign: .plus, exponent: exponent, significand: 1)
            numbers += [power, power.nextUp, power.nextDown, -power]
        }
        var random = DemoRandom(seed: 0x5EED_0004)
        for _ in 0..<30_000 { numbers.append(Self.randomReal(&random)) }
        let statement = try connection.prepare("SELECT backflow_record_id(?)")
        var mismatches: [String] = []
        for number in numbers where !number.isNaN {
            try statement.reset()
            try statement.bind(.number(number), at: 1)
            _ = try statement.step()
            let expected = RecordChecksumText.number(number)
            if statement.value(at: 0) != .string(expected) {
                mismatches.append("\(number.bitPattern): \(expected) != \(statement.value(at: 0))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) numbers differ, e.g. \(mismatches.prefix(5))")
    }

    // MARK: Row numbers

    @Test func rowNumbersCountFromOneAgainAfterAReset() throws {
        let counter = RowCounter()
        try RecordChecksumFunctions.define(on: connection, rowCounter: counter)
        let sql = "SELECT backflow_row_number() FROM (VALUES (1), (2), (3))"
        func numbers() throws -> [JSONValue] {
            let statement = try connection.prepare(sql)
            var found: [JSONValue] = []
            while try statement.step() { found.append(statement.value(at: 0)) }
            return found
        }
        #expect(try numbers() == [.integer(1), .integer(2), .integer(3)])
        #expect(try numbers() == [.integer(4), .integer(5), .integer(6)])
        counter.reset()
        #expect(try numbers() == [.integer(1), .integer(2), .integer(3)])
    }

    // MARK: Comparing

    /// Nil when `backflow_record_id` of `value` is the text SQLite receives when Swift binds
    /// `ModelRecord.idText` of the value it reads (both NULL for NULL).
    private func recordIDMismatch(_ value: StoredValue) throws -> String? {
        func single(_ sql: String, _ binding: JSONValue?) throws -> JSONValue {
            let statement = try connection.prepare(sql)
            if let binding { try statement.bind(binding, at: 1) }
            #expect(try statement.step())
            return statement.value(at: 0)
        }
        let expression = value.sql(parameter: 1)
        let read = try single("SELECT \(expression)", value.binding)
        let bound = try single("SELECT ?", ModelRecord.idText(of: read).map(JSONValue.string) ?? .null)
        let computed = try single("SELECT backflow_record_id(\(expression))", value.binding)
        return computed == bound ? nil : "\(expression): \(computed) != \(bound)"
    }

    // MARK: Values

    static let handPickedValues: [StoredValue] =
        [.null, .integer(0), .integer(-1), .integer(.min), .integer(.max), .integer(9_007_199_254_740_993)]
        + ([
            1e21, 1e-7, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.1, 100, -0.0, 0x1p53.nextUp, 1e20, 1e-5,
            0.015625, 2.2250738585072014e-308, .infinity, -.infinity, 0.1 + 0.2,
        ] as [Double]).map(StoredValue.real)
        + [
            "", "plain", "say \"hi\"", "back\\slash", "\u{0}\u{1}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{1F}\u{7F}",
            "\u{2028}\u{2029}", "😀", "héllo", "中文", "nul\u{0}inside", "</script>",
        ].map { StoredValue.text(Array($0.utf8)) }
        + illFormedUTF8.map(StoredValue.text)
        + [[], [0], [0xFF, 0xFE], [1, 2, 3], [0xFB, 0xFF, 0xBF, 0x00]].map(StoredValue.blob)
        // Blobs whose base64 crosses the 256-byte pieces it is written in, with and without padding.
        + [191, 192, 193, 194, 400].map { count in .blob((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37) }) }

    /// Lone continuation bytes, bytes no UTF-8 uses, overlong forms, surrogates, code points above
    /// U+10FFFF and sequences cut short, alone and between valid text.
    static let illFormedUTF8: [[UInt8]] = [
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xF5], [0xFF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF],
        [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
        [0xF4, 0x90, 0x80, 0x80], [0xC3], [0xE2, 0x80], [0xF0, 0x9F, 0x98], [0x61, 0xF0, 0x9F, 0x62],
        [0xE2, 0x80, 0x41, 0xC3, 0xA9], [0xF1, 0x80, 0x80, 0xE2, 0x80, 0xA8, 0x80, 0x80],
    ]

    /// Pieces of text: ASCII that needs escaping or not, valid multi-byte characters at the edges of
    /// their ranges, and ill-formed bytes.
    static let textPieces: [[UInt8]] =
        ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1B}", "\u{7F}", "é", "\u{800}", "\u{2028}",
         "\u{D7FF}", "\u{E000}", "\u{FFFF}", "\u{10000}", "😀", "\u{10FFFF}", "user@example.com"]
        .map { Array($0.utf8) } + illFormedUTF8

    static func randomValue(_ random: inout DemoRandom) -> StoredValue {
        switch random.int(in: 0...9) {
        case 0: return .null
        case 1: return .integer(random.pick([0, 1, -1, .min, .max, 1 << 53, (1 << 53) + 1, -(1 << 53) - 1]))
        case 2: return .integer(Int64(bitPattern: random.next()))
        case 3: return .integer(Int64(random.int(in: -100_000...100_000)))
        case 4, 5: return .real(randomReal(&random))
        case 6, 7: return .text((0..<random.int(in: 0...8)).flatMap { _ in random.pick(textPieces) })
        case 8: return .text((0..<random.int(in: 0...12)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        default: return .blob((0..<random.int(in: 0...20)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        }
    }

    /// Doubles of every kind: any bit pattern, amounts of money, moderate and tiny magnitudes, whole
    /// numbers beyond 2^53, and numbers whose decimal expansion ends in a 5 (ties).
    static func randomReal(_ random: inout DemoRandom) -> Double {
        let bits = random.next()
        switch random.int(in: 0...5) {
        case 0: return Double(bitPattern: bits)
        case 1: return Double(Int64(bitPattern: bits) % 100_000_000) / 100
        case 2: return Double(bitPattern: (bits & 0x800F_FFFF_FFFF_FFFF) | UInt64(993 + random.int(in: 0...63)) << 52)
        case 3: return Double(bits >> 11) * 0x1p-53 * pow(10, Double(random.int(in: -30...25)))
        case 4: return Double(Int64(bitPattern: bits) >> random.int(in: 0...63)) * random.pick([1, 1024, 0x1p70])
        default: return Double(random.int(in: 1...99_999) | 1) * pow(2, -Double(random.int(in: 1...90)))
        }
    }

}

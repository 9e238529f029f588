import CBackflowSQL
import Foundation
import Testing

@testable import BackflowCore

/// The checksum SQLite computes for a model's rows (``SQLiteChecksumForm/storedValues``): the same for
/// the same values in the same columns, different when any of them differs, and fixed forever, since
/// states keep it from one release to the next.
@Suite("SQLite record checksum")
struct RecordChecksumTests {
    typealias StoredValue = RecordFunctionEquivalenceTests.StoredValue

    private let connection: SQLiteConnection

    init() throws {
        connection = try SQLiteConnection(path: ":memory:", mode: .readWriteCreate)
        try RecordChecksumFunctions.define(on: connection, rowCounter: RowCounter())
    }

    // MARK: The hash

    /// XXH64 of the bytes `(7 × i + 3) mod 256` for every length that takes another path (empty, one
    /// byte, 4-byte and 8-byte words, one 32-byte stripe and more), as the reference implementation
    /// (Python's `xxhash` 3.5) gives them.
    @Test func hashIsXXH64() {
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: 7 * $0 + 3) }
        let expected: [(count: Int, seed: UInt64, hash: UInt64)] = [
            (0, 0, 0xef46_db37_51d8_e999), (1, 0, 0x1f25_c8d0_bc1f_4bb6), (4, 0, 0x9bb6_4b7d_66ee_9fda),
            (8, 0, 0xdab9_9d95_c6f9_0092), (31, 0, 0xa2aa_5f33_cc4a_6119), (32, 0, 0x23c3_c17e_f790_fd97),
            (33, 0, 0x50a7_cfc7_ba58_8784), (100, 0, 0xa61f_8d4c_170f_e531), (300, 0, 0x2400_04db_ee0b_a6dc),
            (0, 0x1234_5678_9abc_def0, 0x7fef_5b0c_3167_77ed), (1, 0x1234_5678_9abc_def0, 0x1e2e_a53a_3040_e362),
            (4, 0x1234_5678_9abc_def0, 0x6f43_828b_2dc8_c736), (8, 0x1234_5678_9abc_def0, 0x3118_93ba_9020_dedf),
            (31, 0x1234_5678_9abc_def0, 0x2c9e_9c9d_631d_0aaa), (32, 0x1234_5678_9abc_def0, 0xd1dc_5d84_aebd_afb4),
            (33, 0x1234_5678_9abc_def0, 0x4c4d_b23e_1639_1b47), (100, 0x1234_5678_9abc_def0, 0x3c69_1e06_b9fc_c7db),
            (300, 0x1234_5678_9abc_def0, 0x759f_3090_7981_b27e),
        ]
        for (count, seed, hash) in expected {
            let computed = bytes.withUnsafeBytes { backflow_hash64($0.baseAddress, count, seed) }
            #expect(computed == hash, "\(count) bytes from seed \(seed)")
        }
    }

    // MARK: The stored form

    /// Checksums states hold: a change here makes every record of every state look changed (and be
    /// sent again) after an upgrade, unless it comes as a new ``SQLiteChecksumForm``. The expected
    /// values were computed apart from Backflow, from the form as `CBackflowSQL.h` describes it
    /// (Python's `struct` and `xxhash`).
    @Test func checksumsOfFixedRowsNeverChange() throws {
        let rows: [(select: String, checksum: String)] = [
            ("SELECT 42 AS id", "v2:17b023e88aa89b5c"),
            ("SELECT 1 AS id, 'user1@example.com' AS email, 1.5 AS score, NULL AS plan, x'00FF' AS avatar",
             "v2:dbcdd7ea89096cb4"),
            ("SELECT 'héllo' AS \"naïve name\", -0.0 AS z, '' AS e", "v2:56ebfb4ff3831e97"),
        ]
        for (select, expected) in rows { #expect(try checksum(of: select) == expected, "\(select)") }
        let wide = "SELECT " + (0..<300).map { "\($0 % 3 == 0 ? "NULL" : String($0)) AS c\($0)" }.joined(separator: ", ")
        #expect(try checksum(of: wide) == "v2:d6843689af096192")
    }

    @Test func checksumsHaveTheCurrentFormsPrefixAndSixteenHexDigits() throws {
        let text = try checksum(of: "SELECT 1 AS a, 'b' AS b")
        #expect(text.hasPrefix("v2:"))
        #expect(text.dropFirst(3).allSatisfy { $0.isHexDigit && !$0.isUppercase } && text.count == 19)
        #expect(SQLiteChecksumForm(of: text) == .storedValues)
        #expect(SQLiteChecksumForm(of: ModelRecord(id: "1", columns: ["a": 1]).checksum) == .rowJSON)
    }

    // MARK: Equal rows, different rows

    /// Random rows of every width up to 300 (wider than one call's 126 values, so hashed in chunks),
    /// each computed twice, from SQL and from bound parameters: the same checksum; then each with one
    /// value replaced by a differently stored one: a different checksum.
    @Test func oneDifferentValueAnywhereChangesTheChecksum() throws {
        var random = DemoRandom(seed: 0x5EED_0005)
        var failures: [String] = []
        for round in 0..<400 {
            let width = round < 300 ? round + 1 : random.int(in: 120...300)
            let names = (0..<width).map { "c\($0)" }
            let row = (0..<width).map { _ in RecordFunctionEquivalenceTests.randomValue(&random) }
            let original = try checksum(of: row, names: names)
            if try checksum(of: row, names: names) != original { failures.append("width \(width): not repeatable") }
            var changed = row
            let position = random.int(in: 0...(width - 1))
            repeat {
                changed[position] = RecordFunctionEquivalenceTests.randomValue(&random)
            } while Self.storedAlike(changed[position], row[position])
            if try checksum(of: changed, names: names) == original {
                failures.append("width \(width): \(row[position]) → \(changed[position]) at \(position)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) rows, e.g. \(failures.prefix(3))")
    }

    /// Values that Swift reads, or a message writes, alike are still stored differently; the checksum
    /// tells them apart, so a change of type is a change.
    @Test func valuesOfDifferentTypesOrSplitsDiffer() throws {
        let rows = [
            "SELECT 1 AS a", "SELECT 1.0 AS a", "SELECT '1' AS a", "SELECT x'31' AS a",
            "SELECT NULL AS a", "SELECT '' AS a", "SELECT x'' AS a", "SELECT 0 AS a", "SELECT 0.0 AS a",
            "SELECT -0.0 AS a", "SELECT 'ab' AS a, 'c' AS b", "SELECT 'a' AS a, 'bc' AS b",
            "SELECT 'a' AS a, NULL AS b", "SELECT NULL AS a, 'a' AS b",
        ]
        let checksums = try rows.map { try checksum(of: $0) }
        #expect(Set(checksums).count == rows.count, "\(zip(rows, checksums).map { "\($0): \($1)" })")
    }

    @Test func columnNamesAndTheirOrderAreHashed() throws {
        let checksums = try [
            "SELECT 1 AS a, 2 AS b", "SELECT 1 AS a, 2 AS c", "SELECT 2 AS b, 1 AS a", "SELECT 1 AS ab, 2 AS \"\"",
            "SELECT 1 AS \"a\", 2 AS b, NULL AS \"\"",
        ].map { try checksum(of: $0) }
        #expect(Set(checksums).count == checksums.count)
        // A row's object puts array-index names first, so the query's order of them does not count.
        #expect(try checksum(of: "SELECT 1 AS x, 2 AS \"0\"") == checksum(of: "SELECT 2 AS \"0\", 1 AS x"))
    }

    @Test func aWideRowHashedInChunksIsOneChecksumOfAllItsValues() throws {
        let names = (0..<130).map { "c\($0)" }
        let row = (0..<130).map { StoredValue.integer(Int64($0)) }
        var lastChanged = row
        lastChanged[129] = .integer(-1)
        #expect(try checksum(of: row, names: names) != checksum(of: lastChanged, names: names))
        let expression = RecordChecksumFunctions.checksumExpression(names.map { (name: $0, expression: "1") })
        #expect(expression.hasPrefix(RecordChecksumFunctions.close + "("))
        #expect(expression.components(separatedBy: RecordChecksumFunctions.fold + "(").count == 3)
    }

    @Test func theFirstArgumentMustBeTheIntegerSeed() throws {
        for sql in ["SELECT backflow_checksum()", "SELECT backflow_checksum('a', 1)", "SELECT backflow_checksum_fold(NULL, 1)"] {
            #expect(throws: SQLiteError.self, "\(sql)") { try connection.prepare(sql).step() }
        }
        let statement = try connection.prepare("SELECT backflow_checksum_close(NULL)")
        #expect(try statement.step())
        #expect(statement.value(at: 0) == .null)
    }

    // MARK: Helpers

    /// The checksum of the one row `select` returns, over its columns by their names.
    private func checksum(of select: String) throws -> String {
        let statement = try connection.prepare(select)
        let names = (0..<statement.columnCount).map(statement.columnName(at:))
        let expression = RecordChecksumFunctions.checksumExpression(
            names.map { (name: $0, expression: "m." + SQLiteWarehouse.quotedIdentifier($0)) })
        return try single("SELECT \(expression) FROM (\(select)) AS m", bindings: [])
    }

    /// The checksum of `row`, whose columns are `names`; reals are bound as parameters.
    private func checksum(of row: [StoredValue], names: [String]) throws -> String {
        let expression = RecordChecksumFunctions.checksumExpression(
            zip(names, row.enumerated()).map { name, item in (name: name, expression: item.element.sql(parameter: item.offset + 1)) })
        return try single("SELECT \(expression)", bindings: row.map(\.binding))
    }

    private func single(_ sql: String, bindings: [JSONValue?]) throws -> String {
        let statement = try connection.prepare(sql)
        for (index, binding) in bindings.enumerated() {
            if let binding { try statement.bind(binding, at: index + 1) }
        }
        #expect(try statement.step())
        guard case .string(let text) = statement.value(at: 0) else { return "" }
        return text
    }

    /// Whether SQLite stores `first` and `second` alike: the same type and the same bytes (a real's
    /// bits, so `0.0` and `-0.0` differ; NaN is stored as NULL).
    private static func storedAlike(_ first: StoredValue, _ second: StoredValue) -> Bool {
        func stored(_ value: StoredValue) -> StoredValue {
            if case .real(let number) = value, number.isNaN { return .null }
            return value
        }
        return switch (stored(first), stored(second)) {
        case (.null, .null): true
        case (.integer(let a), .integer(let b)): a == b
        case (.real(let a), .real(let b)): a.bitPattern == b.bitPattern
        case (.text(let a), .text(let b)), (.blob(let a), .blob(let b)): a == b
        default: false
        }
    }
}

import Foundation
import Testing

@testable import BackflowCore

/// A row kept as SQLite returned it (``RowValues``) reads, value by value and as an object, what the
/// same row read as ``JSONValue``s reads, in every text encoding and for every kind of value.
@Suite("SQLite rows kept as their values")
struct RowValuesTests {
    /// Integers at both ends, reals of every kind SQLite stores, text with non-ASCII characters, quotes,
    /// an inner NUL and none at all, blobs, and nulls; under repeated and array-index column names.
    static let rows = [
        "(-9223372036854775808, -0.0, 'Zoë 😀 \"quoted\" \\', x'00ff10', NULL)",
        "(9223372036854775807, 1e300, '', x'', NULL)",
        "(0, 9e999, 'a' || char(0) || 'b', NULL, 1)",
        "(NULL, -9e999, 'a longer text than sixteen bytes, which Swift keeps on the heap', x'61', 2.5)",
    ]
    static let query = #"SELECT i AS "10", t AS name, r AS name, b, n, t AS "0", i FROM t"#

    @Test(arguments: ["UTF-8", "UTF-16le", "UTF-16be"])
    func readsWhatValuesReadInEveryEncoding(encoding: String) throws {
        let connection = try SQLiteConnection(path: ":memory:", mode: .readWriteCreate)
        try connection.execute("PRAGMA encoding = '\(encoding)'")
        try connection.execute("CREATE TABLE t (i INTEGER, r REAL, t TEXT, b BLOB, n)")
        try connection.execute("INSERT INTO t VALUES " + Self.rows.joined(separator: ", "))
        let rowsRead = try Self.compareRows(on: connection)
        #expect(rowsRead == Self.rows.count)
    }

    /// Text that is not valid UTF-8 reads repaired, as a `String` made of it reads.
    @Test func repairsTextThatIsNotUTF8() throws {
        let connection = try SQLiteConnection(path: ":memory:", mode: .readWriteCreate)
        try connection.execute("CREATE TABLE t (i INTEGER, r REAL, t TEXT, b BLOB, n)")
        try connection.execute(
            "INSERT INTO t VALUES (1, 1.5, CAST(x'61ff62' AS TEXT), NULL, NULL), (2, 2.5, CAST(x'c3' AS TEXT), NULL, NULL)")
        #expect(try Self.compareRows(on: connection) == 2)
        let statement = try connection.prepare("SELECT t FROM t ORDER BY i")
        let layout = JSONObject.RowLayout(columns: ["t"])
        var texts: [[UInt8]] = []
        while try statement.step() {
            // The bytes a message plan writes, not only the object's strings, are the repaired text.
            statement.rowValues(layout: layout).withValues { reader in
                if case .text(let bytes) = reader.value(atPosition: 0) { texts.append(Array(bytes)) }
            }
        }
        #expect(texts == [Array("a\u{FFFD}b".utf8), Array("\u{FFFD}".utf8)])
    }

    /// Reads every row of ``query`` both ways and compares them; returns how many rows it read.
    private static func compareRows(on connection: SQLiteConnection) throws -> Int {
        let statement = try connection.prepare(query)
        let names = (0..<statement.columnCount).map { statement.columnName(at: $0) }
        let layout = JSONObject.RowLayout(columns: names)
        var count = 0
        while try statement.step() {
            let expected = JSONObject(layout: layout, value: statement.value(at:))
            let row = statement.rowValues(layout: layout)
            #expect(row.object == expected)
            #expect(row.object.keys == expected.keys)
            #expect(row.layout.keyNames == expected.keys)
            row.withValues { reader in
                for position in expected.keys.indices {
                    let value = reader.value(atPosition: position).json
                    #expect(value == expected.value(atPosition: position))
                    if case .number(let number) = value, case .number(let stored) = expected.value(atPosition: position) {
                        #expect(number.bitPattern == stored.bitPattern)
                    }
                }
            }
            count += 1
        }
        return count
    }
}

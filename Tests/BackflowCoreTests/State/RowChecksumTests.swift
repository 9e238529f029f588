import Foundation
import Testing

@testable import BackflowCore

/// A row's checksum computed from the values read for the row (``RecordChecksumFunctions/RowChecksum``,
/// what a first scan uses) must be the text the checksum functions give in SQL (what every later scan
/// compares it with), for every kind of value, every text encoding, rows wider than one function call
/// and column names that JavaScript orders differently from the table.
@Suite("Row checksums match the checksum functions")
struct RowChecksumTests {
    typealias StoredValue = RecordFunctionEquivalenceTests.StoredValue

    @Test(arguments: ["UTF-8", "UTF-16le", "UTF-16be"], [1, 7, 126, 127, 300])
    func aRowsChecksumIsTheQuerysChecksum(encoding: String, width: Int) throws {
        let connection = try SQLiteConnection(path: ":memory:", mode: .readWriteCreate)
        try connection.execute("PRAGMA encoding = '\(encoding)'")
        try RecordChecksumFunctions.define(on: connection, rowCounter: RowCounter())
        // Integer-like names come first in JavaScript's order, the others as the table has them.
        let names = (0..<width).map { $0.isMultiple(of: 5) ? String(width * 3 - $0) : "c\(width - $0)" }
        let quoted = names.map(SQLiteWarehouse.quotedIdentifier)
        try connection.execute("CREATE TABLE t (\(quoted.joined(separator: ", ")))")

        var random = DemoRandom(seed: 0xC0DE_0000 + UInt64(width))
        var rows = (0..<60).map { _ in (0..<width).map { _ in RecordFunctionEquivalenceTests.randomValue(&random) } }
        rows.append(Array(repeating: StoredValue.null, count: width))
        let handPicked = RecordFunctionEquivalenceTests.handPickedValues
        rows.append((0..<width).map { handPicked[$0 % handPicked.count] })
        for row in rows {
            let insert = try connection.prepare(
                "INSERT INTO t VALUES (\(row.enumerated().map { $1.sql(parameter: $0 + 1) }.joined(separator: ", ")))")
            // Reals are the parameters `?n`; SQLite numbers its parameters up to the last one.
            let parameters = (row.lastIndex { $0.binding != nil }).map { $0 + 1 } ?? 0
            try insert.bind(row.prefix(parameters).map { $0.binding ?? .null })
            while try insert.step() {}
        }

        let model = "(SELECT * FROM t ORDER BY rowid) AS backflow_model"
        let expression = RecordChecksumFunctions.checksumExpression(
            zip(names, quoted).map { (name: $0, expression: "backflow_model." + $1) })
        let inSQL = try connection.prepare("SELECT \(expression) FROM \(model)")
        let read = try connection.prepare("SELECT backflow_model.* FROM \(model)")
        let form = RecordChecksumFunctions.RowChecksum(columnNames: names)
        let layout = JSONObject.RowLayout(columns: names)
        var compared = 0
        while try inSQL.step() {
            #expect(try read.step())
            let (row, checksum) = read.rowValues(layout: layout, checksum: form)
            #expect(checksum != nil)
            #expect(.string(checksum ?? "") == inSQL.value(at: 0), "row \(compared + 1)")
            #expect(row.object == read.rowValues(layout: layout).object, "the checksum leaves the row as it was read")
            compared += 1
        }
        #expect(compared == rows.count)
    }
}

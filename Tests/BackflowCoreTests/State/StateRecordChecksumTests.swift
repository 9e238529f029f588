import Foundation
import Testing

@testable import BackflowCore

@Suite("State record checksum")
struct StateRecordChecksumTests {
    /// The record SQLite reads for `select` and the checksum `backflow_checksum` computes over it.
    private func compare(_ select: String) throws -> (record: ModelRecord, sql: String) {
        let connection = try SQLiteConnection(path: ":memory:", mode: .readWriteCreate)
        try RecordChecksumFunctions.define(on: connection, rowCounter: RowCounter())
        let row = try connection.prepare(select)
        #expect(try row.step())
        let names = (0..<row.columnCount).map(row.columnName(at:))
        let record = ModelRecord(id: "", columns: JSONObject(zip(names, row.row())))
        let expression = RecordChecksumFunctions.checksumExpression(
            names.map { (name: $0, expression: "m." + SQLiteWarehouse.quotedIdentifier($0)) })
        let checksum = try connection.prepare("SELECT \(expression) FROM (\(select)) AS m")
        #expect(try checksum.step())
        guard case .string(let text) = checksum.value(at: 0) else { return (record, "") }
        return (record, text)
    }

    @Test func matchesModelRecordForEveryStorageClass() throws {
        let result = try compare(
            "SELECT 42 AS i, -7.25 AS r, 1e300 AS big, 3.0 AS whole, 'héllo \"q\"\n' AS t, NULL AS n, "
                + "x'00FF10' AS b, '' AS empty, 'it''s' AS \"quote'd \"\"name\"\"\"")
        #expect(result.sql == result.record.checksum)
    }

    @Test func matchesModelRecordForWideRowsHashedInChunks() throws {
        let columns = (0..<300).map { "\($0 % 3 == 0 ? "NULL" : String($0)) AS c\($0)" }
        let result = try compare("SELECT " + columns.joined(separator: ", "))
        #expect(result.sql == result.record.checksum)
    }

    @Test func recordIDFunctionMatchesModelRecordIDText() throws {
        let connection = try SQLiteConnection(path: ":memory:", mode: .readWriteCreate)
        try RecordChecksumFunctions.define(on: connection, rowCounter: RowCounter())
        let statement = try connection.prepare(
            "SELECT backflow_record_id(7), backflow_record_id(2.5), backflow_record_id(4.0), "
                + "backflow_record_id('a b'), backflow_record_id(NULL)")
        #expect(try statement.step())
        #expect(statement.row() == ["7", "2.5", "4", "a b", nil])
    }
}

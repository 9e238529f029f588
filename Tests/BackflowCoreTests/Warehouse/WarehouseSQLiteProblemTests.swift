import Testing

@testable import BackflowCore

@Suite struct WarehouseSQLiteProblemTests {
    private static func things() throws -> WarehouseFixture {
        try WarehouseFixture([
            "CREATE TABLE things (code TEXT, label TEXT)",
            "INSERT INTO things VALUES ('a', 'first'), (NULL, 'nameless'), ('b', 'second'), ('a', 'again')",
        ])
    }

    @Test func nullAndDuplicateIdsAreReportedNotPassedOn() throws {
        let fixture = try Self.things()
        var records: [String] = []
        var problems: [RecordProblem] = []
        try fixture.warehouse().forEachRecord(
            of: fixture.model("SELECT * FROM things", id: "code"),
            problem: { problems.append($0) },
            record: { records.append($0.id) })
        #expect(records == ["a", "b"])
        #expect(problems == [
            RecordProblem(kind: .nullUniqueId, rowNumber: 2, id: nil, columns: ["code": nil, "label": "nameless"]),
            RecordProblem(kind: .duplicateUniqueId, rowNumber: 4, id: "a", columns: ["code": "a", "label": "again"]),
        ])
        #expect(problems.map(\.code) == ["ErrRecordNullUniqueID", "ErrRecordDuplicate"])
    }

    @Test func previewListsProblemRowsApart() throws {
        let fixture = try Self.things()
        let preview = try fixture.warehouse().preview(of: fixture.model("SELECT * FROM things", id: "code"))
        #expect(preview.records.map(\.id) == ["a", "b"])
        #expect(preview.problems.map(\.rowNumber) == [2, 4])
    }

    @Test func missingIdColumnNamesModelColumnAndAvailableColumns() throws {
        let fixture = try Self.things()
        let model = try fixture.model("SELECT * FROM things", id: "thing_id", name: "things")
        let expected = WarehouseError.missingIdColumn(
            model: "things", column: "thing_id", availableColumns: ["code", "label"])
        #expect(throws: expected) { try fixture.warehouse().preview(of: model) }
        #expect(throws: expected) { try fixture.warehouse().record(of: model, id: "a") }
        #expect(throws: expected) {
            try fixture.warehouse().forEachRecord(of: model, problem: { _ in }, record: { _ in })
        }
        #expect(expected.description
            == "Model 'things' has no unique identifier column 'thing_id' in its query result. "
            + "Available columns: code, label.")
    }

    @Test func missingFileErrorNamesThePath() {
        #expect(throws: WarehouseError.notFound(path: "/nonexistent/warehouse.sqlite")) {
            try SQLiteWarehouse(path: "/nonexistent/warehouse.sqlite")
        }
        #expect(WarehouseError.notFound(path: "/x.sqlite").description == "No warehouse file at /x.sqlite.")
    }

    @Test func syntaxErrorCarriesSQLiteMessage() throws {
        let fixture = try Self.things()
        let model = try fixture.model("SELECT * FROM nowhere", id: "code", name: "things")
        #expect {
            try fixture.warehouse().count(of: model)
        } throws: { error in
            guard case .queryFailed(model: "things", let reason) = error as? WarehouseError else { return false }
            return reason.message == "no such table: nowhere"
        }
    }

    @Test func tooManyColumnsAreRefused() throws {
        let fixture = try Self.things()
        let columns = (1...513).map { "1 AS c\($0)" }.joined(separator: ", ")
        let model = try fixture.model("SELECT \(columns)", id: "c1", name: "wide")
        #expect(throws: WarehouseError.tooManyColumns(model: "wide", count: 513)) {
            try fixture.warehouse().preview(of: model)
        }
    }

    @Test func overlongColumnNameIsRefused() throws {
        let fixture = try Self.things()
        let long = String(repeating: "n", count: 129)
        let model = try fixture.model("SELECT 1 AS id, 2 AS \(long)", id: "id", name: "long")
        #expect(throws: WarehouseError.columnNameTooLong(model: "long", column: long)) {
            try fixture.warehouse().preview(of: model)
        }
    }
}

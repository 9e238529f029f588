import Testing

@testable import BackflowCore

@Suite struct WarehouseSQLiteReadOnlyTests {
    private static let intactPeople: [[JSONValue]] = [
        [1, "Ada", 9.5, "yv4=", "[\"math\"]", 1],
        [2, "Grace", nil, nil, "[]", 0],
        [3, nil, 7, nil, nil, 1],
    ]

    @Test(arguments: [
        "DELETE FROM people",
        "UPDATE people SET name = 'x'",
        "CREATE TABLE evil (x)",
        "DROP TABLE people",
        "INSERT INTO people (id) VALUES (9) RETURNING *",
        "WITH doomed AS (SELECT 1) DELETE FROM people",
        "PRAGMA user_version = 7",
    ])
    func writingStatementIsRefusedAndDataIsIntact(sql: String) throws {
        let fixture = try WarehouseFixture.people()
        let warehouse = try fixture.warehouse()
        let model = try fixture.model(sql, id: "id", name: "users")
        #expect(throws: WarehouseError.writesToDatabase(model: "users")) { try warehouse.preview(of: model) }
        #expect(throws: WarehouseError.writesToDatabase(model: "users")) {
            try warehouse.forEachRecord(of: model, problem: { _ in }, record: { _ in })
        }
        #expect(throws: WarehouseError.writesToDatabase(model: "users")) { try warehouse.count(of: model) }
        #expect(try fixture.rows(of: "people") == Self.intactPeople)
        #expect(try fixture.rows(of: "sqlite_master").count == 1)
    }

    @Test(arguments: ["ATTACH DATABASE ':memory:' AS other", "DETACH DATABASE other", "BEGIN"])
    func statementReturningNoRowsIsRefused(sql: String) throws {
        let fixture = try WarehouseFixture.people()
        let model = try fixture.model(sql, id: "id", name: "users")
        #expect(throws: WarehouseError.notAQuery(model: "users")) { try fixture.warehouse().preview(of: model) }
        #expect(try fixture.rows(of: "people") == Self.intactPeople)
    }

    @Test func refusalMessageExplainsTheRule() {
        #expect(WarehouseError.writesToDatabase(model: "users").description
            == "Model 'users' must be a read-only query; its SQL would change the database "
            + "(INSERT/UPDATE/DELETE/CREATE...).")
    }

    @Test func connectionItselfRefusesWrites() throws {
        let fixture = try WarehouseFixture.people()
        let connection = try SQLiteConnection(path: fixture.path, mode: .readOnly)
        #expect(throws: SQLiteError.self) { try connection.execute("DELETE FROM people") }
        #expect(try fixture.rows(of: "people") == Self.intactPeople)
    }

    @Test func wrapperRefusesASecondStatement() throws {
        let fixture = try WarehouseFixture.people()
        let connection = try SQLiteConnection(path: fixture.path, mode: .readOnly)
        #expect(throws: SQLiteError.self) { try connection.prepare("SELECT 1; DELETE FROM people") }
        #expect(throws: Never.self) { try connection.prepare("SELECT 1; -- only a comment\n;") }
    }
}

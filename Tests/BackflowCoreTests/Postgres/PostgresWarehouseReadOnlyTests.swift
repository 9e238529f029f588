import Testing

@testable import BackflowCore

@Suite("Postgres warehouse read-only models")
struct PostgresWarehouseReadOnlyTests {
    private static let database = Result {
        try TestPostgresServer.database(seed: """
            CREATE TABLE people (id int4 PRIMARY KEY, name text);
            INSERT INTO people VALUES (1, 'Ada'), (2, 'Grace');
            CREATE SEQUENCE counter;
            """)
    }

    @Test(arguments: [
        "DELETE FROM people",
        "UPDATE people SET name = 'x'",
        "INSERT INTO people VALUES (3, 'Linus')",
        "CREATE TABLE intruder (id int)",
        "DROP TABLE people",
        "DELETE FROM people RETURNING *",
        "WITH gone AS (DELETE FROM people RETURNING *) SELECT * FROM gone",
        "SELECT nextval('counter') AS id",
    ])
    func writingModelIsRefusedAndDataStaysIntact(query: String) throws {
        let warehouse = try PostgresWarehouse.connect(url: Self.database.get())
        let model = try PostgresTestModels.model(query)
        #expect(throws: WarehouseError.writesToDatabase(model: "m")) {
            _ = try PostgresTestModels.allRows(of: model, in: warehouse)
        }
        let rows = try PostgresTestModels.allRows(of: PostgresTestModels.model("SELECT * FROM people ORDER BY id"), in: warehouse)
        #expect(rows.records.map { $0.columns["name"] } == ["Ada", "Grace"])
    }

    @Test func commandThatIsNotAQueryIsRefusedByName() throws {
        let warehouse = try PostgresWarehouse.connect(url: Self.database.get())
        #expect(throws: WarehouseError.commandNotAllowed(model: "m", command: "SET")) {
            try warehouse.columns(of: PostgresTestModels.model("SET work_mem = '8MB'"))
        }
    }

    @Test func warehouseStaysUsableAfterARefusedModel() throws {
        let warehouse = try PostgresWarehouse.connect(url: Self.database.get())
        _ = try? warehouse.count(of: PostgresTestModels.model("DELETE FROM people"))
        #expect(try warehouse.count(of: PostgresTestModels.model("SELECT * FROM people")) == 2)
    }

    @Test func connectionErrorNeverShowsThePassword() throws {
        let url = TestPostgresServer.replacingDatabase(
            of: try Self.database.get(), with: "missing_database_x")
            .replacingOccurrences(of: "backflow@", with: "backflow:s3cret-pw@")
        #expect {
            _ = try PostgresWarehouse.connect(url: url)
        } throws: { error in
            let text = "\(error)"
            return !text.contains("s3cret-pw") && text.contains("missing_database_x") && text.contains("***")
        }
    }
}

import Foundation
import Testing

@testable import BackflowCore

/// Models that would act on the server are refused before any of them runs, by every warehouse call
/// and by the change scan, and leave the server as it was. The test server's role is a superuser, so
/// each of these statements would have worked had Backflow run it.
@Suite("Postgres models that cannot act")
struct PostgresModelRefusalTests {
    /// A file the database server would create; the server runs on this machine.
    let target = "/tmp/backflow-refusal-\(UUID().uuidString).txt"
    let url: String

    init() throws {
        url = try TestPostgresServer.database(seed: """
            CREATE TABLE people (id int4 PRIMARY KEY, name text);
            INSERT INTO people VALUES (1, 'Ada'), (2, 'Grace');
            CREATE PROCEDURE forget_people() LANGUAGE sql AS $$ DELETE FROM people $$;
            """)
    }

    /// The harmful models, each with the refusal it earns.
    func harmfulModels() -> [(query: String, refusal: WarehouseError)] {
        [
            ("COPY (SELECT 1) TO PROGRAM 'cat > \(target)'", .commandNotAllowed(model: "m", command: "COPY")),
            ("COPY (SELECT 1) TO '\(target)'", .commandNotAllowed(model: "m", command: "COPY")),
            ("DO $$ BEGIN DELETE FROM people; END $$", .commandNotAllowed(model: "m", command: "DO")),
            ("CALL forget_people()", .commandNotAllowed(model: "m", command: "CALL")),
            ("WITH gone AS (DELETE FROM people RETURNING *) SELECT * FROM gone", .writesToDatabase(model: "m")),
            ("SELECT lo_import('/etc/hostname') AS id", .callsServerFunction(model: "m", function: "lo_import")),
            ("SELECT p.*, pg_catalog.\"lo_from_bytea\"(0, 'x') FROM people p",
             .callsServerFunction(model: "m", function: "\"lo_from_bytea\"")),
            ("SELECT word AS id FROM ts_stat('SELECT to_tsvector(lo_import(''/etc/hostname'')::text)')",
             .callsServerFunction(model: "m", function: "ts_stat")),
            ("SELECT id FROM people WHERE lo_export(lo_from_bytea(0, 'x'), '\(target)') = 1",
             .callsServerFunction(model: "m", function: "lo_export")),
        ]
    }

    /// Every way Backflow reads a model, each run alone.
    func readings(_ model: ModelDefinition) throws -> [(String, () throws -> Void)] {
        let warehouse = try PostgresWarehouse.connect(url: url)
        let tracker = try PostgresChangeTracker.connect(url: url)
        return [
            ("columns", { _ = try warehouse.columns(of: model) }),
            ("preview", { _ = try warehouse.preview(of: model) }),
            ("record", { _ = try warehouse.record(of: model, id: "1") }),
            ("count", { _ = try warehouse.count(of: model) }),
            ("rows", { _ = try PostgresTestModels.allRows(of: model, in: warehouse) }),
            ("scan", { _ = try tracker.scanChanges(of: model, stateKey: "refusal", problem: { _ in }, change: { _ in }) }),
        ]
    }

    @Test func copyToProgramWouldRunForThisRole() throws {
        try PostgresConnection(url: url, readOnly: false).execute("COPY (SELECT 1) TO PROGRAM 'cat > \(target)'")
        defer { try? FileManager.default.removeItem(atPath: target) }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "1\n")
    }

    @Test func largeObjectFunctionsWorkInAReadOnlyTransaction() throws {
        let connection = try PostgresConnection(url: url, readOnly: true)
        try connection.execute("BEGIN READ ONLY")
        #expect(try connection.execute("SELECT lo_from_bytea(0, 'x')").rowCount == 1)
        try connection.execute("ROLLBACK")
    }

    @Test func everyHarmfulModelIsRefusedEverywhereWithNoEffect() throws {
        for (query, refusal) in harmfulModels() {
            let model = try PostgresTestModels.model(query)
            for (reading, read) in try readings(model) {
                #expect(throws: refusal, "\(reading): \(query)") { try read() }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: target))
        let server = try PostgresConnection(url: url, readOnly: false)
        #expect(try server.execute("SELECT count(*) FROM pg_largeobject_metadata").text(row: 0, column: 0) == "0")
        #expect(try server.execute("SELECT string_agg(name, ',' ORDER BY id) FROM people").text(row: 0, column: 0)
            == "Ada,Grace")
    }

    @Test func refusalsSayWhatToDo() {
        #expect(WarehouseError.commandNotAllowed(model: "m", command: "COPY").description
            == "Model 'm' is a COPY statement, which Backflow never runs: a model must be one query that "
            + "returns rows (SELECT, VALUES, TABLE or WITH ... SELECT). Write the model as a SELECT over the "
            + "tables to sync.")
        #expect(WarehouseError.callsServerFunction(model: "m", function: "lo_import").description
            .hasPrefix("Model 'm' calls lo_import(), which Backflow never runs"))
    }

    @Test(arguments: [
        ("SELECT $$a;b$$ AS x", "a;b"),
        ("SELECT $tag$ it's; $$ $tag$ AS x", " it's; $$ "),
        ("SELECT E'a\\';b' AS x", "a';b"),
        ("SELECT 'a'';b' AS x", "a';b"),
        ("SELECT 1 AS \"x;y\" /* a /* nested; */ still; */ -- end;", "1"),
    ])
    func quotedSemicolonsAreOneQuery(query: String, value: String) throws {
        let warehouse = try PostgresWarehouse.connect(url: url)
        let model = try PostgresTestModels.model(query, id: query.contains("x;y") ? "x;y" : "x")
        let rows = try PostgresTestModels.allRows(of: model, in: warehouse)
        #expect(rows.records.map(\.id) == [value])
    }

    @Test(arguments: [
        "SELECT id, name AS lo_import FROM people",
        "WITH lo_people(id) AS (SELECT id FROM people) SELECT * FROM lo_people",
        "SELECT lo_x.id FROM people AS lo_x(id, name)",
    ])
    func namesLikeARefusedFunctionAreFine(query: String) throws {
        let warehouse = try PostgresWarehouse.connect(url: url)
        #expect(try warehouse.count(of: PostgresTestModels.model(query)) == 2)
    }

    @Test func aModelThatDoesNotParseReportsPostgreSQLsError() throws {
        let warehouse = try PostgresWarehouse.connect(url: url)
        #expect {
            _ = try warehouse.columns(of: PostgresTestModels.model("SELECT FROM WHERE"))
        } throws: { error in
            guard case WarehouseError.serverQueryFailed(_, let reason) = error else { return false }
            return reason.sqlState == PostgresError.State.syntaxError
        }
    }
}

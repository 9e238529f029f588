import Testing

@testable import BackflowCore

/// A scan counts the model's ids by their text unless they are provably a table's rowids: these
/// queries must be told apart exactly, since a wrong "proven" would let a repeated id through as
/// two records.
@Suite("Unique record ids")
struct UniqueRecordIDsTests {
    static let setUp = [
        "CREATE TABLE texts (id TEXT PRIMARY KEY, email TEXT)",
        "CREATE TABLE pairs (id INTEGER, part INTEGER, PRIMARY KEY (id, part))",
        "CREATE TABLE keyed (id INTEGER PRIMARY KEY, email TEXT) WITHOUT ROWID",
        "CREATE TABLE plain (id INTEGER, email TEXT)",
        "CREATE VIEW customer_view AS SELECT id, email FROM customers",
    ]

    @Test(arguments: [
        "SELECT id, email, score FROM customers ORDER BY id",
        "SELECT * FROM customers WHERE id > 1",
        "SELECT * FROM customers ORDER BY email",
        "SELECT c.id, c.email FROM customers AS c",
        "SELECT id, email FROM customer_view",
    ])
    func provenForOneTableReadOnceByItsRowID(query: String) throws {
        #expect(try proof(query) == true)
    }

    @Test(arguments: [
        "SELECT c.id, d.email FROM customers AS c JOIN customers AS d ON d.id = c.id",
        "SELECT id, email FROM customers UNION ALL SELECT id, email FROM customers",
        "SELECT id, email FROM customers, (VALUES (1), (2))",
        "SELECT id + 0 AS id, email FROM customers",
        "SELECT id, (SELECT count(*) FROM plain WHERE plain.id = customers.id) AS n FROM customers",
        "SELECT id, email FROM texts",
        "SELECT id, part FROM pairs",
        "SELECT id, email FROM keyed",
        "SELECT id, email FROM plain",
        "SELECT 1 AS id",
        "WITH RECURSIVE n(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM n WHERE id < 3) SELECT id FROM n",
    ])
    func notProvenWhereAnIdMayRepeat(query: String) throws {
        #expect(try proof(query) == false)
    }

    @Test func aFirstScanOfAProvenModelFindsEveryRecordOnce() throws {
        let fixture = try StateFixture(customers: 5)
        let result = try fixture.tracker().scan(fixture.model())
        #expect(result.ids == ["1", "2", "3", "4", "5"])
        #expect(result.problems.isEmpty)
    }

    /// A later scan of a rowid model finds vanished records among the rowids: a deleted row, and any
    /// acknowledged id that is not an integer's decimal text ("007" is not rowid 7).
    @Test func aLaterScanOfARowIDModelFindsWhatVanished() throws {
        let fixture = try StateFixture(customers: 4)
        let tracker = try fixture.tracker()
        try tracker.sync(fixture.model("SELECT printf('%03d', id) AS id, email FROM customers WHERE id = 3"))
        let rowids = try tracker.sync(fixture.model("SELECT id, email FROM customers"))
        #expect(rowids.ids == ["1", "2", "3", "4", "003"])
        #expect(rowids.kinds == [.added, .added, .added, .added, .deleted])
        try fixture.write(["DELETE FROM customers WHERE id = 2"])
        let result = try tracker.scan(fixture.model("SELECT id, email FROM customers"))
        #expect(result.ids == ["2"])
        #expect(result.kinds == [.deleted])
        #expect(result.problems.isEmpty)
    }

    @Test func aLaterScanOfARowIDModelSeesChangesAndAdditions() throws {
        let fixture = try StateFixture(customers: 3)
        let tracker = try fixture.tracker()
        try tracker.sync(fixture.model())
        try fixture.write([
            "UPDATE customers SET email = 'new@example.com' WHERE id = 2",
            "INSERT INTO customers VALUES (-5, 'negative@example.com', 0)",
        ])
        let result = try tracker.scan(fixture.model())
        #expect(result.ids == ["-5", "2"])
        #expect(result.kinds == [.added, .updated])
        let again = try tracker.sync(fixture.model())
        #expect(again.kinds == [.added, .updated])
        #expect(try tracker.scan(fixture.model()).changes.isEmpty)
    }

    /// A scan that matched every record to a row skips the pass over the model's ids; one that lost
    /// a record while gaining another, so that the counts of rows and records are unchanged, does not.
    @Test func aLaterScanOfARowIDModelTellsALostRecordFromOneReplaced() throws {
        let fixture = try StateFixture(customers: 4)
        let tracker = try fixture.tracker()
        try tracker.sync(fixture.model())
        try fixture.write(["UPDATE customers SET email = 'new@example.com' WHERE id = 3"])
        let updated = try tracker.sync(fixture.model())
        #expect(updated.ids == ["3"])
        #expect(updated.kinds == [.updated])
        try fixture.write(["DELETE FROM customers WHERE id = 2", "INSERT INTO customers VALUES (9, 'nine@example.com', 0)"])
        let replaced = try tracker.sync(fixture.model())
        #expect(replaced.ids == ["9", "2"])
        #expect(replaced.kinds == [.added, .deleted])
        #expect(try tracker.scan(fixture.model()).changes.isEmpty)
    }

    private func proof(_ query: String) throws -> Bool {
        let fixture = try StateFixture()
        try fixture.write(Self.setUp)
        let connection = try SQLiteConnection(path: fixture.warehousePath, mode: .readOnly)
        return UniqueRecordIDs.areProven(for: try fixture.model(query), on: connection)
    }
}

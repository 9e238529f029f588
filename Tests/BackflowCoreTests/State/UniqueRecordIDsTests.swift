import Testing

@testable import BackflowCore

/// A scan counts the model's ids by their text unless they are provably distinct (a table's rowids, or
/// a uniquely indexed column whose values keep distinct ids): these queries must be told apart
/// exactly, since a wrong "proven" would let a repeated id through as two records.
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
        #expect(try proof(query) == .rowIDs)
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
        #expect(try proof(query) == nil)
    }

    /// Accounts whose columns have unique indexes of every kind, and values of every kind.
    static let accounts = [
        """
        CREATE TABLE accounts (n INTEGER PRIMARY KEY, email TEXT UNIQUE, handle TEXT, code INTEGER, mixed,
            loose TEXT, part TEXT, first TEXT, last TEXT, UNIQUE (first, last))
        """,
        "CREATE UNIQUE INDEX accounts_by_handle ON accounts (handle COLLATE NOCASE)",
        "CREATE UNIQUE INDEX accounts_by_code ON accounts (code)",
        "CREATE UNIQUE INDEX accounts_by_mixed ON accounts (mixed)",
        "CREATE UNIQUE INDEX accounts_by_part ON accounts (part) WHERE n > 1",
        "CREATE UNIQUE INDEX accounts_by_lower_loose ON accounts (lower(loose))",
        """
        INSERT INTO accounts VALUES (1, 'a@example.com', 'Ann', 10, 1, 'x', 'p', 'Ann', 'Lee'),
            (2, 'b@example.com', 'Bob', 20, '1', 'w', 'p', 'Ann', 'Ray'), (3, NULL, NULL, NULL, NULL, 'y', 'r', 'Bo', 'Lee')
        """,
        "CREATE TABLE repaired (key TEXT UNIQUE, n INTEGER)",
        "INSERT INTO repaired VALUES (CAST(X'61FF' AS TEXT), 1), ('a\u{FFFD}', 2)",
        "CREATE TABLE cut (key TEXT UNIQUE, n INTEGER)",
        "INSERT INTO cut VALUES (CAST(X'610062' AS TEXT), 1), (CAST(X'610063' AS TEXT), 2)",
        // The same in the second word of 8 bytes: the check reads a word at a time.
        "CREATE TABLE longrepaired (key TEXT UNIQUE, n INTEGER)",
        "INSERT INTO longrepaired VALUES (CAST(X'616161616161616161FF616161616161' AS TEXT), 1), "
            + "('aaaaaaaaa\u{FFFD}aaaaaa', 2)",
        "CREATE TABLE longcut (key TEXT UNIQUE, n INTEGER)",
        "INSERT INTO longcut VALUES (CAST(X'6161616161616161616100626262626262' AS TEXT), 1), "
            + "(CAST(X'6161616161616161616100636363636363' AS TEXT), 2)",
        "CREATE TABLE empty (key TEXT UNIQUE)",
    ]

    @Test(arguments: [
        ("SELECT email, n FROM accounts", "email"),
        ("SELECT * FROM accounts WHERE n > 1 ORDER BY email", "handle"),
        ("SELECT code, email FROM accounts", "code"),
    ])
    func provenForAUniqueColumnWhoseValuesKeepDistinctIDs(query: String, id: String) throws {
        #expect(try proof(query, id: id, setUp: Self.accounts) == .uniqueColumn)
    }

    @Test(arguments: [
        ("SELECT mixed, n FROM accounts", "mixed"),
        ("SELECT loose, n FROM accounts", "loose"),
        ("SELECT part, n FROM accounts", "part"),
        ("SELECT first, n FROM accounts", "first"),
        ("SELECT key, n FROM repaired", "key"),
        ("SELECT key, n FROM cut", "key"),
        ("SELECT key, n FROM longrepaired", "key"),
        ("SELECT key, n FROM longcut", "key"),
        ("SELECT key FROM empty", "key"),
        ("SELECT a.email, b.n FROM accounts AS a JOIN accounts AS b", "email"),
    ])
    func notProvenForAUniqueColumnWhoseValuesMayShareAnID(query: String, id: String) throws {
        #expect(try proof(query, id: id, setUp: Self.accounts) == nil)
    }

    /// Texts that are distinct in the index but share an id (one repaired from ill-formed UTF-8, or cut
    /// at a NUL) are still reported as a repeated id.
    @Test(arguments: ["repaired", "cut", "longrepaired", "longcut"])
    func aScanOfUniqueTextsThatShareAnIDReportsTheRepeat(table: String) throws {
        let fixture = try StateFixture()
        try fixture.write(Self.accounts)
        let result = try fixture.tracker().scan(fixture.model("SELECT key, n FROM \(table) ORDER BY n", id: "key"))
        #expect(result.changes.count == 1)
        #expect(result.problems.map(\.kind) == [.duplicateUniqueId])
    }

    /// A model keyed by a unique column finds what vanished, what changed and what came, as any model.
    @Test func aLaterScanOfAUniqueColumnModelFindsWhatVanished() throws {
        let fixture = try StateFixture(customers: 4)
        try fixture.write(["CREATE UNIQUE INDEX customers_by_email ON customers (email)"])
        let model = try fixture.model("SELECT email, score FROM customers", id: "email")
        let tracker = try fixture.tracker()
        #expect(try tracker.sync(model).ids.count == 4)
        try fixture.write([
            "UPDATE customers SET score = 0 WHERE id = 3",
            "INSERT INTO customers VALUES (9, 'nine@example.com', 0)",
        ])
        let changed = try tracker.sync(model)
        #expect(changed.ids == ["user3@example.com", "nine@example.com"])
        #expect(changed.kinds == [.updated, .added])
        try fixture.write(["DELETE FROM customers WHERE id = 2", "INSERT INTO customers VALUES (10, 'ten@example.com', 0)"])
        let replaced = try tracker.sync(model)
        #expect(replaced.ids == ["ten@example.com", "user2@example.com"])
        #expect(replaced.kinds == [.added, .deleted])
        try fixture.write(["UPDATE customers SET email = NULL WHERE id = 1"])
        let idless = try tracker.sync(model)
        #expect(idless.ids == ["user1@example.com"])
        #expect(idless.kinds == [.deleted])
        #expect(idless.problems.map(\.kind) == [.nullUniqueId])
        #expect(try tracker.scan(model).changes.isEmpty)
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

    private func proof(_ query: String, id: String = "id", setUp: [String] = setUp) throws -> UniqueRecordIDs.Proof? {
        let fixture = try StateFixture()
        try fixture.write(setUp)
        let connection = try SQLiteConnection(path: fixture.warehousePath, mode: .readOnly)
        let rows = RowCounter()
        try RecordChecksumFunctions.define(on: connection, rowCounter: rows)
        return UniqueRecordIDs.proof(for: try fixture.model(query, id: id), on: connection)
    }
}

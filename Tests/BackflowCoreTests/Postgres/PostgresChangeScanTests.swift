import Testing

@testable import BackflowCore

/// The parts of a PostgreSQL change scan that make it fast: rows streamed as a copy, ids proven unique
/// from the plan, and the checksum forms with their one-time upgrades from earlier ones.
@Suite("Postgres change scan")
struct PostgresChangeScanTests {
    // MARK: Copy rows

    @Test func copyFieldsSplitOnTabsWithNullsAndEscapes() {
        let line = Array("1\t\\N\t\ta\\tb\\\\c\\nd\\x41\\101\t".utf8)
        var fields: [PostgresCopyRow.Field] = []
        line.withUnsafeBufferPointer { bytes in
            PostgresCopyRow.split(bytes, into: &fields)
            let texts: [String?] = fields.map { field in
                guard !field.isNull else { return nil }
                let raw = UnsafeBufferPointer(rebasing: bytes[field.start..<(field.start + field.count)])
                return String(decoding: field.isEscaped ? PostgresCopyRow.unescape(raw) : Array(raw), as: UTF8.self)
            }
            #expect(texts == ["1", nil, "", "a\tb\\c\ndAA", ""])
        }
    }

    @Test func everyKindOfValueSurvivesTheCopyAsTheServerSentIt() throws {
        let url = try TestPostgresServer.database(seed: #"""
            CREATE TABLE t (id int8 PRIMARY KEY, s text, n float8, b bool, j jsonb, ts timestamptz, big numeric, e text);
            INSERT INTO t VALUES
                (1, E'tab\there\nnewline \\ back, "quote", zoë 名前', 1.5, true, '{"a": [1, "x\ty"]}', '2024-05-01 12:30:00.5+02', 12345678901234567890.5, ''),
                (2, NULL, 'Infinity', false, NULL, NULL, 42, '\N'),
                (-9223372036854775808, 'min', -0.0, NULL, '"text"', '1970-01-01 00:00:00+00', -1, 'x');
            """#)
        let warehouse = try PostgresWarehouse.connect(url: url)
        let model = try PostgresTestModels.model("SELECT * FROM t ORDER BY id")
        let streamed = try PostgresTestModels.allRows(of: model, in: warehouse).records
        // preview reads a whole result the other way (PQexecParams), so the two must agree value for value.
        let previewed = try warehouse.preview(of: model, limit: 10).records
        #expect(streamed.map(\.id) == ["-9223372036854775808", "1", "2"])
        #expect(streamed.map { JSONWriter.compact(.object($0.columns)) } == previewed.map { JSONWriter.compact(.object($0.columns)) })
        let first = try #require(streamed.first { $0.id == "1" })
        #expect(first.columns["s"] == .string("tab\there\nnewline \\ back, \"quote\", zoë 名前"))
        #expect(first.columns["e"] == .string(""))
        #expect(streamed.first { $0.id == "2" }?.columns["e"] == .string("\\N"))
    }

    /// A scan keeps each row as its values (``RowValues``) unless a column is `json` or `jsonb`, and
    /// either way the record reads as the warehouse's own read of the row.
    @Test func scannedRowsAreKeptAsValuesUnlessAColumnCanHoldAnObject() throws {
        let url = try TestPostgresServer.database(seed: #"""
            CREATE TABLE plain (id text PRIMARY KEY, n int8, r float8, b bool, ts timestamptz, big numeric, u uuid, s varchar);
            INSERT INTO plain VALUES
                ('a', 1, 1.5, true, '2024-05-01 12:30:00.5+02', 42.000, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', E'tab	here zoë'),
                ('b', NULL, 'NaN', false, NULL, 1.5, NULL, E'back\slash');
            CREATE TABLE nested (id text PRIMARY KEY, j jsonb);
            INSERT INTO nested VALUES ('a', '{"k": [1]}'), ('b', '5');
            """#)
        let tracker = try PostgresChangeTracker.connect(url: url)
        let warehouse = try PostgresWarehouse.connect(url: url)
        for (table, keptAsRows) in [("plain", true), ("nested", false)] {
            let model = try PostgresTestModels.model("SELECT * FROM \(table)")
            let previewed = try warehouse.preview(of: model, limit: 10).records
            var scanned: [String: RecordChangeItem] = [:]
            _ = try tracker.scanChanges(of: model, stateKey: table, problem: { _ in }) { scanned[$0.recordID] = $0 }
            #expect(scanned.count == 2)
            for record in previewed {
                let item = try #require(scanned[record.id])
                if case .row = item.values { #expect(keptAsRows) } else { #expect(!keptAsRows) }
                #expect(JSONWriter.compact(.object(item.record.columns)) == JSONWriter.compact(.object(record.columns)))
            }
        }
    }

    /// A tracker on a fresh database whose `people` table has `rows` rows.
    private func trackerOnPeople(rows: Int) throws -> PostgresChangeTracker {
        let url = try TestPostgresServer.database(seed: """
            CREATE TABLE people (id int4 PRIMARY KEY, name text);
            INSERT INTO people SELECT i, 'p' || i FROM generate_series(1, \(rows)) i;
            """)
        return try PostgresChangeTracker.connect(url: url)
    }

    @Test func aScanStoppedByItsCallerLeavesTheTrackerUsable() throws {
        let tracker = try trackerOnPeople(rows: 5000)
        let model = try PostgresTestModels.model("SELECT id, name FROM people")
        struct Stop: Error {}
        var seen = 0
        #expect(throws: Stop.self) {
            _ = try tracker.scanChanges(of: model, stateKey: "people", problem: { _ in }) { _ in
                seen += 1
                if seen == 10 { throw Stop() }
            }
        }
        var total = 0
        _ = try tracker.scanChanges(of: model, stateKey: "people", problem: { _ in }) { _ in total += 1 }
        #expect(total == 5000)
    }

    @Test func aModelThatFailsHalfwayReportsTheServersErrorAndTheTrackerStaysUsable() throws {
        let tracker = try trackerOnPeople(rows: 3000)
        let failing = try PostgresTestModels.model("SELECT id, name, 1 / (id - 2500) AS x FROM people ORDER BY id")
        var seen = 0
        do {
            _ = try tracker.scanChanges(of: failing, stateKey: "people", problem: { _ in }) { _ in seen += 1 }
            Issue.record("the scan should have failed")
        } catch let error as WarehouseError {
            #expect("\(error)".contains("division by zero"))
        }
        #expect(seen < 3000)
        var total = 0
        _ = try tracker.scanChanges(
            of: try PostgresTestModels.model("SELECT id, name FROM people"), stateKey: "people", problem: { _ in }
        ) { _ in total += 1 }
        #expect(total == 3000)
    }

    // MARK: Unique ids

    private static let proofSeed = """
        CREATE TABLE users (id int8 PRIMARY KEY, email text UNIQUE, plan text, code text);
        CREATE UNIQUE INDEX users_code_active ON users (code) WHERE plan <> 'gone';
        CREATE TABLE orders (id int8 PRIMARY KEY, user_id int8, total float8);
        CREATE TABLE tags (user_id int8, tag text, UNIQUE (user_id, tag));
        INSERT INTO users SELECT i, 'u' || i || '@x', 'pro', 'c' || i FROM generate_series(1, 5000) i;
        INSERT INTO orders SELECT i, i % 50 + 1, i FROM generate_series(1, 500) i;
        ANALYZE;
        """

    private func proves(_ query: String, id: String = "id", in url: String) throws -> Bool {
        let warehouse = try PostgresWarehouse.connect(url: url)
        let model = try PostgresTestModels.model(query, id: id)
        return try warehouse.readOnly(model) {
            let description = try warehouse.describe(model)
            guard let index = description.names.firstIndex(of: id) else { return false }
            return try PostgresUniqueIDProof.holds(
                sql: warehouse.wrapped(model), description: description, idColumn: index,
                run: { try warehouse.run($0, $1, model) })
        }
    }

    @Test func idsAreProvenUniqueOnlyWhereNoRowCanRepeatThem() throws {
        let url = try TestPostgresServer.database(seed: Self.proofSeed)
        // Proven: one table's unique column, filtered, sorted, limited, or joined to something unique.
        #expect(try proves("SELECT * FROM users", in: url))
        #expect(try proves("SELECT id, email FROM users WHERE plan = 'pro' ORDER BY email LIMIT 10", in: url))
        #expect(try proves("SELECT email AS id, plan FROM users", in: url))
        #expect(try proves(
            "SELECT u.*, o.spent FROM users u LEFT JOIN (SELECT user_id, sum(total) AS spent FROM orders GROUP BY user_id) o ON o.user_id = u.id",
            in: url))
        // Not proven: a join that repeats users, a union, a computed id, a self-join, a set-returning
        // function, a partial or multi-column unique index, a column without one.
        #expect(try !proves("SELECT u.id, o.total FROM users u JOIN orders o ON o.user_id = u.id", in: url))
        #expect(try !proves("SELECT id FROM users UNION ALL SELECT id FROM users", in: url))
        #expect(try !proves("SELECT id::text AS id FROM users", in: url))
        #expect(try !proves("SELECT b.id FROM users a JOIN users b ON b.email = a.email", in: url))
        #expect(try !proves("SELECT id, generate_series(1, 2) AS n FROM users", in: url))
        #expect(try !proves("SELECT code AS id FROM users", in: url))
        #expect(try !proves("SELECT user_id AS id, tag FROM tags", in: url))
        #expect(try !proves("SELECT user_id AS id FROM orders", in: url))
        #expect(try !proves("WITH x AS MATERIALIZED (SELECT * FROM users) SELECT * FROM x", in: url))
    }

    @Test func aModelThatRepeatsIdsStillHasItsRepeatsFoundWithoutAProof() throws {
        let url = try TestPostgresServer.database(seed: Self.proofSeed)
        let tracker = try PostgresChangeTracker.connect(url: url)
        let model = try PostgresTestModels.model("SELECT u.id, o.total FROM users u JOIN orders o ON o.user_id = u.id")
        var problems = 0
        var records: Set<String> = []
        _ = try tracker.scanChanges(of: model, stateKey: "orders", problem: { _ in problems += 1 }) {
            records.insert($0.record.id)
        }
        #expect(records.count == 50)
        #expect(problems == 450)
    }

    // MARK: Checksums

    /// The checksums a first scan of `query` in a fresh database seeded with `seed` gives, acknowledged.
    private func firstChecksums(_ query: String, seed: String) throws
        -> (tracker: PostgresChangeTracker, admin: PostgresConnection, checksums: [String])
    {
        let url = try TestPostgresServer.database(seed: seed)
        let tracker = try PostgresChangeTracker.connect(url: url)
        var items: [RecordChangeItem] = []
        _ = try tracker.scanChanges(of: try PostgresTestModels.model(query), stateKey: "people", problem: { _ in }) {
            items.append($0)
        }
        try tracker.acknowledge(items.map { AcknowledgedChange($0) }, stateKey: "people")
        return (tracker, try PostgresConnection(url: url, readOnly: false), items.map(\.checksum))
    }

    /// What a scan of `query` reports, as `id change`.
    private func changes(_ tracker: PostgresChangeTracker, _ query: String) throws -> [String] {
        var changes: [String] = []
        _ = try tracker.scanChanges(of: try PostgresTestModels.model(query), stateKey: "people", problem: { _ in }) {
            changes.append("\($0.record.id) \($0.change)")
        }
        return changes.sorted()
    }

    @Test func checksumsHashTheRecordAndCountARenamedColumnAsAChange() throws {
        let (tracker, _, checksums) = try firstChecksums("SELECT id, name FROM people", seed: """
            CREATE TABLE people (id int4 PRIMARY KEY, name text);
            INSERT INTO people VALUES (1, 'Ada'), (2, 'Grace');
            """)
        #expect(checksums.allSatisfy { $0.hasPrefix("v3:") && Int64($0.dropFirst(3)) != nil })
        #expect(try changes(tracker, "SELECT id, name FROM people") == [])
        #expect(try changes(tracker, "SELECT id, name AS full_name FROM people") == ["1 updated", "2 updated"])
    }

    @Test func everyValueATypeTellsApartIsAChange() throws {
        let seed = #"""
            CREATE TABLE people (id int8 PRIMARY KEY, name text, score float8, amount numeric, at timestamptz,
                seen date, payload jsonb, key uuid, raw bytea, active bool);
            INSERT INTO people VALUES (1, 'ada', 1.5, 2.50, '2024-05-01 12:00+00', '2024-05-01', '{"a": 1}',
                '00000000-0000-0000-0000-000000000001', '\x01', true);
            """#
        let (tracker, admin, checksums) = try firstChecksums("SELECT * FROM people", seed: seed)
        #expect(checksums.allSatisfy { $0.hasPrefix("v3:") })
        for change in [
            "name = 'Ada'", "score = 1.25", "amount = 2.51", "at = '2024-05-01 12:00:01+00'", "seen = '2024-05-02'",
            #"payload = '{"a": "1"}'"#, "key = '00000000-0000-0000-0000-000000000002'", #"raw = '\x02'"#, "active = false",
            "name = NULL",
        ] {
            try admin.execute("UPDATE people SET \(change)")
            #expect(try changes(tracker, "SELECT * FROM people") == ["1 updated"], "\(change)")
            try tracker.acknowledge(
                [AcknowledgedChange(recordID: "1", change: .updated, checksum: try currentChecksum(tracker), version: 2)],
                stateKey: "people")
        }
        // Equal values whose text differs are one number in the message: not a change.
        try admin.execute("UPDATE people SET amount = 2.510")
        #expect(try changes(tracker, "SELECT * FROM people") == [])
    }

    @Test func typesWhoseHashCouldHideAChangeKeepTheRecordText() throws {
        // An array's hash ignores its dimensions, json has none, and a nondeterministic collation hashes
        // "ada" and "ADA" alike: each keeps the record text, so each of these changes is seen.
        let arrays = try firstChecksums("SELECT * FROM people", seed: """
            CREATE TABLE people (id int4 PRIMARY KEY, tags int4[]);
            INSERT INTO people VALUES (1, '{1,2,3,4}');
            """)
        #expect(arrays.checksums.allSatisfy { $0.hasPrefix("v2:") })
        try arrays.admin.execute("UPDATE people SET tags = '{{1,2},{3,4}}'")
        #expect(try changes(arrays.tracker, "SELECT * FROM people") == ["1 updated"])

        let json = try firstChecksums("SELECT * FROM people", seed: """
            CREATE TABLE people (id int4 PRIMARY KEY, doc json);
            INSERT INTO people VALUES (1, '{"a": 1}');
            """)
        #expect(json.checksums.allSatisfy { $0.hasPrefix("v2:") })

        let collated = try firstChecksums("SELECT * FROM people", seed: """
            CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
            CREATE TABLE people (id int4 PRIMARY KEY, name text COLLATE ci);
            INSERT INTO people VALUES (1, 'ada');
            """)
        #expect(collated.checksums.allSatisfy { $0.hasPrefix("v2:") })
        try collated.admin.execute("UPDATE people SET name = 'ADA'")
        #expect(try changes(collated.tracker, "SELECT * FROM people") == ["1 updated"])
    }

    /// The checksum the next scan of `people` would store for record 1.
    private func currentChecksum(_ tracker: PostgresChangeTracker) throws -> String {
        var checksum = ""
        _ = try tracker.scanChanges(
            of: try PostgresTestModels.model("SELECT * FROM people"), stateKey: "people", problem: { _ in }
        ) { checksum = $0.checksum }
        return checksum
    }

    @Test(arguments: [
        ("md5(row_to_json(m)::text)", 32),
        (#"'v2:' || md5(E'id\x1Fname\x1E' || m::text)"#, 35),
    ])
    func checksumsOfAnEarlierReleaseAreRewrittenOnceWithoutSendingAnythingUnchanged(earlier: String, length: Int) throws {
        let (tracker, admin, _) = try firstChecksums("SELECT id, name FROM people", seed: """
            CREATE TABLE people (id int4 PRIMARY KEY, name text);
            INSERT INTO people VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Linus');
            """)
        let model = try PostgresTestModels.model("SELECT id, name FROM people")
        // What an earlier release stored, at version 4.
        try admin.executeScript("""
            UPDATE backflow.records_people r SET checksum = \(earlier), version = 4
            FROM (SELECT id, name FROM people) m WHERE r.record_id = m.id::text;
            UPDATE people SET name = 'Grace H.' WHERE id = 2;
            """)
        var upgraded: [RecordChangeItem] = []
        _ = try tracker.scanChanges(of: model, stateKey: "people", problem: { _ in }) { upgraded.append($0) }
        #expect(upgraded.map(\.record.id) == ["2"])
        #expect(upgraded.first?.change == .updated)
        #expect(upgraded.first?.version == 5)
        #expect(upgraded.first?.checksum.hasPrefix("v3:") == true)
        let stored = try admin.execute("SELECT record_id, checksum, version FROM backflow.records_people ORDER BY record_id")
        #expect((0..<stored.rowCount).map { stored.text(row: $0, column: 0)! } == ["1", "2", "3"])
        // The unchanged records now hold the current form at their old version; the changed one waits for its delivery.
        #expect(stored.text(row: 0, column: 1)?.hasPrefix("v3:") == true)
        #expect(stored.text(row: 2, column: 1)?.hasPrefix("v3:") == true)
        #expect(stored.text(row: 1, column: 1)?.count == length)
        #expect((0..<3).map { stored.text(row: $0, column: 2) } == ["4", "4", "4"])
        try tracker.acknowledge(upgraded.map { AcknowledgedChange($0) }, stateKey: "people")
        var after = 0
        _ = try tracker.scanChanges(of: model, stateKey: "people", problem: { _ in }) { _ in after += 1 }
        #expect(after == 0)
    }

    @Test func aStateLargerThanOneRewriteIsRewrittenWhole() throws {
        let (tracker, admin, _) = try firstChecksums("SELECT id, name FROM people", seed: """
            CREATE TABLE people (id int4 PRIMARY KEY, name text);
            INSERT INTO people SELECT i, 'p' || i FROM generate_series(1, 25000) i;
            """)
        try admin.executeScript("""
            UPDATE backflow.records_people r SET checksum = md5(row_to_json(m)::text)
            FROM (SELECT id, name FROM people) m WHERE r.record_id = m.id::text;
            UPDATE people SET name = 'changed' WHERE id = 12345;
            """)
        #expect(try changes(tracker, "SELECT id, name FROM people") == ["12345 updated"])
        let forms = try admin.execute(
            "SELECT count(*) FILTER (WHERE checksum LIKE 'v3:%'), count(*) FROM backflow.records_people")
        #expect(forms.value(row: 0, column: 0) == 24999)
        #expect(forms.value(row: 0, column: 1) == 25000)
    }

    // MARK: Ids byte for byte

    /// The records of `people` a scan reports, as `id change`.
    private func scanned(_ tracker: PostgresChangeTracker, _ model: ModelDefinition) throws -> [String] {
        var changes: [RecordChangeItem] = []
        _ = try tracker.scanChanges(of: model, stateKey: "people", problem: { _ in }) { changes.append($0) }
        try tracker.acknowledge(changes.map { AcknowledgedChange($0) }, stateKey: "people")
        return changes.map { "\($0.record.id) \($0.change)" }.sorted()
    }

    @Test func idsAreExactStringsWhateverCollationTheModelOrAnEarlierStateHas() throws {
        // A case-insensitive collation on the model's ids calls "ada" and "ADA" equal; the state does not.
        let url = try TestPostgresServer.database(seed: """
            CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
            CREATE TABLE people (id text COLLATE ci, name text);
            INSERT INTO people VALUES ('ada', 'Ada'), ('ADA', 'Ada Lovelace'), ('grace', 'Grace');
            """)
        let admin = try PostgresConnection(url: url, readOnly: false)
        let model = try PostgresTestModels.model("SELECT id, name FROM people")
        let tracker = try PostgresChangeTracker.connect(url: url)
        #expect(try scanned(tracker, model) == ["ADA added", "ada added", "grace added"])
        let collation = try admin.execute("""
            SELECT string_agg(table_name || ' ' || collation_name, ', ' ORDER BY table_name) FROM information_schema.columns
            WHERE table_schema = 'backflow' AND table_name LIKE '%_people' AND column_name = 'record_id'
            """)
        #expect(collation.text(row: 0, column: 0) == "failures_people C, records_people C")
        try admin.executeScript("UPDATE people SET name = 'A. Lovelace' WHERE id = 'ADA' COLLATE \"C\"")
        #expect(try scanned(tracker, model) == ["ADA updated"])

        // A state made by an earlier release compares ids in the database's collation: it still syncs.
        try admin.executeScript("""
            ALTER TABLE backflow.records_people ALTER COLUMN record_id TYPE text COLLATE "default";
            ALTER TABLE backflow.failures_people ALTER COLUMN record_id TYPE text COLLATE "default";
            DELETE FROM people WHERE id = 'ada' COLLATE "C";
            INSERT INTO people VALUES ('Grace', 'Grace Hopper');
            """)
        let earlier = try PostgresChangeTracker.connect(url: url)
        #expect(try scanned(earlier, model) == ["Grace added", "ada deleted"])
        #expect(try scanned(earlier, model) == [])
    }
}

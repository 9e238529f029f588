import Testing

@testable import BackflowCore

@Suite("Postgres warehouse reading")
struct PostgresWarehouseReadingTests {
    /// One row with a value of every mapped type, one row of nulls; created once for the suite.
    private static let database = Result {
        try TestPostgresServer.database(seed: """
            CREATE TABLE typed (
                id int8 PRIMARY KEY, small int2, regular int4, real4 float4, real8 float8, amount numeric,
                whole numeric, flag bool, doc json, docb jsonb, label text, code varchar(10), token uuid,
                day date, at timestamp, at_utc timestamptz, raw bytea, tags text[]);
            INSERT INTO typed VALUES (1, 2, 3, 1.5, 2.25, 10.50, 42.00, true, '{"b":1,"a":[true,null]}',
                '{"k": "v"}', 'Ada', 'X1', '123e4567-e89b-12d3-a456-426614174000', '2024-05-01',
                '2024-05-01 12:30:00', '2024-05-01 12:30:00.5+02', '\\xcafe', '{a,b}');
            INSERT INTO typed (id) VALUES (2);
            CREATE TABLE people (id int4, name text);
            INSERT INTO people SELECT n, 'person ' || n FROM generate_series(1, 10000) AS n;
            CREATE TABLE tagged (code text, note text);
            INSERT INTO tagged VALUES ('a', 'first'), (NULL, 'no id'), ('a', 'again'), ('b', 'second');
            """)
    }

    private func warehouse() throws -> PostgresWarehouse {
        try PostgresWarehouse.connect(url: Self.database.get())
    }

    @Test func columnsCarryPostgresTypeNamesAndKinds() throws {
        let columns = try warehouse().columns(of: PostgresTestModels.model("SELECT * FROM typed"))
        #expect(columns.map(\.type) == [
            "int8", "int2", "int4", "float4", "float8", "numeric", "numeric", "bool", "json", "jsonb", "text",
            "varchar", "uuid", "date", "timestamp", "timestamptz", "bytea", "text[]",
        ])
        #expect(columns.map(\.kind) == [
            .integer, .integer, .integer, .real, .real, .real, .real, .boolean, .json, .json, .text, .text, .text,
            .timestamp, .timestamp, .timestamp, .blob, .text,
        ])
    }

    @Test func valuesMapByTheirType() throws {
        let record = try #require(try warehouse().record(of: PostgresTestModels.model("SELECT * FROM typed"), id: "1"))
        let expected: JSONObject = [
            "id": 1, "small": 2, "regular": 3, "real4": 1.5, "real8": 2.25, "amount": 10.5, "whole": 42,
            "flag": true, "doc": ["b": 1, "a": [true, nil]], "docb": ["k": "v"], "label": "Ada", "code": "X1",
            "token": "123e4567-e89b-12d3-a456-426614174000", "day": "2024-05-01", "at": "2024-05-01 12:30:00",
            "at_utc": "2024-05-01T10:30:00.5Z", "raw": "yv4=", "tags": "{a,b}",
        ]
        #expect(record.columns == expected)
    }

    @Test func nullsMapToNull() throws {
        let record = try #require(try warehouse().record(of: PostgresTestModels.model("SELECT * FROM typed"), id: "2"))
        #expect(record.columns.entries.dropFirst().allSatisfy { $0.value == .null })
    }

    @Test func previewShowsTheFirstTenRows() throws {
        let preview = try warehouse().preview(of: PostgresTestModels.model("SELECT * FROM people ORDER BY id"))
        #expect(preview.records.map(\.id) == (1...10).map(String.init))
        #expect(preview.columns.map(\.name) == ["id", "name"])
    }

    @Test func recordIsFoundByIntegerId() throws {
        let record = try warehouse().record(of: PostgresTestModels.model("SELECT * FROM people"), id: "4321")
        #expect(record?.columns["name"] == "person 4321")
    }

    @Test func recordIsFoundByTextId() throws {
        let record = try warehouse().record(of: PostgresTestModels.model("SELECT * FROM tagged", id: "code"), id: "b")
        #expect(record?.columns["note"] == "second")
    }

    @Test func missingRecordIsNil() throws {
        #expect(try warehouse().record(of: PostgresTestModels.model("SELECT * FROM people"), id: "0") == nil)
    }

    @Test func streamingVisitsEveryRowOnce() throws {
        let rows = try PostgresTestModels.allRows(
            of: PostgresTestModels.model("SELECT * FROM people"), in: warehouse())
        #expect(rows.records.count == 10_000)
        #expect(Set(rows.records.map(\.id)).count == 10_000)
        #expect(rows.problems.isEmpty)
    }

    @Test func nullAndRepeatedIdsAreProblems() throws {
        let rows = try PostgresTestModels.allRows(
            of: PostgresTestModels.model("SELECT * FROM tagged ORDER BY note", id: "code"), in: warehouse())
        #expect(rows.records.map(\.id) == ["a", "b"])
        #expect(rows.problems.map(\.kind) == [.duplicateUniqueId, .nullUniqueId])
    }

    @Test func countIncludesRowsWithProblems() throws {
        #expect(try warehouse().count(of: PostgresTestModels.model("SELECT * FROM tagged", id: "code")) == 4)
    }

    @Test func missingIdColumnIsRefused() throws {
        #expect(throws: WarehouseError.missingIdColumn(model: "m", column: "nope", availableColumns: ["id", "name"])) {
            try warehouse().preview(of: PostgresTestModels.model("SELECT * FROM people", id: "nope"))
        }
    }

    @Test func failedQueryCarriesTheSQLState() throws {
        #expect {
            try warehouse().columns(of: PostgresTestModels.model("SELECT * FROM missing_table"))
        } throws: { error in
            guard case WarehouseError.serverQueryFailed(_, let reason) = error else { return false }
            return reason.sqlState == "42P01" && reason.message.contains("missing_table")
        }
    }
}

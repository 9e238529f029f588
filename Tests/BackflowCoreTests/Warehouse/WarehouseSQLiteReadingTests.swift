import Testing

@testable import BackflowCore

@Suite struct WarehouseSQLiteReadingTests {
    @Test func columnsCarryDeclaredTypesAndKinds() throws {
        let fixture = try WarehouseFixture.people()
        let columns = try fixture.warehouse().columns(of: fixture.model("SELECT * FROM people", id: "id"))
        #expect(columns == [
            ModelColumn(name: "id", type: "INTEGER", kind: .integer),
            ModelColumn(name: "name", type: "TEXT", kind: .text),
            ModelColumn(name: "score", type: "REAL", kind: .real),
            ModelColumn(name: "photo", type: "BLOB", kind: .blob),
            ModelColumn(name: "tags", type: "JSON", kind: .json),
            ModelColumn(name: "active", type: "BOOLEAN", kind: .boolean),
        ])
    }

    @Test func expressionColumnTypeIsInferredFromTheFirstNonNullValue() throws {
        let fixture = try WarehouseFixture.people()
        let query = "SELECT id, CASE WHEN id > 1 THEN upper(name) END AS shout, NULL AS blank FROM people"
        let columns = try fixture.warehouse().columns(of: fixture.model(query, id: "id"))
        #expect(columns[1] == ModelColumn(name: "shout", type: "TEXT", kind: .text))
        #expect(columns[2] == ModelColumn(name: "blank", type: "", kind: .unknown))
    }

    @Test func valuesKeepTheirStorageClass() throws {
        let fixture = try WarehouseFixture.people()
        let record = try fixture.warehouse().record(of: fixture.model("SELECT * FROM people", id: "id"), id: "1")
        #expect(record?.columns == [
            "id": 1, "name": "Ada", "score": 9.5, "photo": "yv4=", "tags": "[\"math\"]", "active": 1,
        ])
        #expect(record?.columns.keys == ["id", "name", "score", "photo", "tags", "active"])
    }

    /// A UTF-8 database's text is read as SQLite holds it, a UTF-16 one's through SQLite's conversion:
    /// both read the same text, a NUL inside it included.
    @Test func textReadsTheSameInEveryEncoding() throws {
        for encoding in ["UTF-8", "UTF-16le", "UTF-16be"] {
            let fixture = try WarehouseFixture([
                "PRAGMA encoding = '\(encoding)'",
                "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)",
                "INSERT INTO t VALUES (1, 'Zoë 😀 \"quoted\"'), (2, ''), (3, 'a' || char(0) || 'b')",
            ])
            let model = try fixture.model("SELECT * FROM t", id: "id")
            let names = try (1...3).map { try fixture.warehouse().record(of: model, id: "\($0)")?.columns["name"] }
            #expect(names == ["Zoë 😀 \"quoted\"", "", "a\u{0}b"], "\(encoding)")
        }
    }

    @Test func previewReturnsColumnsAndTheFirstRows() throws {
        let fixture = try WarehouseFixture.people()
        let preview = try fixture.warehouse().preview(of: fixture.model("SELECT * FROM people", id: "id"), limit: 2)
        #expect(preview.columns.map(\.name) == ["id", "name", "score", "photo", "tags", "active"])
        #expect(preview.records.map(\.id) == ["1", "2"])
        #expect(preview.problems.isEmpty)
    }

    @Test func previewShowsTenRowsByDefault() throws {
        let fixture = try WarehouseFixture([
            "CREATE TABLE n (id INTEGER)",
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 25) "
                + "INSERT INTO n SELECT x FROM c",
        ])
        let preview = try fixture.warehouse().preview(of: fixture.model("SELECT * FROM n", id: "id"))
        #expect(preview.records.count == 10)
    }

    @Test func recordIsFoundByIntegerIdGivenAsText() throws {
        let fixture = try WarehouseFixture.people()
        let record = try fixture.warehouse().record(of: fixture.model("SELECT * FROM people", id: "id"), id: "3")
        #expect(record?.id == "3")
        #expect(record?.columns["score"] == .number(7))
    }

    @Test func recordIsFoundByTextId() throws {
        let fixture = try WarehouseFixture.people()
        let model = try fixture.model("SELECT name AS handle, id FROM people", id: "handle")
        #expect(try fixture.warehouse().record(of: model, id: "Grace")?.columns == ["handle": "Grace", "id": 2])
    }

    @Test func unknownIdHasNoRecord() throws {
        let fixture = try WarehouseFixture.people()
        #expect(try fixture.warehouse().record(of: fixture.model("SELECT * FROM people", id: "id"), id: "42") == nil)
    }

    @Test func realIdIsPrintedAsJavaScriptPrintsNumbers() throws {
        let fixture = try WarehouseFixture.people()
        let model = try fixture.model("SELECT score AS key FROM people WHERE score IS NOT NULL", id: "key")
        let ids = try fixture.warehouse().preview(of: model).records.map(\.id)
        #expect(ids == ["9.5", "7"])
        #expect(try fixture.warehouse().record(of: model, id: "7")?.columns == ["key": 7.0])
    }

    @Test func streamingVisitsEveryRowOnceInOrder() throws {
        let fixture = try WarehouseFixture([
            "CREATE TABLE n (id INTEGER)",
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000) "
                + "INSERT INTO n SELECT x FROM c",
        ])
        var ids: [String] = []
        try fixture.warehouse().forEachRecord(
            of: fixture.model("SELECT * FROM n ORDER BY id", id: "id"),
            problem: { Issue.record("unexpected problem \($0)") },
            record: { ids.append($0.id) })
        #expect(ids == (1...1000).map(String.init))
    }

    @Test func countIncludesEveryRow() throws {
        let fixture = try WarehouseFixture.people()
        #expect(try fixture.warehouse().count(of: fixture.model("SELECT * FROM people;", id: "id")) == 3)
    }

    @Test func queryWithCommonTableExpressionAndTrailingCommentRuns() throws {
        let fixture = try WarehouseFixture.people()
        let model = try fixture.model("WITH p AS (SELECT * FROM people) SELECT id FROM p -- all of them", id: "id")
        #expect(try fixture.warehouse().count(of: model) == 3)
    }
}

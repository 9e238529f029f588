import Testing

@testable import BackflowCore

@Suite struct WarehouseModelDefinitionTests {
    private func model(_ query: String, id: String = "id") throws(ModelDefinitionError) -> ModelDefinition {
        try ModelDefinition(name: "users", sourceName: "demo", query: query, idColumn: id)
    }

    @Test func trailingSemicolonIsLeftOutOfTheStatement() throws {
        #expect(try model("SELECT * FROM users;  \n").statement == "SELECT * FROM users")
    }

    @Test func semicolonsInsideStringsAndCommentsDoNotSplit() throws {
        let query = "SELECT 'a;b' AS \"x;y\", [p;q] -- trailing; comment\nFROM users /* ; */; -- done"
        #expect(try model(query).statement == "SELECT 'a;b' AS \"x;y\", [p;q] -- trailing; comment\nFROM users /* ; */")
    }

    @Test(arguments: [
        "SELECT $$a;b$$ AS x",
        "SELECT $body$ a; $$ b; $body$ AS x",
        "SELECT E'a\\';b' AS x",
        "SELECT 'it''s; fine' AS x",
        "SELECT 1 /* outer /* inner; */ still comment; */ AS x",
        "SELECT \"a;b\" FROM t",
    ])
    func semicolonsInPostgreSQLQuotedFormsDoNotSplit(query: String) throws {
        #expect(try model(query + ";").statement == query)
    }

    @Test func dollarParametersAreNotQuotes() {
        #expect(throws: ModelDefinitionError.multipleStatements(model: "users", count: 2)) {
            try model("SELECT $1, a$b$c; SELECT $2")
        }
    }

    @Test func secondStatementIsRefused() {
        #expect(throws: ModelDefinitionError.multipleStatements(model: "users", count: 2)) {
            try model("SELECT * FROM users; DELETE FROM users")
        }
    }

    @Test func queryMadeOfCommentsIsEmpty() {
        #expect(throws: ModelDefinitionError.emptyQuery(model: "users")) { try model("-- nothing\n;") }
    }

    @Test func queryOfExactlyTheLimitIsAccepted() throws {
        let query = "SELECT 1" + String(repeating: " ", count: ModelDefinition.maximumQueryLength - 8)
        #expect(try model(query).query.count == 65_535)
    }

    @Test func queryOverTheLimitIsRefused() {
        let query = "SELECT 1" + String(repeating: " ", count: ModelDefinition.maximumQueryLength - 7)
        #expect(throws: ModelDefinitionError.queryTooLong(model: "users", length: 65_536)) { try model(query) }
    }

    @Test func idColumnOverTheLimitIsRefused() {
        #expect(throws: ModelDefinitionError.idColumnTooLong(model: "users", length: 192)) {
            try model("SELECT 1", id: String(repeating: "c", count: 192))
        }
        #expect(throws: Never.self) { try model("SELECT 1", id: String(repeating: "c", count: 191)) }
    }

    @Test func emptyIdColumnIsRefused() {
        #expect(throws: ModelDefinitionError.emptyIdColumn(model: "users")) { try model("SELECT 1", id: "") }
    }

    @Test func multipleStatementsMessageSaysWhatToDo() {
        #expect(ModelDefinitionError.multipleStatements(model: "users", count: 2).description
            == "Model 'users' must be a single SQL statement, but its query holds 2; "
            + "remove every statement but the SELECT.")
    }
}

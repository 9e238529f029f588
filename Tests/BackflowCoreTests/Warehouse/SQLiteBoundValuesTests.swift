import Testing

@testable import BackflowCore

/// Values bound in place (``SQLiteBoundValues``) store what binding them one by one stores, and the
/// buffer they are read from can be refilled for the next group without touching the rows before.
@Suite("SQLite values bound in place")
struct SQLiteBoundValuesTests {
    private let connection: SQLiteConnection

    init() throws {
        connection = try SQLiteConnection(path: ":memory:", mode: .readWriteCreate)
        try connection.execute("CREATE TABLE t (a, b)")
    }

    private func stored() throws -> [[JSONValue]] {
        let statement = try connection.prepare("SELECT a, b FROM t ORDER BY rowid")
        var rows: [[JSONValue]] = []
        while try statement.step() { rows.append([statement.value(at: 0), statement.value(at: 1)]) }
        return rows
    }

    private func storedTypes() throws -> [String] {
        let statement = try connection.prepare("SELECT typeof(a) || ' ' || typeof(b) FROM t ORDER BY rowid")
        var types: [String] = []
        while try statement.step() { types.append(statement.value(at: 0).stringValue ?? "") }
        return types
    }

    @Test func storesEachKindOfValueAsABindingOneByOneDoes() throws {
        let values: [JSONValue] = [
            .string("ada@example.com"), .string(""), .string("zoë 😀"), .string("before\u{0}after"), .null,
            .integer(-9_223_372_036_854_775_808), .number(2.5), .bool(true), .object(JSONObject([("k", .integer(1))])),
            .array([.string("x")]),
        ]
        let inPlace = try connection.prepare("INSERT INTO t (a, b) VALUES (?, 'in place')")
        let oneByOne = try connection.prepare("INSERT INTO t (a, b) VALUES (?, 'one by one')")
        for value in values {
            var bound = SQLiteBoundValues()
            bound.append(value)
            try bound.run(inPlace)
            try oneByOne.reset()
            try oneByOne.bind(value, at: 1)
            while try oneByOne.step() {}
        }
        let rows = try stored()
        let types = try storedTypes()
        #expect(rows.count == 2 * values.count)
        for index in values.indices {
            #expect(rows[2 * index][0] == rows[2 * index + 1][0], "\(values[index])")
            #expect(types[2 * index].prefix { $0 != " " } == types[2 * index + 1].prefix { $0 != " " })
        }
        #expect(rows[0][0] == .string("ada@example.com"))
        #expect(types[2] == "text text", "an empty string is text, not NULL")
        #expect(rows[6][0] == .string("before"), "text ends at its first NUL, as bound one by one")
        #expect(rows[14][0] == .integer(1), "a boolean is 0 or 1")
        #expect(rows[16][0] == .string(#"{"k":1}"#))
    }

    /// A statement run with one group, then another with the buffer refilled: each row keeps its own
    /// text, and the statement keeps no binding into the buffer once it has run.
    @Test func reusesItsBufferFromGroupToGroup() throws {
        let statement = try connection.prepare("INSERT INTO t (a, b) VALUES (?, ?), (?, ?)")
        var bound = SQLiteBoundValues()
        var expected: [[JSONValue]] = []
        for group in 0..<50 {
            bound.removeAll()
            var rows: [[JSONValue]] = []
            for row in 0..<2 {
                let text = String(repeating: "\(group)-\(row)|", count: group % 7 + 1)
                rows.append([.string(text), .integer(Int64(group * 2 + row))])
            }
            for value in rows.joined() { bound.append(value) }
            #expect(bound.count == 4)
            try bound.run(statement)
            expected += rows
        }
        #expect(try stored() == expected)
        while try statement.step() {}
        #expect(try stored().count == expected.count + 2)
        #expect(try stored().suffix(2).allSatisfy { $0 == [.null, .null] }, "no binding outlives a run")
    }
}

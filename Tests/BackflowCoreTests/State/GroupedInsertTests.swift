import Foundation
import Testing

@testable import BackflowCore

/// ``GroupedInsert``: every row stored once, in order, whether it lands in a full group or in one of
/// the smaller ones after it; shared values and NULL columns in every row; its statements kept by the
/// database across transactions and schema changes.
@Suite("Grouped inserts")
struct GroupedInsertTests {
    private let directory: URL
    private let database: StateDatabase

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("backflow-grouped-\(UUID().uuidString)")
        database = try StateDatabase(path: directory.appendingPathComponent("rows.sqlite").path)
        try database.run("CREATE TABLE numbers (n INTEGER NOT NULL, label TEXT)")
    }

    private func insert(_ numbers: some Sequence<Int>) throws {
        try database.transaction { () throws(StateError) in
            var insert = GroupedInsert<Int>(
                "INSERT INTO numbers (n, label) VALUES", columns: 2, database: database
            ) { number, values in
                values.append(integer: Int64(number))
                values.append(text: Self.label(number))
            }
            try insert.insert(Array(numbers))
        }
    }

    /// NULL for every third row; the others' labels grow past a string's inline size (15 bytes).
    private static func label(_ number: Int) -> String? {
        number.isMultiple(of: 3) ? nil : "row \(number) " + String(repeating: "é", count: number % 20)
    }

    private func stored() throws -> [(n: Int64, label: String?)] {
        var rows: [(n: Int64, label: String?)] = []
        try database.rows("SELECT n, label FROM numbers ORDER BY rowid") { row in
            guard case .integer(let n) = row.value(at: 0) else { return }
            let label: String? = if case .string(let text) = row.value(at: 1) { text } else { nil }
            rows.append((n, label))
        }
        return rows
    }

    @Test(arguments: [0, 1, 2, 3, 7, 63, 64, 65, 127, 128, 200])
    func everyRowIsStoredOnceInOrder(count: Int) throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try insert(0..<count)
        let rows = try stored()
        #expect(rows.map(\.n) == (0..<count).map(Int64.init))
        #expect(rows.map(\.label) == (0..<count).map(Self.label))
    }

    @Test func keptStatementsServeLaterTransactionsAndSurviveASchemaChange() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try insert(0..<70)
        let key = GroupedInsert<Int>("INSERT INTO numbers (n, label) VALUES", columns: 2, database: database) { _, _ in }
            .statementKey(rows: 64)
        let full = try database.keptStatement(key) { "unused: already kept" }
        try database.run("ALTER TABLE numbers ADD COLUMN added_later TEXT")
        try insert(70..<140)
        let again = try database.keptStatement(key) { "unused: already kept" }
        #expect(full === again)
        #expect(try stored().map(\.n) == (0..<140).map(Int64.init))
    }

    @Test func aFailedGroupRollsBackAndTheStatementsStillWork() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try database.run("CREATE TRIGGER no_thirteen BEFORE INSERT ON numbers WHEN NEW.n = 13 BEGIN SELECT RAISE(ABORT, 'thirteen'); END")
        #expect(throws: StateError.self) { try insert(0..<100) }
        #expect(try stored().isEmpty)
        try database.run("DROP TRIGGER no_thirteen")
        try insert(0..<100)
        #expect(try stored().map(\.n) == (0..<100).map(Int64.init))
    }

    /// Shared values bound once an insert land in every row, beside each row's own and the NULL
    /// columns; two inserts with other shared values, one after the other, keep theirs.
    @Test(arguments: [1, 5, 64, 99])
    func sharedValuesAndNullsFillEveryRow(count: Int) throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try database.run("CREATE TABLE marks (run INTEGER, n INTEGER, kind TEXT, note TEXT, at REAL)")
        let rows = Array(0..<count)
        try database.transaction { () throws(StateError) in
            var insert = GroupedInsert<Int>(
                "INSERT INTO marks (run, n, kind, note, at) VALUES",
                columns: [.shared(2), .own, .shared(1), .null, .shared(3)], database: database
            ) { number, values in values.append(integer: Int64(number)) }
            try insert.insert(rows) { values in
                values.append(text: "first")
                values.append(integer: 7)
                values.append(real: 1.5)
            }
            try insert.insert(rows) { values in
                values.append(text: "second")
                values.append(integer: 8)
                values.append(real: 2.5)
            }
        }
        var stored: [[JSONValue]] = []
        try database.rows("SELECT run, n, kind, note, at FROM marks ORDER BY rowid") { row in
            stored.append((0..<5).map(row.value(at:)))
        }
        let expected: [[JSONValue]] =
            rows.map { [.integer(7), .integer(Int64($0)), .string("first"), .null, .number(1.5)] }
            + rows.map { [.integer(8), .integer(Int64($0)), .string("second"), .null, .number(2.5)] }
        #expect(stored == expected)
    }
}

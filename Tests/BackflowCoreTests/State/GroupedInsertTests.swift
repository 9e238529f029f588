import Foundation
import Testing

@testable import BackflowCore

/// ``GroupedInsert``: every row stored once, in order, whether it lands in a full group or in the
/// last, smaller one; its statements kept by the database across transactions and schema changes.
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

    @Test(arguments: [0, 1, 63, 64, 65, 128, 200])
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
        let full = try database.keptStatement("64 INSERT INTO numbers (n, label) VALUES") { "unused: already kept" }
        try database.run("ALTER TABLE numbers ADD COLUMN added_later TEXT")
        try insert(70..<140)
        let again = try database.keptStatement("64 INSERT INTO numbers (n, label) VALUES") { "unused: already kept" }
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
}

import Foundation

@testable import BackflowCore

/// A small SQLite warehouse in a fresh temporary directory, removed when the fixture is released.
final class WarehouseFixture {
    let directory: URL
    let path: String

    /// Creates the file and runs `statements` against it, one at a time.
    init(_ statements: [String]) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("backflow-warehouse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("warehouse.sqlite").path
        let connection = try SQLiteConnection(path: path, mode: .readWriteCreate)
        for statement in statements {
            try connection.execute(statement)
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// People with an integer id, one column of each SQLite storage class, and a computed column.
    static func people() throws -> WarehouseFixture {
        try WarehouseFixture([
            "CREATE TABLE people "
                + "(id INTEGER PRIMARY KEY, name TEXT, score REAL, photo BLOB, tags JSON, active BOOLEAN)",
            "INSERT INTO people VALUES (1, 'Ada', 9.5, x'CAFE', '[\"math\"]', 1)",
            "INSERT INTO people VALUES (2, 'Grace', NULL, NULL, '[]', 0)",
            "INSERT INTO people VALUES (3, NULL, 7, NULL, NULL, 1)",
        ])
    }

    func warehouse() throws -> SQLiteWarehouse {
        try SQLiteWarehouse(path: path)
    }

    func model(_ query: String, id: String, name: String = "people") throws -> ModelDefinition {
        try ModelDefinition(name: name, sourceName: "fixture", query: query, idColumn: id)
    }

    /// Every row of `table`, read back through a separate connection.
    func rows(of table: String) throws -> [[JSONValue]] {
        let statement = try SQLiteConnection(path: path, mode: .readOnly).prepare("SELECT * FROM \(table)")
        var rows: [[JSONValue]] = []
        while try statement.step() { rows.append(statement.row()) }
        return rows
    }
}

import Foundation

@testable import BackflowCore

/// A temporary folder holding a small SQLite warehouse of customers and a state folder beside it.
final class StateFixture {
    let directory: URL
    let warehousePath: String
    let folder: StateFolder
    var now: Double = 1_700_000_000

    init(customers: Int = 3) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("backflow-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        warehousePath = directory.appendingPathComponent("warehouse.sqlite").path
        folder = StateFolder(path: directory.appendingPathComponent("backflow/state").path)
        try write([
            "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, score REAL)",
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(customers)) "
                + "INSERT INTO customers SELECT i, 'user' || i || '@example.com', i * 1.5 FROM n",
        ])
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Changes the warehouse through a separate, writable connection.
    func write(_ statements: [String]) throws {
        let connection = try SQLiteConnection(path: warehousePath, mode: .readWriteCreate)
        for statement in statements { try connection.execute(statement) }
    }

    func tracker() throws -> SQLiteChangeTracker {
        try SQLiteChangeTracker(statePath: folder.statePath, warehousePath: warehousePath) { [unowned self] in now }
    }

    func model(_ query: String = "SELECT id, email, score FROM customers ORDER BY id", id: String = "id") throws
        -> ModelDefinition
    {
        try ModelDefinition(name: "Customers", sourceName: "fixture", query: query, idColumn: id)
    }
}

/// Everything one scan reported.
struct ScanResult {
    var changes: [RecordChangeItem] = []
    var problems: [RecordProblem] = []
    var counts = ChangeCounts()

    var ids: [String] { changes.map(\.record.id) }
    var kinds: [RecordChange] { changes.map(\.change) }

    var acknowledgements: [AcknowledgedChange] {
        changes.map { AcknowledgedChange($0) }
    }
}

extension SQLiteChangeTracker {
    func scan(_ model: ModelDefinition, key: String = "customers_sync") throws -> ScanResult {
        var result = ScanResult()
        result.counts = try scanChanges(
            of: model, stateKey: key, problem: { result.problems.append($0) }, change: { result.changes.append($0) })
        return result
    }

    /// Scans and acknowledges everything found, as a fully successful sync does.
    @discardableResult
    func sync(_ model: ModelDefinition, key: String = "customers_sync") throws -> ScanResult {
        let result = try scan(model, key: key)
        try acknowledge(result.acknowledgements, stateKey: key)
        return result
    }
}

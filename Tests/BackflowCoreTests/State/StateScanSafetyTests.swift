import Foundation
import Testing

@testable import BackflowCore

@Suite("State scan safety")
struct StateScanSafetyTests {
    @Test func warehouseFileIsByteIdenticalAfterScans() throws {
        let fixture = try StateFixture()
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.warehousePath))
        let tracker = try fixture.tracker()
        try tracker.sync(fixture.model())
        _ = try tracker.scan(fixture.model())
        let after = try Data(contentsOf: URL(fileURLWithPath: fixture.warehousePath))
        #expect(before == after)
    }

    @Test func warehousePathWithURICharactersIsAttached() throws {
        let fixture = try StateFixture()
        let folder = fixture.directory.appendingPathComponent("odd ?#%'name")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("warehouse.sqlite").path
        try FileManager.default.copyItem(atPath: fixture.warehousePath, toPath: path)
        let tracker = try SQLiteChangeTracker(statePath: fixture.folder.statePath, warehousePath: path)
        #expect(try tracker.scan(fixture.model()).ids == ["1", "2", "3"])
    }

    @Test func missingWarehouseIsReported() throws {
        let fixture = try StateFixture()
        let path = fixture.directory.appendingPathComponent("absent.sqlite").path
        #expect(throws: WarehouseError.notFound(path: path)) {
            try SQLiteChangeTracker(statePath: fixture.folder.statePath, warehousePath: path)
        }
    }

    @Test func writingModelIsRefused() throws {
        let fixture = try StateFixture()
        let model = try fixture.model("DELETE FROM customers RETURNING id")
        #expect(throws: WarehouseError.writesToDatabase(model: "Customers")) {
            try fixture.tracker().scan(model)
        }
    }

    @Test func warehouseCannotBeWrittenThroughTheConnection() throws {
        let fixture = try StateFixture()
        _ = try fixture.tracker()
        let connection = try SQLiteConnection(
            path: fixture.folder.statePath, mode: .readWriteCreate, allowsURIFilenames: true)
        try connection.execute(
            "ATTACH DATABASE '\(SQLiteChangeTracker.readOnlyURI(forPath: fixture.warehousePath))' AS warehouse")
        #expect(throws: SQLiteError.self) { try connection.execute("DELETE FROM warehouse.customers") }
    }

    @Test func modelWithoutIdentifierColumnIsRefused() throws {
        let fixture = try StateFixture()
        let model = try fixture.model("SELECT email FROM customers")
        #expect(throws: WarehouseError.missingIdColumn(model: "Customers", column: "id", availableColumns: ["email"])) {
            try fixture.tracker().scan(model)
        }
    }

    @Test func nullAndDuplicateIdentifiersAreProblems() throws {
        let fixture = try StateFixture()
        let model = try fixture.model(
            "SELECT id, email FROM customers UNION ALL SELECT NULL, 'nobody' UNION ALL SELECT 2, 'again'")
        let result = try fixture.tracker().scan(model)
        #expect(result.ids == ["1", "2", "3"])
        #expect(result.changes[1].record.columns["email"] == "user2@example.com")
        #expect(result.problems.map(\.kind) == [.nullUniqueId, .duplicateUniqueId])
        #expect(result.problems.map(\.rowNumber) == [4, 5])
        #expect(result.problems[1].id == "2")
    }

    @Test func repeatedIdentifierKeepsItsFirstRowAcrossSyncs() throws {
        let fixture = try StateFixture()
        let model = try fixture.model("SELECT id, email FROM customers UNION ALL SELECT 2, 'again'")
        let tracker = try fixture.tracker()
        try tracker.sync(model)
        let result = try tracker.scan(model)
        #expect(result.changes.isEmpty)
        #expect(result.problems.map(\.kind) == [.duplicateUniqueId])
    }

    @Test func invalidStateKeyIsRefused() throws {
        let fixture = try StateFixture()
        #expect(throws: StateError.invalidStateKey("Bad Key")) {
            try fixture.tracker().scan(fixture.model(), key: "Bad Key")
        }
    }

    @Test func stateKeyIsReadableStableAndDistinct() {
        func key(_ mapping: String, workspace: String = "ws_first_workspace") -> String {
            MappingIdentity(workspaceID: workspace, mappingID: mapping, mappingName: mapping).stateKey
        }
        #expect(key("Identify users").hasPrefix("identify_users_"))
        #expect(key("Identify users") == key("Identify users"))
        #expect(key("Identify users") != key("identify-users"))
        #expect(key("Identify users") != key("Identify users", workspace: "ws_other_workspace"))
        for mapping in ["Identify users", "★", String(repeating: "long name ", count: 20)] {
            #expect(StateKey.isValid(key(mapping)))
            #expect(StateKey.isValid(MappingIdentity(workspaceID: "w", mappingID: mapping, mappingName: mapping).legacyStateKey))
        }
    }

    @Test func stateDatabaseUsesWriteAheadLogging() throws {
        let fixture = try StateFixture()
        _ = try fixture.tracker()
        let statement = try SQLiteConnection(path: fixture.folder.statePath, mode: .readOnly).prepare(
            "PRAGMA journal_mode")
        #expect(try statement.step())
        #expect(statement.value(at: 0) == "wal")
    }
}

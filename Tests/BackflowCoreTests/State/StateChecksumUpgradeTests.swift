import Foundation
import Testing

@testable import BackflowCore

/// A state whose checksums an earlier release stored (``SQLiteChecksumForm/rowJSON``): its unchanged
/// records are rewritten in the current form and sent nothing, its changed ones are sent once.
@Suite("State checksum upgrade")
struct StateChecksumUpgradeTests {
    @Test func anUnchangedStateFromBeforeSendsNothingAndIsRewritten() throws {
        let fixture = try StateFixture(customers: 25_000)
        let first = try fixture.tracker().sync(fixture.model())
        let current = try storedRecords(fixture)
        try storeEarlierForm(fixture)
        #expect(try storedRecords(fixture).values.allSatisfy { SQLiteChecksumForm(of: $0.checksum) == .rowJSON })

        let upgraded = try fixture.tracker().scan(fixture.model())
        #expect(upgraded.changes.isEmpty)
        #expect(upgraded.problems.isEmpty)
        #expect(upgraded.counts == ChangeCounts())
        // Every record as a state of this release stores it, versions (and so message ids) unchanged.
        #expect(try storedRecords(fixture) == current)
        #expect(current["7"]?.checksum == first.changes[6].checksum)
        #expect(try fixture.tracker().scan(fixture.model()).changes.isEmpty)
    }

    @Test func recordsChangedSinceAreSentOnceWithTheirNextVersions() throws {
        let fixture = try StateFixture(customers: 40)
        let tracker = try fixture.tracker()
        let first = try tracker.sync(fixture.model())
        try storeEarlierForm(fixture)
        let earlier = try storedRecords(fixture)
        try fixture.write([
            "UPDATE customers SET email = 'changed@example.com' WHERE id = 2", "DELETE FROM customers WHERE id = 3",
            "INSERT INTO customers VALUES (60, 'new@example.com', NULL)",
        ])

        let result = try tracker.scan(fixture.model())
        #expect(result.ids == ["2", "60", "3"])
        #expect(result.kinds == [.updated, .added, .deleted])
        #expect(result.changes.map(\.version) == [2, 1, 2])
        #expect(result.changes[0].checksum != first.changes[1].checksum)
        #expect(SQLiteChecksumForm(of: result.changes[0].checksum) == .storedValues)
        // A deletion carries the checksum stored for the record, whatever its form.
        #expect(result.changes[2].checksum == earlier["3"]?.checksum)

        // Until acknowledged, a changed record keeps what was stored for it; the rest are rewritten.
        let stored = try storedRecords(fixture)
        #expect(stored["2"] == earlier["2"])
        #expect(stored["3"] == earlier["3"])
        #expect(stored.filter { !["2", "3"].contains($0.key) }.values.allSatisfy { $0.checksum.hasPrefix("v2:") })

        try tracker.acknowledge(result.acknowledgements, stateKey: "customers_sync")
        #expect(try tracker.scan(fixture.model()).changes.isEmpty)
        #expect(try storedRecords(fixture)["2"]?.checksum == result.changes[0].checksum)
    }

    // MARK: Helpers

    private static let key = "customers_sync"

    private func state(_ fixture: StateFixture) throws -> SQLiteConnection {
        let connection = try SQLiteConnection(path: fixture.folder.statePath, mode: .readWriteCreate)
        try connection.execute("PRAGMA busy_timeout = 5000")
        return connection
    }

    /// Each stored record's checksum and version, by record id.
    private func storedRecords(_ fixture: StateFixture) throws -> [String: StoredRecord] {
        let statement = try state(fixture).prepare(
            "SELECT record_id, checksum, version FROM \(try StateTables(key: Self.key).records)")
        var records: [String: StoredRecord] = [:]
        while try statement.step() {
            guard case .string(let id) = statement.value(at: 0), case .string(let checksum) = statement.value(at: 1),
                case .integer(let version) = statement.value(at: 2)
            else { continue }
            records[id] = StoredRecord(checksum: checksum, version: version)
        }
        return records
    }

    struct StoredRecord: Equatable {
        var checksum: String
        var version: Int64
    }

    /// Rewrites every stored checksum as an earlier release stored it: ``ModelRecord/checksum`` of the
    /// row as Swift reads it.
    private func storeEarlierForm(_ fixture: StateFixture) throws {
        let warehouse = try SQLiteConnection(path: fixture.warehousePath, mode: .readWriteCreate)
        let rows = try warehouse.prepare("SELECT id, email, score FROM customers ORDER BY id")
        let names = (0..<rows.columnCount).map(rows.columnName(at:))
        let state = try state(fixture)
        let update = try state.prepare(
            "UPDATE \(try StateTables(key: Self.key).records) SET checksum = ?1 WHERE record_id = ?2")
        try state.execute("BEGIN")
        while try rows.step() {
            let columns = JSONObject(zip(names, rows.row()))
            try update.reset()
            let id = ModelRecord.idText(of: columns["id"] ?? .null) ?? ""
            try update.bind([.string(ModelRecord(id: id, columns: columns).checksum), .string(id)])
            while try update.step() {}
        }
        try state.execute("COMMIT")
    }
}

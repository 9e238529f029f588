import Foundation
import Testing

@testable import BackflowCore

@Suite("State failure retries")
struct StateFailureRetryTests {
    static let fourteenDays = 14.0 * 24 * 3600
    let key = "customers_sync"

    @Test func failedRecordIsRetriedOnTheNextScan() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        let first = try tracker.scan(fixture.model())
        try tracker.acknowledge(Array(first.acknowledgements.dropFirst()), stateKey: key)
        try tracker.recordFailures(
            [FailedChange(recordID: "1", change: .added, reason: "HTTP 400", code: .rejected)], stateKey: key, at: 0)
        #expect(try tracker.scan(fixture.model()).ids == ["1"])
    }

    @Test func failuresExpireAfterTheWindowCountingAttempts() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        let failure = FailedChange(recordID: "1", change: .added, reason: "HTTP 400", code: .rejected)
        try tracker.recordFailures([failure], stateKey: key, at: 100)
        #expect(try tracker.expireFailures(olderThan: Self.fourteenDays, stateKey: key, at: 100).isEmpty)
        try tracker.recordFailures(
            [FailedChange(recordID: "1", change: .added, reason: "HTTP 429", code: .rateLimited)], stateKey: key, at: 200)
        #expect(
            try tracker.expireFailures(olderThan: Self.fourteenDays, stateKey: key, at: 100 + Self.fourteenDays).isEmpty
        )
        let expired = try tracker.expireFailures(
            olderThan: Self.fourteenDays, stateKey: key, at: 101 + Self.fourteenDays)
        #expect(expired == [ExpiredFailure(recordID: "1", firstFailedAt: 100, attempts: 2, lastReason: "HTTP 429")])
        #expect(try tracker.expireFailures(olderThan: Self.fourteenDays, stateKey: key, at: 1e12).isEmpty)
    }

    @Test func expiredRecordIsNotRetriedUntilItChangesAgain() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        let first = try tracker.scan(fixture.model())
        try tracker.acknowledge(Array(first.acknowledgements.dropFirst()), stateKey: key)
        try tracker.recordFailures([FailedChange(recordID: "1", change: .added, reason: "bad", code: .validation)], stateKey: key, at: 0)
        _ = try tracker.expireFailures(olderThan: Self.fourteenDays, stateKey: key, at: 1 + Self.fourteenDays)
        #expect(try tracker.scan(fixture.model()).changes.isEmpty)
        #expect(try tracker.scan(fixture.model()).changes.isEmpty)
        try fixture.write(["UPDATE customers SET email = 'fixed@example.com' WHERE id = 1"])
        let result = try tracker.scan(fixture.model())
        #expect(result.ids == ["1"])
        #expect(result.kinds == [.updated])
    }

    @Test func expiredDeletionLeavesTheState() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        try tracker.sync(fixture.model())
        try fixture.write(["DELETE FROM customers WHERE id = 2"])
        #expect(try tracker.scan(fixture.model()).kinds == [.deleted])
        try tracker.recordFailures([FailedChange(recordID: "2", change: .deleted, reason: "bad", code: .validation)], stateKey: key, at: 0)
        _ = try tracker.expireFailures(olderThan: Self.fourteenDays, stateKey: key, at: 1 + Self.fourteenDays)
        #expect(try tracker.scan(fixture.model()).changes.isEmpty)
    }

    @Test func acknowledgementClearsFailures() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        let first = try tracker.scan(fixture.model())
        try tracker.recordFailures([FailedChange(recordID: "1", change: .added, reason: "bad", code: .validation)], stateKey: key, at: 0)
        try tracker.acknowledge(first.acknowledgements, stateKey: key)
        #expect(try tracker.expireFailures(olderThan: Self.fourteenDays, stateKey: key, at: 1e12).isEmpty)
    }

    // MARK: Outages and codes

    static let day = 24.0 * 3600

    @Test func failuresNotedDuringAFifteenDayOutageExpireNothingAndAreRetriedOnceItEnds() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        for day in 0...15 {
            try tracker.recordFailures(
                [FailedChange(recordID: "1", change: .added, reason: "HTTP 401", code: .unauthorized)],
                stateKey: key, at: Double(day) * Self.day)
        }
        #expect(try tracker.expireFailures(olderThan: Self.fourteenDays, stateKey: key, at: 16 * Self.day).isEmpty)
        #expect(try tracker.scan(fixture.model()).ids == ["1", "2", "3"])
    }

    @Test func theWindowStartsAtTheFirstFailureOfASyncWhoseDestinationWorked() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        let failure = FailedChange(recordID: "1", change: .added, reason: "invalid", code: .validation)
        try tracker.recordFailures([failure], stateKey: key, at: 0)
        try tracker.recordFailures([failure], stateKey: key, at: 5 * Self.day)
        #expect(try tracker.expireFailures(olderThan: Self.fourteenDays, stateKey: key, at: 5 * Self.day).isEmpty)
        #expect(try tracker.expireFailures(olderThan: Self.fourteenDays, stateKey: key, at: 19 * Self.day).isEmpty)
        let expired = try tracker.expireFailures(olderThan: Self.fourteenDays, stateKey: key, at: 19 * Self.day + 1)
        #expect(expired == [ExpiredFailure(recordID: "1", firstFailedAt: 0, attempts: 2, lastReason: "invalid")])
    }

    @Test func aFailureKeepsItsLatestCodeInTheState() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        try tracker.recordFailures(
            [FailedChange(recordID: "1", change: .added, reason: "HTTP 500", code: .serverError)], stateKey: key, at: 0)
        try tracker.recordFailures(
            [FailedChange(recordID: "1", change: .added, reason: "invalid", code: .validation)], stateKey: key, at: 1)
        #expect(try storedCodes(fixture) == ["1 validation"])
    }

    @Test func aFailuresTableFromAnEarlierReleaseGainsItsColumnsAndKeepsItsWindows() throws {
        let fixture = try StateFixture()
        try FileManager.default.createDirectory(atPath: fixture.folder.path, withIntermediateDirectories: true)
        let old = try SQLiteConnection(path: fixture.folder.statePath, mode: .readWriteCreate)
        try old.execute(
            "CREATE TABLE backflow_failures_\(key) (record_id TEXT PRIMARY KEY, change TEXT NOT NULL, "
                + "first_failed_at REAL NOT NULL, last_failed_at REAL NOT NULL, attempts INTEGER NOT NULL, "
                + "last_reason TEXT NOT NULL, expired_at REAL)")
        try old.execute("INSERT INTO backflow_failures_\(key) VALUES ('1', 'new', 0, 0, 1, 'HTTP 400', NULL)")
        let tracker = try fixture.tracker()
        try tracker.recordFailures(
            [FailedChange(recordID: "2", change: .added, reason: "invalid", code: .validation)],
            stateKey: key, at: 10 * Self.day)
        let expired = try tracker.expireFailures(olderThan: Self.fourteenDays, stateKey: key, at: 14 * Self.day + 1)
        #expect(expired.map(\.recordID) == ["1"])
        #expect(try storedCodes(fixture) == ["1 -", "2 validation"])
    }

    /// `record_id code` of every failure in the state (`-` for none), by record.
    private func storedCodes(_ fixture: StateFixture) throws -> [String] {
        let state = try SQLiteConnection(path: fixture.folder.statePath, mode: .readOnly)
        let rows = try state.prepare(
            "SELECT record_id || ' ' || coalesce(code, '-') FROM backflow_failures_\(key) ORDER BY record_id")
        var codes: [String] = []
        while try rows.step() {
            if case .string(let text) = rows.value(at: 0) { codes.append(text) }
        }
        return codes
    }
}

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
            [FailedChange(recordID: "1", change: .added, reason: "HTTP 400")], stateKey: key, at: 0)
        #expect(try tracker.scan(fixture.model()).ids == ["1"])
    }

    @Test func failuresExpireAfterTheWindowCountingAttempts() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        let failure = FailedChange(recordID: "1", change: .added, reason: "HTTP 400")
        try tracker.recordFailures([failure], stateKey: key, at: 100)
        try tracker.recordFailures(
            [FailedChange(recordID: "1", change: .added, reason: "HTTP 429")], stateKey: key, at: 200)
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
        try tracker.recordFailures([FailedChange(recordID: "1", change: .added, reason: "bad")], stateKey: key, at: 0)
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
        try tracker.recordFailures([FailedChange(recordID: "2", change: .deleted, reason: "bad")], stateKey: key, at: 0)
        _ = try tracker.expireFailures(olderThan: Self.fourteenDays, stateKey: key, at: 1 + Self.fourteenDays)
        #expect(try tracker.scan(fixture.model()).changes.isEmpty)
    }

    @Test func acknowledgementClearsFailures() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        let first = try tracker.scan(fixture.model())
        try tracker.recordFailures([FailedChange(recordID: "1", change: .added, reason: "bad")], stateKey: key, at: 0)
        try tracker.acknowledge(first.acknowledgements, stateKey: key)
        #expect(try tracker.expireFailures(olderThan: Self.fourteenDays, stateKey: key, at: 1e12).isEmpty)
    }
}

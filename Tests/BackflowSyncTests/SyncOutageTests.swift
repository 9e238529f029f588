import BackflowSink
import Foundation
import Testing
@testable import BackflowCore

/// A destination that is down (every request 500, a refused write key, nothing listening) stops the
/// run in seconds, costs no record, and expires nothing; failures keep their codes.
@Suite struct SyncOutageTests {
    /// The most a run against a dead destination may take, with the real retry policy.
    static let givingUpLimit: Double = 10

    @Test func aReceiverAnsweringEveryRequestWith500StopsTheRunInSecondsAndLosesNoRecord() async throws {
        let fixture = try await SyncFixture(users: 1_000)
        let failing = SinkServer(configuration: SinkConfiguration(port: 0, faults: SinkFaults(failRate: 1, failStatus: 500)))
        let failingPort = try await failing.start()
        let down = try await Self.timedSync(fixture, try fixture.session([SyncFixture.Mapping()], receiverPort: failingPort))
        try await failing.stop()
        Self.expectStoppedEarly(down.result, down.seconds, code: .serverError)
        #expect(down.result.error?.contains("HTTP 500") == true)

        let healthy = try await fixture.sync(try fixture.session([SyncFixture.Mapping()]), "Identify users")
        #expect(healthy.progress.delivered == 1_000)
        #expect(Set(await fixture.received().compactMap { $0["userId"]?.stringValue }).count == 1_000)
        try await fixture.stop()
    }

    @Test func aRefusedWriteKeyStopsTheRunInSecondsWithoutRetryingAndTheFixedKeySendsEverything() async throws {
        let fixture = try await SyncFixture(users: 1_000)
        let strict = SinkServer(configuration: SinkConfiguration(port: 0, acceptedWriteKey: SyncFixture.writeKey))
        let strictPort = try await strict.start()
        let session = try fixture.session([SyncFixture.Mapping()], receiverPort: strictPort)
        let started = Date()
        let down = await Self.engine(session, writeKey: "a-rotated-key").sync(
            try session.mapping(named: "Identify users"), options: Self.smallBatches, events: { _ in })
        Self.expectStoppedEarly(down, Date().timeIntervalSince(started), code: .unauthorized)
        let stats = await strict.stats
        #expect(stats.requests == stats.rejectedRequests)
        #expect(stats.requests <= SyncOptions().maximumInFlight, "a refused key is not retried")

        let fixed = await Self.engine(session, writeKey: SyncFixture.writeKey).sync(
            try session.mapping(named: "Identify users"), options: Self.smallBatches, events: { _ in })
        #expect(fixed.succeeded)
        #expect(fixed.progress.delivered == 1_000)
        #expect(await strict.acceptedMessages().count == 1_000)
        try await strict.stop()
        try await fixture.stop()
    }

    @Test func aRefusedConnectionStopsTheRunInSecondsAndTheNextSyncSendsEverything() async throws {
        let fixture = try await SyncFixture(users: 1_000)
        let gone = SinkServer(configuration: SinkConfiguration(port: 0))
        let closedPort = try await gone.start()
        try await gone.stop()
        let down = try await Self.timedSync(fixture, try fixture.session([SyncFixture.Mapping()], receiverPort: closedPort))
        Self.expectStoppedEarly(down.result, down.seconds, code: .network)

        let healthy = try await fixture.sync(try fixture.session([SyncFixture.Mapping()]), "Identify users")
        #expect(healthy.progress.delivered == 1_000)
        try await fixture.stop()
    }

    @Test func anOutageLongerThanTheRetryWindowExpiresNothing() async throws {
        let fixture = try await SyncFixture(users: 100)
        let strict = SinkServer(configuration: SinkConfiguration(port: 0, acceptedWriteKey: SyncFixture.writeKey))
        let strictPort = try await strict.start()
        let session = try fixture.session([SyncFixture.Mapping()], receiverPort: strictPort)
        var options = Self.smallBatches
        options.retryWindow = 0.05
        for _ in 1...3 {
            let down = await Self.engine(session, writeKey: "a-rotated-key").sync(
                try session.mapping(named: "Identify users"), options: options, events: { _ in })
            #expect(down.errorCode == .unauthorized)
            try await Task.sleep(for: .milliseconds(100))
        }
        let fixed = await Self.engine(session, writeKey: SyncFixture.writeKey).sync(
            try session.mapping(named: "Identify users"), options: options, events: { _ in })
        #expect(fixed.expired.isEmpty)
        #expect(fixed.progress.delivered == 100)
        try await strict.stop()
        try await fixture.stop()
    }

    @Test func aRecordFailingForItsOwnReasonExpiresAfterTheWindowOfWorkingSyncs() async throws {
        let fixture = try await SyncFixture(users: 20)
        try fixture.execute("UPDATE users SET notes = '\(String(repeating: "x", count: 40_000))' WHERE user_id = 'u7'")
        let session = try fixture.session([SyncFixture.Mapping()])
        // A window far longer than the first sync takes, even on a loaded machine, so that its failure
        // cannot be old enough to expire before that sync ends (neither 50 ms nor 1 s was, with the
        // suites running in parallel on two cores).
        var options = SyncOptions()
        options.retryWindow = 3
        let first = try await fixture.sync(session, "Identify users", options: options)
        #expect(first.progress.delivered == 19)
        #expect(first.errors.map(\.code) == [.messageTooLarge])
        try await Task.sleep(for: .milliseconds(3_100))
        let second = try await fixture.sync(session, "Identify users", options: options)
        #expect(second.expired.map(\.recordID) == ["u7"])
        let history = try SQLiteRunHistory(path: session.stateFolder.historyPath)
        #expect(try history.errors(runID: try #require(second.run?.id), limit: 10).map(\.code) == [.messageTooLarge, .expired])
        let third = try await fixture.sync(session, "Identify users", options: options)
        #expect(third.progress.counts.extracted == 0)
        try await fixture.stop()
    }

    @Test func aFailedRecordKeepsItsCodeInTheStateAndTheRunHistory() async throws {
        let fixture = try await SyncFixture(users: 20)
        try fixture.execute("UPDATE users SET notes = '\(String(repeating: "x", count: 40_000))' WHERE user_id = 'u7'")
        let session = try fixture.session([SyncFixture.Mapping()])
        let result = try await fixture.sync(session, "Identify users")
        let state = try SQLiteConnection(path: session.stateFolder.statePath, mode: .readOnly)
        let key = try session.identity(of: try session.mapping(named: "Identify users").config).stateKey
        var stored: [JSONValue] = []
        let rows = try state.prepare("SELECT record_id || ' ' || code FROM backflow_failures_\(key)")
        while try rows.step() { stored.append(rows.value(at: 0)) }
        #expect(stored == ["u7 message_too_large"])
        let history = try SQLiteRunHistory(path: session.stateFolder.historyPath)
        #expect(try history.errors(runID: try #require(result.run?.id), limit: 10).map(\.code) == [.messageTooLarge])
        try await fixture.stop()
    }

    // MARK: Helpers

    /// Many small batches, so that several are in flight when the destination is found down.
    static var smallBatches: SyncOptions {
        var options = SyncOptions()
        options.batchLimits = BatchLimits(maximumMessageBytes: 32_768, maximumBodyBytes: 500_000, maximumMessages: 10)
        return options
    }

    /// An engine with the real retry policy, so that the time to give up is the one users see.
    static func engine(_ session: WorkspaceSession, writeKey: String) -> SyncEngine {
        SyncEngine(
            session: session, transport: HTTPClientTransport(timeout: 30), environment: ["TEST_WRITE_KEY": writeKey])
    }

    static func timedSync(
        _ fixture: SyncFixture, _ session: WorkspaceSession
    ) async throws -> (result: SyncResult, seconds: Double) {
        let started = Date()
        let result = await engine(session, writeKey: SyncFixture.writeKey).sync(
            try session.mapping(named: "Identify users"), options: smallBatches, events: { _ in })
        return (result, Date().timeIntervalSince(started))
    }

    /// The run failed early with the outage's code and delivered nothing: every record it found counts as
    /// failed in this run (so its counts add up), none as a record error with a retry window of its own.
    static func expectStoppedEarly(_ result: SyncResult, _ seconds: Double, code: FailureCode) {
        #expect(seconds < givingUpLimit, "giving up took \(seconds) s")
        #expect(result.errorCode == code)
        #expect(result.error?.contains("the records are left for the next sync") == true)
        #expect(result.progress.delivered == 0)
        #expect(result.progress.failed == result.progress.counts.extracted)
        #expect(result.errors.isEmpty)
        #expect(result.expired.isEmpty)
        #expect(result.run?.status == .failed)
        #expect(result.run?.errorCode == code)
    }
}

import BackflowSink
import Foundation
import Testing
@testable import BackflowCore

/// A sync waiting on a refusing destination says so in its progress, so that a live view can show
/// "429 ×4, retrying" while it waits and stop saying it once the batch got through.
@Suite struct SyncRetryProgressTests {
    /// Every event of a sync, in the order the engine reported them.
    final class EventLog: @unchecked Sendable {
        // Unchecked: `events` is only touched with `lock` held.
        private let lock = NSLock()
        private var events: [SyncEvent] = []

        func append(_ event: SyncEvent) { lock.withLock { events.append(event) } }
        var all: [SyncEvent] { lock.withLock { events } }
    }

    @Test func aRetryIsReportedAtOnceWithItsBackOffWhichEndsOnceTheBatchIsThrough() async throws {
        // A 429's Retry-After of a second is the least wait, so the progress right after it is sure
        // to fall inside the back-off.
        let fixture = try await SyncFixture(
            users: 50, faults: SinkFaults(failRate: 0.3, failStatus: 429, retryAfterSeconds: 1, seed: 7))
        let session = try fixture.session([SyncFixture.Mapping()])
        var options = SyncOptions()
        options.batchLimits = BatchLimits(maximumMessageBytes: 32_768, maximumBodyBytes: 500_000, maximumMessages: 10)
        let log = EventLog()
        let result = await fixture.engine(session).sync(
            try session.mapping(named: "Identify users"), options: options, events: log.append)
        try await fixture.stop()

        let events = log.all
        let retryIndexes = events.indices.filter { if case .retrying = events[$0] { return true } else { return false } }
        let firstRetry = try #require(retryIndexes.first)
        #expect(retryIndexes.count == result.progress.retries)
        let next = events[(firstRetry + 1)...].lazy.compactMap { event -> SyncProgress? in
            if case .progress(let progress) = event { return progress } else { return nil }
        }.first
        let afterRetry = try #require(next)
        #expect(afterRetry.isBackingOff)
        #expect(afterRetry.retries >= 1)
        #expect(result.progress.delivered == 50)
        #expect(result.progress.backOffEnds != nil)
        #expect(!result.progress.isBackingOff)
    }

    @Test func aSyncThatNeverRetriedHasNoBackOff() async throws {
        let fixture = try await SyncFixture(users: 20)
        let session = try fixture.session([SyncFixture.Mapping()])
        let result = try await fixture.sync(session, "Identify users")
        try await fixture.stop()
        #expect(result.progress.retries == 0)
        #expect(result.progress.backOffEnds == nil)
        #expect(!result.progress.isBackingOff)
    }
}

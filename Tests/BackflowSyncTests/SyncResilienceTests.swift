import BackflowSink
import Foundation
import Testing
@testable import BackflowCore

/// Faults, interruptions and the things a sync must refuse: every record still arrives exactly once.
@Suite struct SyncResilienceTests {
    static let faults: [(String, SinkFaults)] = [
        ("429 with Retry-After", SinkFaults(failRate: 0.4, failStatus: 429, retryAfterSeconds: 0, seed: 7)),
        ("500", SinkFaults(failRate: 0.4, failStatus: 500, seed: 11)),
        ("503", SinkFaults(failRate: 0.3, failStatus: 503, seed: 5)),
        ("dropped connections", SinkFaults(dropRate: 0.15, seed: 3)),
        ("a mix", SinkFaults(failRate: 0.2, failStatus: 500, dropRate: 0.1, seed: 13)),
    ]

    @Test(arguments: faults)
    func everyRecordArrivesExactlyOnceDespite(_ name: String, _ faults: SinkFaults) async throws {
        let fixture = try await SyncFixture(users: 300, faults: faults)
        let session = try fixture.session([SyncFixture.Mapping()])
        var options = SyncOptions()
        options.batchLimits = BatchLimits(maximumMessageBytes: 32_768, maximumBodyBytes: 500_000, maximumMessages: 10)
        let result = try await fixture.sync(session, "Identify users", options: options)
        #expect(result.succeeded, "\(result.errors.first?.reason ?? "")")
        #expect(result.progress.delivered == 300)
        #expect(result.progress.retries > 0)
        let stats = await fixture.sink.stats
        #expect(stats.injectedFailures + stats.droppedConnections > 0)
        let received = await fixture.received()
        #expect(Set(received.compactMap { $0["messageId"]?.stringValue }).count == 300)
        #expect(Set(received.compactMap { $0["userId"]?.stringValue }).count == 300)
        try await fixture.stop()
    }

    @Test func anInterruptedSyncResendsWhatWasNotAcknowledgedWithTheSameMessageIds() async throws {
        // The network goes away before anything is acknowledged, as for a process killed before
        // Segment answered: nothing may be remembered as sent.
        let fixture = try await SyncFixture(users: 500)
        let session = try fixture.session([SyncFixture.Mapping()])
        let network = UnreachableNetwork()
        let unreachable = SyncEngine(
            session: session, transport: network, environment: ["TEST_WRITE_KEY": SyncFixture.writeKey],
            retryPolicy: RetryPolicy(baseDelay: .milliseconds(1), maximumAttempts: 1))
        let interrupted = await unreachable.sync(try session.mapping(named: "Identify users"), events: { _ in })
        #expect(interrupted.progress.delivered == 0)
        #expect(interrupted.errorCode == .network)
        let attempted = try #require(await network.firstMessage)

        let resumed = try await fixture.sync(session, "Identify users")
        #expect(resumed.progress.delivered == 500)
        let received = await fixture.received()
        #expect(received.count == 500)
        let resent = try #require(received.first { $0["userId"] == attempted["userId"] })
        #expect(resent["messageId"] == attempted["messageId"])
        try await fixture.stop()
    }

    @Test func twoSyncsOfOneMappingNeverRunAtOnce() async throws {
        let fixture = try await SyncFixture()
        let session = try fixture.session([SyncFixture.Mapping()])
        let identity = try session.identity(of: try session.mapping(named: "Identify users").config)
        let model = try session.mapping(named: "Identify users").model
        let held = try SyncLease(
            mapping: "Identify users", stateKey: identity.stateKey, duration: 60, wait: nil,
            identity: LeaseIdentity(host: "another-host", pid: 4242), openStore: { try session.leaseStore(for: model) })
        let refused = try await fixture.sync(session, "Identify users")
        #expect(refused.error?.contains("mapping 'Identify users' is already syncing on host another-host (pid 4242, since ") == true)
        #expect(refused.heldBy?.host == "another-host")
        #expect(await fixture.received().isEmpty)
        held.release()
        let allowed = try await fixture.sync(session, "Identify users")
        #expect(allowed.progress.delivered == 200)
        try await fixture.stop()
    }

    /// A sync has closed its state connections by the time it returns, so the next reader (another
    /// command, a test) does not meet the checkpoint SQLite runs as the last connection closes. With
    /// none left open, SQLite has folded the write-ahead log into the file and removed it.
    @Test func aFinishedSyncHasLetGoOfTheStateFile() async throws {
        let fixture = try await SyncFixture(users: 30)
        let session = try fixture.session([SyncFixture.Mapping()])
        for _ in 0..<3 {
            let result = try await fixture.sync(session, "Identify users")
            #expect(result.error == nil)
            #expect(!FileManager.default.fileExists(atPath: session.stateFolder.statePath + "-wal"))
        }
        try await fixture.stop()
    }

    @Test func aDryRunWritesTheMessagesAndChangesNothing() async throws {
        let fixture = try await SyncFixture(users: 50)
        let session = try fixture.session([SyncFixture.Mapping()])
        var options = SyncOptions()
        options.dryRun = true
        options.dryRunOutput = fixture.folder + "/dry.ndjson"
        let dry = try await fixture.sync(session, "Identify users", options: options)
        #expect(dry.run == nil)
        #expect(dry.progress.sent == 50)
        let lines = try String(contentsOfFile: fixture.folder + "/dry.ndjson", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 50)
        #expect(try JSONReader.parse(String(lines[0])).objectValue?["message"]?.objectValue?["type"] == "identify")
        #expect(await fixture.received().isEmpty)
        let real = try await fixture.sync(session, "Identify users")
        #expect(real.progress.delivered == 50)
        try await fixture.stop()
    }

    @Test func resetSendsTheWholeModelAgainUnderNewMessageIds() async throws {
        let fixture = try await SyncFixture(users: 40)
        let session = try fixture.session([SyncFixture.Mapping()])
        _ = try await fixture.sync(session, "Identify users")
        var options = SyncOptions()
        options.reset = true
        let reset = try await fixture.sync(session, "Identify users", options: options)
        #expect(reset.progress.counts.added == 40)
        #expect(reset.progress.delivered == 40)
        // Segment would drop a resent id: a reset that reused them would deliver nothing.
        #expect(await fixture.sink.stats.duplicateMessages == 0)
        #expect(Set(await fixture.received().compactMap { $0["messageId"]?.stringValue }).count == 80)
        try await fixture.stop()
    }

    @Test func plainHTTPToARemoteHostIsRefused() async throws {
        let fixture = try await SyncFixture()
        let session = try fixture.session([SyncFixture.Mapping()])
        let path = session.path
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "http://127.0.0.1:\(fixture.port)/v1", with: "http://collector.example.com/v1")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let remote = try WorkspaceSession.open(path: path)
        let result = try await fixture.sync(remote, "Identify users")
        #expect(result.error == "refusing to send over plain http to collector.example.com: only loopback receivers may use http")
        try await fixture.stop()
    }
}

/// A network on which no request gets an answer; it keeps the first message it was given.
private actor UnreachableNetwork: TrackingAPITransport {
    private(set) var firstMessage: JSONObject?

    func send(_ request: BatchRequest) async throws(TransportError) -> BatchResponse {
        if firstMessage == nil {
            firstMessage = (try? JSONReader.parse(bytes: request.body))?.objectValue?["batch"]?.arrayValue?.first?.objectValue
        }
        throw TransportError(reason: "the network is unreachable")
    }
}

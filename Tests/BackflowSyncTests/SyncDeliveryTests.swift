import BackflowSink
import Foundation
import Testing
@testable import BackflowCore

/// Syncs into a real receiver over real HTTP: what is sent, when, and exactly once.
@Suite struct SyncDeliveryTests {
    @Test func firstSyncSendsEveryRowOnce() async throws {
        let fixture = try await SyncFixture(users: 300)
        let session = try fixture.session([SyncFixture.Mapping()])
        let result = try await fixture.sync(session, "Identify users")
        #expect(result.succeeded)
        #expect(result.progress.counts == ChangeCounts(extracted: 300, added: 300))
        #expect(result.progress.delivered == 300)
        #expect(result.run?.status == .success)
        let received = await fixture.received()
        #expect(received.count == 300)
        #expect(Set(received.compactMap { $0["userId"]?.stringValue }) == Set((1...300).map { "u\($0)" }))
        #expect(Set(received.compactMap { $0["messageId"]?.stringValue }).count == 300)
        #expect(await fixture.sink.stats.duplicateMessages == 0)
        try await fixture.stop()
    }

    @Test func aSecondSyncWithoutChangesSendsNothing() async throws {
        let fixture = try await SyncFixture()
        let session = try fixture.session([SyncFixture.Mapping()])
        _ = try await fixture.sync(session, "Identify users")
        let again = try await fixture.sync(session, "Identify users")
        #expect(again.progress.counts == ChangeCounts())
        #expect(await fixture.received().count == 200)
        try await fixture.stop()
    }

    @Test func insertsUpdatesAndDeletesAreClassifiedAndSentAsSelected() async throws {
        let fixture = try await SyncFixture()
        var deleted = SyncFixture.Mapping()
        deleted.name = "Deleted users"
        deleted.action = "sendTrack"
        deleted.records = "deleted"
        deleted.fields = """
            user_id: {"@path": "$.__segment_id"}
            event_name: User Deleted
            properties:
              plan: {"@path": "$.properties.plan"}
            """
        let session = try fixture.session([SyncFixture.Mapping(), deleted])
        _ = try await fixture.sync(session, "Identify users")
        _ = try await fixture.sync(session, "Deleted users")
        try fixture.execute("UPDATE users SET plan = 'pro' WHERE user_id IN ('u1', 'u2', 'u3')")
        try fixture.execute(
            "INSERT INTO users VALUES ('u900', 'new@example.com', 'free', 0, NULL), ('u901', 'newer@example.com', 'free', 0, NULL)")
        try fixture.execute("DELETE FROM users WHERE user_id = 'u10'")
        let identify = try await fixture.sync(session, "Identify users")
        #expect(identify.progress.counts == ChangeCounts(extracted: 6, added: 2, updated: 3, deleted: 1))
        #expect(identify.progress.delivered == 5)
        #expect(identify.progress.skipped == 1)
        let deletions = try await fixture.sync(session, "Deleted users")
        #expect(deletions.progress.delivered == 1)
        #expect(deletions.progress.skipped == 5)
        let received = await fixture.received()
        let updated = received.suffix(6).filter { $0["type"] == "identify" }
        #expect(Set(updated.compactMap { $0["userId"]?.stringValue }) == ["u1", "u2", "u3", "u900", "u901"])
        let deletion = try #require(received.last)
        #expect(deletion["event"] == "User Deleted")
        #expect(deletion["userId"] == "u10")
        #expect(deletion["properties"]?.objectValue?["plan"] == .null)
        try await fixture.stop()
    }

    @Test func anUpdatedRecordsMappingSendsNothingOnTheFirstSync() async throws {
        let fixture = try await SyncFixture()
        var mapping = SyncFixture.Mapping()
        mapping.records = "updated"
        let session = try fixture.session([mapping])
        let first = try await fixture.sync(session, "Identify users")
        #expect(first.progress.delivered == 0)
        #expect(first.progress.skipped == 200)
        #expect(first.succeeded)
        try fixture.execute("UPDATE users SET score = score + 1 WHERE user_id IN ('u5', 'u6')")
        let second = try await fixture.sync(session, "Identify users")
        #expect(second.progress.delivered == 2)
        #expect(await fixture.received().count == 2)
        try await fixture.stop()
    }

    @Test func anOversizedRecordFailsAloneWithItsReason() async throws {
        let fixture = try await SyncFixture()
        try fixture.execute("UPDATE users SET notes = '\(String(repeating: "x", count: 40_000))' WHERE user_id = 'u7'")
        let session = try fixture.session([SyncFixture.Mapping()])
        let result = try await fixture.sync(session, "Identify users")
        #expect(result.progress.delivered == 199)
        #expect(result.progress.failed == 1)
        #expect(result.run?.status == .partial)
        let error = try #require(result.errors.first)
        #expect(error.recordID == "u7")
        #expect(error.reason.hasPrefix("The message is "))
        #expect(error.reason.hasSuffix("the Tracking API accepts at most 32 KB (32768 bytes) per message."))
        try await fixture.stop()
    }

    @Test func aFailedRecordIsRetriedWithItsLatestDataOnTheNextSync() async throws {
        let fixture = try await SyncFixture()
        try fixture.execute("UPDATE users SET notes = '\(String(repeating: "x", count: 40_000))' WHERE user_id = 'u7'")
        let session = try fixture.session([SyncFixture.Mapping()])
        _ = try await fixture.sync(session, "Identify users")
        try fixture.execute("UPDATE users SET notes = 'fixed' WHERE user_id = 'u7'")
        let retry = try await fixture.sync(session, "Identify users")
        #expect(retry.progress.delivered == 1)
        let last = try #require(await fixture.received().last)
        #expect(last["userId"] == "u7")
        #expect(last["traits"]?.objectValue?["notes"] == "fixed")
        try await fixture.stop()
    }

    @Test func profilesMessagesGoWithTheProfileSpacesWriteKey() async throws {
        let fixture = try await SyncFixture(users: 20)
        var profiles = SyncFixture.Mapping()
        profiles.name = "Profiles users"
        profiles.destination = "profiles"
        profiles.fields = """
            engage_space: main
            user_id: {"@path": "$.properties.user_id"}
            traits:
              plan: {"@path": "$.properties.plan"}
            """
        let session = try fixture.session([SyncFixture.Mapping(), profiles])
        _ = try await fixture.sync(session, "Identify users")
        _ = try await fixture.sync(session, "Profiles users")
        let received = await fixture.received()
        let keys = Dictionary(grouping: received) { $0["writeKeyHash"]?.stringValue ?? "" }
        #expect(keys.count == 2)
        #expect(received.filter { $0["integrations"] == ["All": false] }.count == 20)
        try await fixture.stop()
    }

    @Test func aMissingWriteKeyFailsTheRunClearlyWithoutPrintingAnything() async throws {
        let fixture = try await SyncFixture()
        let session = try fixture.session([SyncFixture.Mapping()])
        let engine = SyncEngine(session: session, environment: [:])
        let result = await engine.sync(try session.mapping(named: "Identify users"), events: { _ in })
        #expect(result.error
            == "the write key of destination 'segment': the environment variable TEST_WRITE_KEY is not set; export it with the secret before running Backflow")
        #expect(result.run?.status == .failed)
        try await fixture.stop()
    }
}

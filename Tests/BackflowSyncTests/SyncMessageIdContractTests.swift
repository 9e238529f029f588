import BackflowSink
import Foundation
import Testing
@testable import BackflowCore

/// The messageId contract (``MessageIdentity``) end to end, into a real receiver: Segment drops any id
/// it has seen, so a resend must repeat its id and every new version must not.
@Suite struct SyncMessageIdContractTests {
    private func ids(_ messages: [JSONObject]) -> [String] {
        messages.compactMap { $0["messageId"]?.stringValue }
    }

    @Test func aValueFlippingBackAndForthGetsANewIdOnEverySync() async throws {
        let fixture = try await SyncFixture(users: 1)
        let session = try fixture.session([SyncFixture.Mapping()])
        for plan in ["free", "pro", "free", "pro"] {
            try fixture.execute("UPDATE users SET plan = '\(plan)'")
            let result = try await fixture.sync(session, "Identify users")
            #expect(result.progress.delivered == 1)
        }
        let sent = ids(await fixture.received())
        #expect(sent.count == 4)
        #expect(Set(sent).count == 4)
        #expect(await fixture.sink.stats.duplicateMessages == 0)
        try await fixture.stop()
    }

    @Test func aRecordDeletedAndAddedAgainWithTheSameDataGetsANewId() async throws {
        let fixture = try await SyncFixture(users: 2)
        let session = try fixture.session([SyncFixture.Mapping(records: "added")])
        _ = try await fixture.sync(session, "Identify users")
        try fixture.execute("DELETE FROM users WHERE user_id = 'u1'")
        _ = try await fixture.sync(session, "Identify users")
        try fixture.execute("INSERT INTO users VALUES ('u1', 'user1@example.com', 'free', 1, NULL)")
        let again = try await fixture.sync(session, "Identify users")
        #expect(again.progress.delivered == 1)
        let sent = ids(await fixture.received())
        #expect(sent.count == 3)
        #expect(Set(sent).count == 3)
        try await fixture.stop()
    }

    @Test func twoWorkspacesWithTheSameFileAndDataShareNoId() async throws {
        let first = try await SyncFixture(users: 20)
        let second = try await SyncFixture(users: 20)
        _ = try await first.sync(try first.session([SyncFixture.Mapping()]), "Identify users")
        _ = try await second.sync(try second.session([SyncFixture.Mapping()]), "Identify users")
        let firstIDs = Set(ids(await first.received()))
        let secondIDs = Set(ids(await second.received()))
        #expect(firstIDs.count == 20)
        #expect(secondIDs.count == 20)
        #expect(firstIDs.isDisjoint(with: secondIDs))
        try await first.stop()
        try await second.stop()
    }

    @Test func twoMappingsOfOneModelShareNoId() async throws {
        let fixture = try await SyncFixture(users: 10)
        let session = try fixture.session([SyncFixture.Mapping(), SyncFixture.Mapping(name: "Identify again")])
        _ = try await fixture.sync(session, "Identify users")
        _ = try await fixture.sync(session, "Identify again")
        let sent = ids(await fixture.received())
        #expect(sent.count == 20)
        #expect(Set(sent).count == 20)
        try await fixture.stop()
    }

    @Test func everyIdIsUnderOneHundredCharacters() async throws {
        let fixture = try await SyncFixture(users: 5)
        _ = try await fixture.sync(try fixture.session([SyncFixture.Mapping()]), "Identify users")
        #expect(ids(await fixture.received()).allSatisfy { $0.count < 100 })
        try await fixture.stop()
    }

    @Test func renamingAMappingWithAnIdKeepsItsState() async throws {
        let fixture = try await SyncFixture(users: 30)
        let before = try fixture.session([SyncFixture.Mapping(id: "identify-users", name: "Identify users")])
        #expect(try await fixture.sync(before, "Identify users").progress.delivered == 30)
        let after = try fixture.session([SyncFixture.Mapping(id: "identify-users", name: "Identify everyone")])
        let renamed = try await fixture.sync(after, "Identify everyone")
        #expect(renamed.progress.counts.extracted == 0)
        #expect(renamed.progress.delivered == 0)
        let history = try SQLiteRunHistory(path: after.stateFolder.historyPath)
        let runs = try history.runs(mapping: after.historyMapping(named: "Identify everyone"), limit: 10)
        #expect(runs.map(\.mapping) == ["Identify everyone", "Identify users"])
        try await fixture.stop()
    }

    @Test func namingAnIdLessMappingByItsOldNameKeepsItsStateThroughARename() async throws {
        let fixture = try await SyncFixture(users: 30)
        let before = try fixture.session([SyncFixture.Mapping()])
        #expect(try await fixture.sync(before, "Identify users").progress.delivered == 30)
        let after = try fixture.session([SyncFixture.Mapping(id: "Identify users", name: "Identify everyone")])
        #expect(try await fixture.sync(after, "Identify everyone").progress.counts.extracted == 0)
        try await fixture.stop()
    }

    @Test func aStateFromThePreviousReleaseIsTakenOverNotStartedOver() async throws {
        let fixture = try await SyncFixture(users: 50)
        let session = try fixture.session([SyncFixture.Mapping()])
        #expect(try await fixture.sync(session, "Identify users").progress.delivered == 50)
        try LegacyState.rewind(session, mapping: "Identify users")
        try fixture.execute("UPDATE users SET plan = 'pro' WHERE user_id = 'u7'")
        let upgraded = try WorkspaceSession.open(path: session.path)
        let next = try await fixture.sync(upgraded, "Identify users")
        #expect(next.progress.counts == ChangeCounts(extracted: 1, updated: 1))
        #expect(next.progress.delivered == 1)
        try await fixture.stop()
    }

    @Test func aFileWhoseWorkspaceIdDiffersFromItsStateIsRefused() async throws {
        let fixture = try await SyncFixture(users: 5)
        let session = try fixture.session([SyncFixture.Mapping()])
        _ = try await fixture.sync(session, "Identify users")
        let text = try String(contentsOfFile: session.path, encoding: .utf8)
            .replacingOccurrences(of: "version: 1\n", with: "version: 1\nworkspace_id: ws_another_one\n")
        try text.write(toFile: session.path, atomically: true, encoding: .utf8)
        let changed = try WorkspaceSession.open(path: session.path)
        let refused = try await fixture.sync(changed, "Identify users")
        #expect(refused.error?.contains("belongs to workspace") == true)
        #expect(await fixture.received().count == 5)
        try await fixture.stop()
    }
}

/// Turns a state written by this release back into the layout of the release before workspace and
/// mapping identities: tables keyed by the mapping's name, no versions, no registry, no workspace id.
enum LegacyState {
    static func rewind(_ session: WorkspaceSession, mapping name: String) throws {
        let identity = try session.identity(of: try session.mapping(named: name).config)
        let state = try SQLiteConnection(path: session.stateFolder.statePath, mode: .readWriteCreate)
        try state.execute("PRAGMA busy_timeout = 5000")
        let key = identity.stateKey, legacy = identity.legacyStateKey
        try state.execute("ALTER TABLE backflow_records_\(key) RENAME TO backflow_records_\(legacy)")
        try state.execute("ALTER TABLE backflow_failures_\(key) RENAME TO backflow_failures_\(legacy)")
        try state.execute("ALTER TABLE backflow_records_\(legacy) DROP COLUMN version")
        try state.execute("UPDATE backflow_checkpoints SET state_key = '\(legacy)' WHERE state_key = '\(key)'")
        try state.execute("DROP TABLE backflow_mappings")
        try FileManager.default.removeItem(atPath: session.stateFolder.path + "/workspace_id")
    }
}

import BackflowSink
import Foundation
import Testing
@testable import BackflowCore

/// Alerts told about the runs real syncs record, as the sync engine tells them: after each run, with
/// the mapping's run before it from the run history.
@Suite struct SyncAlertTests {
    @Test func aMappingThatFailsAndRecoversAlertsOnceForEach() async throws {
        let fixture = try await SyncFixture(users: 50)
        let noticesPath = fixture.folder + "/notices.ndjson"
        let alert = AlertConfig(name: "ops", target: .command(["sh", "-c", "cat >> \"$0\"; echo >> \"$0\"", noticesPath]))
        let healthy = try fixture.session([SyncFixture.Mapping()])
        let gone = SinkServer(configuration: SinkConfiguration(port: 0))
        let closedPort = try await gone.start()
        try await gone.stop()
        let down = try fixture.session([SyncFixture.Mapping()], receiverPort: closedPort)
        let dispatcher = AlertDispatcher(
            alerts: [alert], workspaceID: try healthy.workspaceID(), host: "cron-1", environment: ProcessInfo.processInfo.environment,
            secretVariables: healthy.workspace.secretVariableNames, commands: AlertCommandRunner(directory: fixture.folder))

        var events: [String] = []
        for session in [healthy, down, down, healthy, healthy] {
            // Something to send every time: a sync with nothing to send succeeds whatever the receiver.
            try fixture.execute("UPDATE users SET score = score + 1 WHERE user_id = 'u1'")
            let result = try await fixture.sync(session, "Identify users")
            let history = try RunHistory(path: session.stateFolder.historyPath)
            let runs = try history.runs(mapping: session.historyMapping(named: "Identify users"), limit: 2)
            #expect(runs.first?.id == result.run?.id)
            let deliveries = await dispatcher.runFinished(
                mapping: try session.mapping(named: "Identify users").config, run: try #require(result.run), previous: runs.dropFirst().first)
            events += deliveries.map(\.event)
            #expect(deliveries.allSatisfy { $0.failure == nil })
        }
        #expect(events == ["failed", "recovered"])
        let notices = try String(contentsOfFile: noticesPath, encoding: .utf8).split(separator: "\n")
            .map { try JSONReader.parse(String($0)).objectValue }
        #expect(notices.map { $0?["error_code"] } == ["network", .null])
        #expect(notices.map { $0?["run_id"] } == [2, 4])
        try await fixture.stop()
    }
}

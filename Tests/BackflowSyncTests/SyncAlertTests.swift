import BackflowSink
import Foundation
import Testing
@testable import BackflowCore

/// Alerts told about the runs real syncs record, by the sync engine itself: after each run, with the
/// mapping's run before it from the run history.
@Suite struct SyncAlertTests {
    /// `session` with an alert `ops` added to its file, running a command that appends each notice to
    /// `noticesPath`.
    func alerting(_ session: WorkspaceSession, noticesPath: String) throws -> WorkspaceSession {
        let text = try String(contentsOfFile: session.path, encoding: .utf8) + """
            alerts:
              ops:
                command: [sh, -c, "cat >> \\"$0\\"; echo >> \\"$0\\"", "\(noticesPath)"]

            """
        try text.write(toFile: session.path, atomically: true, encoding: .utf8)
        return try WorkspaceSession.open(path: session.path)
    }

    @Test func aMappingThatFailsAndRecoversAlertsOnceForEach() async throws {
        let fixture = try await SyncFixture(users: 50)
        let noticesPath = fixture.folder + "/notices.ndjson"
        let healthy = try alerting(try fixture.session([SyncFixture.Mapping()]), noticesPath: noticesPath)
        let gone = SinkServer(configuration: SinkConfiguration(port: 0))
        let closedPort = try await gone.start()
        try await gone.stop()
        let down = try alerting(try fixture.session([SyncFixture.Mapping()], receiverPort: closedPort), noticesPath: noticesPath)

        for session in [healthy, down, down, healthy, healthy] {
            // Something to send every time: a sync with nothing to send succeeds whatever the receiver.
            try fixture.execute("UPDATE users SET score = score + 1 WHERE user_id = 'u1'")
            _ = try await fixture.sync(session, "Identify users")
        }
        let notices = try String(contentsOfFile: noticesPath, encoding: .utf8).split(separator: "\n")
            .map { try JSONReader.parse(String($0)).objectValue }
        #expect(notices.map { $0?["event"] } == ["failed", "recovered"])
        #expect(notices.map { $0?["error_code"] } == ["network", .null])
        #expect(notices.map { $0?["run_id"] } == [2, 4])
        try await fixture.stop()
    }
}

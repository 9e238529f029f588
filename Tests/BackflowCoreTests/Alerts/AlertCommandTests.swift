import Foundation
import Testing
@testable import BackflowCore

/// Alerts whose target is a command, run for real in a folder of their own.
@Suite final class AlertCommandTests {
    typealias Runs = AlertRunFixture
    private let folder: String
    private let writeKey = "hFq2k9TzXbLw3RmP7sVn4YcJd8GeA1Uo"

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("backflow-alerts-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    private func dispatcher(_ alerts: [AlertConfig], timeout: Double = 10) -> AlertDispatcher {
        var environment = ProcessInfo.processInfo.environment
        environment["SEGMENT_WRITE_KEY"] = writeKey
        environment["ALERT_TEAM"] = "data"
        return AlertDispatcher(
            alerts: alerts, workspaceID: "ws_alerts_test", host: "cron-1", environment: environment,
            secretVariables: ["SEGMENT_WRITE_KEY"], commands: AlertCommandRunner(directory: folder, timeout: timeout))
    }

    private func command(_ arguments: [String], mappings: [String] = []) -> AlertConfig {
        AlertConfig(name: "script", target: .command(arguments), mappings: mappings)
    }

    private func contents(_ name: String) throws -> String {
        try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
    }

    @Test func aCommandGetsTheNoticeOnItsStandardInput() async throws {
        let deliveries = await dispatcher([command(["sh", "-c", "cat > \"$0\"", folder + "/notice.json"])])
            .runFinished(mapping: Runs.mapping, run: Runs.failed, previous: Runs.success)
        #expect(deliveries == [AlertDelivery(alert: "script", mapping: "Identify users", event: "failed", failure: nil)])
        let notice = try JSONReader.parse(try contents("notice.json")).objectValue
        #expect(notice?["event"] == "failed")
        #expect(notice?["previous_status"] == "success")
        #expect(notice?["error_code"] == "unauthorized")
    }

    @Test func aCommandGetsTheRunAsVariablesAndNoSecretVariable() async throws {
        _ = await dispatcher([command(["sh", "-c", "env > \"$0\"", folder + "/variables.txt"])])
            .runFinished(mapping: Runs.mapping, run: Runs.failed, previous: Runs.success)
        let variables = try contents("variables.txt")
        #expect(variables.contains("BACKFLOW_ALERT_EVENT=failed\n"))
        #expect(variables.contains("BACKFLOW_ALERT_RUN_ID=7\n"))
        #expect(variables.contains("ALERT_TEAM=data\n"))
        #expect(!variables.contains("SEGMENT_WRITE_KEY"))
        #expect(!variables.contains(writeKey))
    }

    @Test func aRelativeProgramIsFoundInTheWorkspaceFolder() async throws {
        let script = folder + "/alert.sh"
        try "#!/bin/sh\necho \"$BACKFLOW_ALERT_EVENT\" > \"$(dirname \"$0\")/told.txt\"\n".write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: script)
        let deliveries = await dispatcher([command(["./alert.sh"])])
            .runFinished(mapping: Runs.mapping, run: Runs.success, previous: Runs.failed)
        #expect(deliveries.map(\.failure) == [nil])
        #expect(try contents("told.txt") == "recovered\n")
    }

    @Test func aFailingCommandIsAWarningWithItsLastErrorLine() async {
        let deliveries = await dispatcher([command(["sh", "-c", "echo starting >&2; echo 'channel #data not found' >&2; exit 3"])])
            .runFinished(mapping: Runs.mapping, run: Runs.failed, previous: nil)
        #expect(deliveries.map(\.warning) == [
            "alert \"script\" about \"Identify users\" (failed) was not delivered: sh exited with status 3: channel #data not found"
        ])
    }

    @Test func aCommandThatHangsIsStoppedAtItsTimeoutWithWhatItStarted() async throws {
        let started = ContinuousClock.now
        let deliveries = await dispatcher([command(["sh", "-c", "sleep 30 & echo $! > \"$0\"; wait", folder + "/sleeper"])], timeout: 0.5)
            .runFinished(mapping: Runs.mapping, run: Runs.failed, previous: nil)
        #expect(deliveries.map(\.failure) == ["sh did not finish within 0.5 s and was stopped"])
        #expect(ContinuousClock.now - started < .seconds(2))
        let sleeper = try #require(Int32(try contents("sleeper").trimmingCharacters(in: .whitespacesAndNewlines)))
        let deadline = ContinuousClock.now + .seconds(2)
        while kill(sleeper, 0) == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(kill(sleeper, 0) == -1, "the command's own child was left running")
    }

    @Test func aProgramThatIsNowhereIsAWarning() async {
        let deliveries = await dispatcher([command(["backflow-no-such-alert-program"])])
            .runFinished(mapping: Runs.mapping, run: Runs.failed, previous: nil)
        #expect(deliveries.map(\.failure) == ["no program named backflow-no-such-alert-program on PATH"])
    }

    @Test func nothingIsToldWhenHealthDidNotChange() async {
        let deliveries = await dispatcher([command(["sh", "-c", "cat > \"$0\"", folder + "/notice.json"])])
            .runFinished(mapping: Runs.mapping, run: Runs.failed, previous: Runs.failed)
        #expect(deliveries.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder + "/notice.json"))
    }

    @Test func anAlertForOtherMappingsIsNotTold() async {
        let deliveries = await dispatcher([command(["true"], mappings: ["Track orders"])])
            .runFinished(mapping: Runs.mapping, run: Runs.failed, previous: nil)
        #expect(deliveries.isEmpty)
    }

    @Test func anAlertMayNameItsMappingByID() async {
        let deliveries = await dispatcher([command(["true"], mappings: ["map_identify"])])
            .runFinished(mapping: Runs.mapping, run: Runs.failed, previous: nil)
        #expect(deliveries.map(\.alert) == ["script"])
    }
}

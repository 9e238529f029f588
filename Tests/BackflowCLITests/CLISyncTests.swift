import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `backflow sync` as a process, into `backflow sink` as a process: including a sync killed with
/// SIGKILL half-way, which must lose nothing when run again.
@Suite struct CLISyncTests {
    let folder: TemporaryFolder
    let workspace: String
    let environment = ["BACKFLOW_DEMO_WRITE_KEY": "cli-test-key", "BACKFLOW_DEMO_PROFILES_WRITE_KEY": "cli-profiles-key"]

    init() throws {
        folder = try TemporaryFolder()
        let created = try BackflowProcess.run(["init", "--demo", folder.path + "/demo"])
        #expect(created.status == 0)
        workspace = folder.path + "/demo/backflow.yml"
    }

    /// Starts `backflow sink` on a free port and points the demo workspace at it.
    func startSink(_ arguments: [String]) throws -> (process: Process, port: Int) {
        let sink = try SinkProcess(arguments)
        let port = sink.port
        let yaml = try String(contentsOfFile: workspace, encoding: .utf8)
            .replacingOccurrences(of: "http://127.0.0.1:8710/v1", with: "http://127.0.0.1:\(port)/v1")
        try yaml.write(toFile: workspace, atomically: true, encoding: .utf8)
        return (sink.process, port)
    }

    func acceptedMessages(port: Int) throws -> Int {
        let data = try Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/stats")!)
        let stats = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return stats["acceptedMessages"] as? Int ?? 0
    }

    @Test func aSyncKilledHalfWayLosesNothingAndResendsWithTheSameMessageIds() throws {
        let received = folder.path + "/received.ndjson"
        let sink = try startSink(["--slow-ms", "100", "--out", received])
        defer { sink.process.terminate(); sink.process.waitUntilExit() }

        let sync = Process()
        sync.executableURL = BackflowProcess.executable
        sync.arguments = ["sync", "Identify users", "-w", workspace, "--batch-messages", "50"]
        sync.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        sync.standardOutput = FileHandle.nullDevice
        sync.standardError = FileHandle.nullDevice
        try sync.run()
        let deadline = Date().addingTimeInterval(30)
        while try acceptedMessages(port: sink.port) < 200, Date() < deadline { usleep(20_000) }
        kill(sync.processIdentifier, SIGKILL)
        sync.waitUntilExit()
        let beforeResume = try acceptedMessages(port: sink.port)
        #expect(beforeResume >= 200 && beforeResume < 1_999)

        let resumed = try BackflowProcess.run(["sync", "Identify users", "-w", workspace], environment: environment)
        #expect(resumed.status == 1)  // the demo's one bad row fails, as it should
        #expect(try acceptedMessages(port: sink.port) == 1_999)

        sink.process.terminate()
        sink.process.waitUntilExit()
        var messageIDs: [String: Set<String>] = [:]
        for line in try String(contentsOfFile: received, encoding: .utf8).split(separator: "\n") {
            let message = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let user = try #require(message["userId"] as? String)
            messageIDs[user, default: []].insert(try #require(message["messageId"] as? String))
        }
        #expect(messageIDs.count == 1_999)
        #expect(messageIDs.values.allSatisfy { $0.count == 1 })

        let runs = try BackflowProcess.run(["runs", "Identify users", "-w", workspace, "--json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(runs.standardOutput.utf8)) as? [[String: Any]])
        #expect(list.map { $0["status"] as? String } == ["partial", "failed (interrupted)"])
    }

    @Test func syncPrintsASummaryAndRunsShowsTheFailedRecord() throws {
        let sink = try startSink([])
        defer { sink.process.terminate(); sink.process.waitUntilExit() }
        let sync = try BackflowProcess.run(["sync", "Page views", "Identify users", "-w", workspace, "--json"], environment: environment)
        #expect(sync.status == 1)
        let results = try #require(try JSONSerialization.jsonObject(with: Data(sync.standardOutput.utf8)) as? [[String: Any]])
        #expect(results.map { $0["status"] as? String } == ["success", "partial"])
        #expect(results.map { $0["delivered"] as? Int } == [1_000, 1_999])
        let run = try #require(results.last?["run"] as? Int)
        let show = try BackflowProcess.run(["runs", "show", String(run), "-w", workspace])
        #expect(show.standardOutput.contains("✗ usr_bad_01 (new, validation)  location: Latitude must be a number but it was a string."))
        #expect(show.standardOutput.contains("\"latitude\": \"north\""))
        #expect(!show.standardOutput.contains("cli-test-key") && !sync.standardError.contains("cli-test-key"))
    }

    @Test func syncWithoutTheWriteKeyVariableSaysWhichVariableToSet() throws {
        let sync = try BackflowProcess.run(["sync", "Page views", "-w", workspace], environment: ["BACKFLOW_DEMO_WRITE_KEY": ""])
        #expect(sync.status == 1)
        #expect(sync.standardOutput.contains("BACKFLOW_DEMO_WRITE_KEY"))
    }
}

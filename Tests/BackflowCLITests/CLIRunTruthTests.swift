import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What the real binary records and reports when a sync is stopped, killed, raced or handed broken
/// files: runs keep the receiver's true count, and every problem says what to do.
@Suite struct CLIRunTruthTests {
    let folder: TemporaryFolder
    let environment = ["TRUTH_WRITE_KEY": "cli-truth-key"]

    init() throws {
        folder = try TemporaryFolder()
    }

    var workspace: String { folder.path + "/backflow.yml" }

    /// A warehouse of `users` rows and a workspace with one Send Identify mapping per name, sending to
    /// `port`.
    func makeWorkspace(users: Int, mappings: [String] = ["Identify users"], port: Int = 9, extra: String = "") throws {
        let create = Process()
        create.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        create.arguments = [
            folder.path + "/warehouse.sqlite",
            "CREATE TABLE users (user_id TEXT PRIMARY KEY, email TEXT, plan TEXT); "
                + "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(users)) "
                + "INSERT INTO users SELECT 'u' || i, 'u' || i || '@example.com', 'free' FROM n;",
        ]
        try create.run()
        create.waitUntilExit()
        var text = """
            version: 1
            sources:
              warehouse: {type: sqlite, path: warehouse.sqlite}
            models:
              users: {source: warehouse, id_column: user_id, query: SELECT * FROM users}
            destinations:
              segment: {type: actions-segment, write_key_env: TRUTH_WRITE_KEY, endpoint: "http://127.0.0.1:\(port)/v1"}
            mappings:

            """
        for name in mappings {
            text += """
                  - name: \(name)
                    destination: segment
                    model: users
                    action: sendIdentify
                    records: added_or_updated
                    fields:
                      user_id: {"@path": "$.properties.user_id"}
                      traits: {email: {"@path": "$.properties.email"}}
                      message_id: {"@path": "$.messageId"}

                """
        }
        try (text + extra).write(toFile: workspace, atomically: true, encoding: .utf8)
    }

    func sync(_ arguments: [String]) throws -> BackflowProcess.Outcome {
        try BackflowProcess.run(["sync"] + arguments + ["-w", workspace], environment: environment)
    }

    /// Starts `backflow sync` in the background; what it prints goes to `output` when given.
    func startSync(_ arguments: [String], output: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = BackflowProcess.executable
        process.arguments = ["sync"] + arguments + ["-w", workspace]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let output, FileManager.default.createFile(atPath: output, contents: nil) {
            process.standardOutput = FileHandle(forWritingAtPath: output)
        } else {
            process.standardOutput = FileHandle.nullDevice
        }
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func runs() throws -> [[String: Any]] {
        let listed = try BackflowProcess.run(["runs", "-w", workspace, "--json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(listed.standardOutput.utf8)) as? [[String: Any]])
    }

    // MARK: Truthful runs

    @Test func sigintPartWayThroughA200kRowSyncRecordsTheReceiversCountAndExits130() throws {
        let sink = try SinkProcess(["--slow-ms", "20"])
        defer { sink.stop() }
        try makeWorkspace(users: 200_000, port: sink.port)
        let syncing = try startSync(["Identify users"])
        let deadline = Date().addingTimeInterval(60)
        while try sink.stats()["acceptedMessages"] ?? 0 < 20_000, Date() < deadline { usleep(20_000) }
        kill(syncing.processIdentifier, SIGINT)
        syncing.waitUntilExit()
        #expect(syncing.terminationStatus == 130)
        let accepted = try #require(try sink.stats()["acceptedMessages"])
        #expect(accepted >= 20_000 && accepted < 200_000)
        let run = try #require(try runs().first)
        #expect(run["status"] as? String == "failed (interrupted)")
        #expect(run["delivered"] as? Int == accepted)
        #expect((run["error"] as? String)?.hasPrefix("interrupted by SIGINT (Ctrl-C)") == true)

        let resumed = try sync(["Identify users"])
        #expect(resumed.status == 0)
        let stats = try sink.stats()
        #expect(stats["acceptedMessages"] == 200_000)
        #expect(stats["duplicateMessages"] == 0)
    }

    @Test func aRunKilledWithSigkillIsFinalisedWithTheCountsOfItsLastCommit() throws {
        let sink = try SinkProcess(["--slow-ms", "50"])
        defer { sink.stop() }
        try makeWorkspace(users: 20_000, port: sink.port)
        let syncing = try startSync(["Identify users", "--batch-messages", "100"])
        let deadline = Date().addingTimeInterval(60)
        // Killed once the receiver holds a good part of the run and the run has committed some of it:
        // commits come half a second apart, and a receiver this fast could take 4,000 messages before
        // the first, which left the killed run nothing to be finalised with.
        while Date() < deadline {
            if try sink.stats()["acceptedMessages"] ?? 0 >= 4_000, try runs().first?["delivered"] as? Int ?? 0 > 0 {
                break
            }
            usleep(20_000)
        }
        kill(syncing.processIdentifier, SIGKILL)
        syncing.waitUntilExit()
        let accepted = try #require(try sink.stats()["acceptedMessages"])

        let resumed = try sync(["Identify users", "--json"])
        #expect(resumed.status == 0)
        let killed = try #require(try runs().last)
        #expect(killed["status"] as? String == "failed (interrupted)")
        let delivered = try #require(killed["delivered"] as? Int)
        #expect(delivered > 0 && delivered <= accepted)
        // The count is at least what was committed, which the resumed run did not send again; it
        // misses at most what was delivered after the last commit (half a second's worth).
        let resent = try #require(
            (try JSONSerialization.jsonObject(with: Data(resumed.standardOutput.utf8)) as? [[String: Any]])?
                .first?["delivered"] as? Int)
        #expect(delivered + resent >= 20_000)
    }

    @Test func twoMappingsSyncedAtOnceOnAFreshWorkspaceBothSucceedTwentyTimesOutOfTwenty() throws {
        let sink = try SinkProcess([])
        defer { sink.stop() }
        try makeWorkspace(users: 200, mappings: ["First", "Second"], port: sink.port)
        var failures: [String] = []
        for _ in 1...20 {
            try? FileManager.default.removeItem(atPath: folder.path + "/.backflow")
            let outputs = [folder.path + "/first.out", folder.path + "/second.out"]
            let first = try startSync(["First"], output: outputs[0])
            let second = try startSync(["Second"], output: outputs[1])
            first.waitUntilExit()
            second.waitUntilExit()
            for (process, output) in zip([first, second], outputs) where process.terminationStatus != 0 {
                failures.append(try String(contentsOfFile: output, encoding: .utf8))
            }
        }
        #expect(failures == [])
        let stats = try sink.stats()
        // Each round sends the same records with the same message ids: the receiver counts repeats apart.
        #expect(stats["acceptedMessages", default: 0] + stats["duplicateMessages", default: 0] == 20 * 2 * 200)
    }

    @Test func aDryRunOfTwoMappingsWritesBothToTheOutFile() throws {
        try makeWorkspace(users: 10, mappings: ["First", "Second"])
        let out = folder.path + "/messages.ndjson"
        let dry = try sync(["First", "Second", "--dry-run", "--out", out])
        #expect(dry.status == 0)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix(#"{"mapping":"First","message":{"#) }.count == 10)
        #expect(lines.filter { $0.hasPrefix(#"{"mapping":"Second","message":{"#) }.count == 10)
    }

    // MARK: Errors that name the fix

    @Test func aMissingWorkspaceFileSaysSoAndHowToMakeOne() throws {
        let checked = try BackflowProcess.run(["check", "-w", folder.path + "/nope.yml"])
        #expect(checked.status == 2)
        #expect(
            checked.standardError.contains(
                "cannot read the workspace file \(folder.path)/nope.yml: there is no such file; "
                    + "create a workspace with `backflow init`, or name yours with -w FILE"))
    }

    @Test func aStateDirThatIsAFileSaysSoAndWhatToDo() throws {
        try makeWorkspace(users: 5, extra: "settings:\n  state_dir: state-file\n")
        try "not a folder".write(toFile: folder.path + "/state-file", atomically: true, encoding: .utf8)
        let refused = try sync(["Identify users"])
        #expect(refused.status == 1)
        #expect(
            refused.standardOutput.contains(
                "The state folder \(folder.path)/state-file is a file, not a folder: move the file away, "
                    + "or set settings.state_dir to another folder."))
        #expect(!refused.standardOutput.contains("NSCocoaErrorDomain"))
    }

    @Test func aDamagedHistoryIsMovedAsideOnceAndNeverBlocksASync() throws {
        let sink = try SinkProcess([])
        defer { sink.stop() }
        try makeWorkspace(users: 20, port: sink.port)
        try FileManager.default.createDirectory(atPath: folder.path + "/.backflow", withIntermediateDirectories: true)
        try String(repeating: "not a database ", count: 100)
            .write(toFile: folder.path + "/.backflow/history.sqlite", atomically: true, encoding: .utf8)
        let first = try sync(["Identify users"])
        #expect(first.status == 0)
        #expect(first.standardError.contains("note: the run history was damaged: it was moved to "))
        let moved = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/.backflow")
            .filter { $0.hasPrefix("history.sqlite.corrupt-") }
        #expect(moved.count == 1)
        #expect(try runs().count == 1)
        let second = try sync(["Identify users"])
        #expect(second.status == 0)
        #expect(!second.standardError.contains("damaged"))
    }

    @Test func aDamagedStateIsReportedAndLeftAsItIs() throws {
        try makeWorkspace(users: 20)
        try FileManager.default.createDirectory(atPath: folder.path + "/.backflow", withIntermediateDirectories: true)
        let damaged = String(repeating: "not a database ", count: 100)
        try damaged.write(toFile: folder.path + "/.backflow/state.sqlite", atomically: true, encoding: .utf8)
        let refused = try sync(["Identify users"])
        #expect(refused.status == 1)
        #expect(refused.standardOutput.contains("The sync state at \(folder.path)/.backflow/state.sqlite is damaged"))
        #expect(refused.standardOutput.contains("restore the file from a backup, or move it aside to start over"))
        #expect(try String(contentsOfFile: folder.path + "/.backflow/state.sqlite", encoding: .utf8) == damaged)
    }

    @Test func theStateFolderIsPrivateToItsUser() throws {
        try makeWorkspace(users: 5, mappings: ["First"])
        let dry = try sync(["First", "--dry-run"])
        #expect(dry.status == 0)
        let sink = try SinkProcess([])
        defer { sink.stop() }
        try makeWorkspace(users: 5, mappings: ["First"], port: sink.port)
        #expect(try sync(["First"]).status == 0)
        let state = folder.path + "/.backflow"
        #expect(try permissions(state) == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: state)
        #expect(files.contains("state.sqlite") && files.contains("history.sqlite"))
        for file in files { #expect(try permissions(state + "/" + file) == 0o600, "\(file)") }
    }

    private func permissions(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int) & 0o777
    }
}

import Foundation
import Testing

@testable import BackflowCore

/// Several hosts on one PostgreSQL warehouse, each a workspace folder of its own (its own `.backflow`)
/// and a process of its own, named by `BACKFLOW_HOST`: they share one truth — leases, state and the run
/// history in the warehouse's `backflow` schema — and never send a record twice under two ids.
@Suite(.serialized) struct CLIManyHostsTests {
    struct NoServer: Error, CustomStringConvertible {
        let description = "BACKFLOW_TEST_PG_URL names no PostgreSQL server; scripts/test starts one and sets it."
    }

    let databaseURL: String
    let hosts: [TemporaryFolder]
    let workspaceID = "ws_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20).lowercased()

    init() throws {
        guard let url = ProcessInfo.processInfo.environment["BACKFLOW_TEST_PG_URL"], !url.isEmpty else { throw NoServer() }
        let name = "hosts_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try PostgresConnection(url: url, readOnly: false).execute("CREATE DATABASE \(name)")
        databaseURL = try #require(url.range(of: "/", options: .backwards).map { url[..<$0.lowerBound] + "/" + name })
        try PostgresConnection(url: databaseURL, readOnly: false).executeScript("""
            CREATE TABLE users (id int4 PRIMARY KEY, plan text);
            INSERT INTO users SELECT n, 'free' FROM generate_series(1, 3000) AS n;
            """)
        hosts = try (0..<3).map { _ in try TemporaryFolder() }
    }

    /// The same workspace file on every host, sending to the receiver on `port`.
    func writeWorkspace(port: Int, schedule: String = "manual", leaseSeconds: Int = 60) throws {
        for host in hosts {
            try host.write("""
                version: 1
                workspace_id: \(workspaceID)
                sources:
                  warehouse:
                    type: postgres
                    url_env: TEST_PG_URL
                models:
                  users:
                    source: warehouse
                    id_column: id
                    query: SELECT * FROM users
                destinations:
                  segment:
                    type: actions-segment
                    write_key_env: TEST_WRITE_KEY
                    endpoint: http://127.0.0.1:\(port)/v1
                mappings:
                  - id: plans
                    name: Plans
                    destination: segment
                    model: users
                    action: sendIdentify
                    records: added_or_updated
                    schedule: \(schedule)
                    fields:
                      user_id: {"@path": "$.properties.id"}
                      traits: {"plan": {"@path": "$.properties.plan"}}
                settings:
                  lease_seconds: \(leaseSeconds)
                """, to: "backflow.yml")
        }
    }

    func run(_ arguments: [String], host: Int) throws -> BackflowProcess.Outcome {
        try BackflowProcess.run(
            arguments + ["--workspace", hosts[host].path + "/backflow.yml"], in: hosts[host].path,
            environment: ["TEST_PG_URL": databaseURL, "TEST_WRITE_KEY": "many-hosts-key", "BACKFLOW_HOST": "host-\(host)"])
    }

    /// Runs `arguments` on each of `hosts` at once and returns their outcomes in host order.
    func runTogether(_ arguments: [String], hosts: [Int]) throws -> [BackflowProcess.Outcome] {
        let outcomes = OutcomeList(count: hosts.count)
        DispatchQueue.concurrentPerform(iterations: hosts.count) { index in
            outcomes.set(index, Result { try run(arguments, host: hosts[index]) })
        }
        return try outcomes.values()
    }

    /// Each user's last `plan` trait in the receiver's file, and how many distinct message ids it holds.
    func received(_ file: String) throws -> (plans: [String: String], messageIDs: Set<String>, messages: Int) {
        var plans: [String: String] = [:]
        var ids: Set<String> = []
        var count = 0
        for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n") {
            let entry = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let message = try #require((entry["message"] ?? entry) as? [String: Any])
            count += 1
            ids.insert(try #require(message["messageId"] as? String))
            let traits = message["traits"] as? [String: Any]
            plans[String(describing: message["userId"] ?? "")] = traits?["plan"] as? String
        }
        return (plans, ids, count)
    }

    @Test func twoHostsSyncingAtOnceSendEveryRecordOnceAndEndOnTheNewestValue() throws {
        let out = hosts[0].path + "/received.ndjson"
        let sink = try SinkProcess(["--out", out, "--slow-ms", "20"])
        defer { sink.stop() }
        try writeWorkspace(port: sink.port)
        let first = try runTogether(["sync", "Plans", "--wait", "120"], hosts: [0, 1])
        #expect(first.allSatisfy { $0.status == 0 }, "\(first.map(\.standardOutput))")
        var seen = try received(out)
        #expect(seen.messageIDs.count == 3000)
        #expect(seen.messages == 3000)

        // Every user changes; two hosts sync at once again, while the data changes once more between them.
        try PostgresConnection(url: databaseURL, readOnly: false).execute("UPDATE users SET plan = 'pro'")
        let racing = DispatchQueue(label: "update")
        racing.asyncAfter(deadline: .now() + 0.3) {
            _ = try? PostgresConnection(url: databaseURL, readOnly: false).execute("UPDATE users SET plan = 'team'")
        }
        let second = try runTogether(["sync", "Plans", "--wait", "120"], hosts: [0, 1])
        #expect(second.allSatisfy { $0.status == 0 }, "\(second.map(\.standardOutput))")
        racing.sync {}
        #expect(try run(["sync", "Plans"], host: 2).status == 0)
        seen = try received(out)
        #expect(Set(seen.plans.values) == ["team"], "some users' last message carries an older plan")
        #expect(seen.messageIDs.count == seen.messages, "a message id was sent twice")
    }

    @Test func aSecondHostIsRefusedWithTheHolderNamedAndSeesTheFirstHostsRuns() throws {
        let sink = try SinkProcess(["--slow-ms", "300"])
        defer { sink.stop() }
        try writeWorkspace(port: sink.port)
        let holder = Thread { _ = try? run(["sync", "Plans"], host: 0) }
        holder.start()
        var refused: BackflowProcess.Outcome?
        for _ in 0..<100 {
            Thread.sleep(forTimeInterval: 0.2)
            let attempt = try run(["sync", "Plans"], host: 1)
            if attempt.status != 0, attempt.standardOutput.contains("already syncing") {
                refused = attempt
                break
            }
        }
        let refusal = try #require(refused)
        #expect(refusal.standardOutput.contains("on host host-0 (pid "))
        while holder.isExecuting || !holder.isFinished { Thread.sleep(forTimeInterval: 0.1) }
        let runs = try run(["runs", "--json"], host: 1)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(runs.standardOutput.utf8)) as? [[String: Any]])
        #expect(list.contains { $0["host"] as? String == "host-0" && $0["status"] as? String == "success" })
    }

    @Test func threeSchedulersStartADueMappingOnce() throws {
        let sink = try SinkProcess([])
        defer { sink.stop() }
        try writeWorkspace(port: sink.port, schedule: "{every: 1h}")
        let outcomes = try runTogether(["schedule", "--once"], hosts: [0, 1, 2])
        #expect(outcomes.allSatisfy { $0.status == 0 }, "\(outcomes.map(\.standardOutput))")
        #expect(try sink.stats()["acceptedMessages"] == 3000)
        let runs = try PostgresConnection(url: databaseURL, readOnly: false)
            .execute("SELECT count(*) FROM backflow.sync_runs")
        #expect(runs.text(row: 0, column: 0) == "1")
    }

    @Test func aKilledHostsLeaseExpiresAndAnotherHostFinishesTheWork() throws {
        let sink = try SinkProcess(["--slow-ms", "3000"])
        defer { sink.stop() }
        try writeWorkspace(port: sink.port, schedule: "{every: 1h}", leaseSeconds: 10)
        let doomed = Process()
        doomed.executableURL = BackflowProcess.executable
        doomed.arguments = ["schedule", "--once", "--workspace", hosts[0].path + "/backflow.yml"]
        doomed.environment = ProcessInfo.processInfo.environment.merging(
            ["TEST_PG_URL": databaseURL, "TEST_WRITE_KEY": "many-hosts-key", "BACKFLOW_HOST": "host-0", "NO_COLOR": "1"]
        ) { $1 }
        doomed.standardOutput = FileHandle.nullDevice
        try doomed.run()
        let admin = try PostgresConnection(url: databaseURL, readOnly: false)
        for _ in 0..<100 where (try? admin.execute("SELECT 1 FROM backflow.sync_leases").rowCount) != 1 {
            Thread.sleep(forTimeInterval: 0.1)
        }
        Thread.sleep(forTimeInterval: 1)
        kill(doomed.processIdentifier, SIGKILL)
        doomed.waitUntilExit()
        // Host 1's scheduler, run from cron every second, leaves the mapping to host 0 while its lease lives,
        // then finds the slot's run interrupted and syncs it.
        let started = Date()
        var list: [[String: Any]] = []
        func finishedOnHostOne() -> Bool {
            list.contains { $0["host"] as? String == "host-1" && $0["status"] as? String == "success" }
        }
        while !finishedOnHostOne(), Date().timeIntervalSince(started) < 40 {
            let outcome = try run(["schedule", "--once"], host: 1)
            #expect(outcome.status == 0, "\(outcome.standardOutput)")
            let runs = try run(["runs", "--json"], host: 2)
            list = try #require(try JSONSerialization.jsonObject(with: Data(runs.standardOutput.utf8)) as? [[String: Any]])
            if !finishedOnHostOne() { Thread.sleep(forTimeInterval: 1) }
        }
        #expect(finishedOnHostOne())
        #expect(Date().timeIntervalSince(started) < 10 + 3 + 10, "the takeover took longer than the lease and a sync")
        #expect(list.contains { $0["host"] as? String == "host-0" && $0["status"] as? String == "failed (interrupted)" })
        #expect(try sink.stats()["acceptedMessages"] == 3000)
    }
}

/// Outcomes of processes run side by side, each stored from its own thread.
private final class OutcomeList: @unchecked Sendable {
    // `lock` guards `results`.
    private let lock = NSLock()
    private var results: [Result<BackflowProcess.Outcome, any Error>?]

    init(count: Int) {
        results = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ result: Result<BackflowProcess.Outcome, any Error>) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }

    func values() throws -> [BackflowProcess.Outcome] {
        lock.lock()
        defer { lock.unlock() }
        return try results.map { try $0!.get() }
    }
}

import BackflowSink
import Foundation
@testable import BackflowCore

/// A small SQLite warehouse of users, a workspace mapping it to both destinations, and a real
/// receiver on a free loopback port, all in a temporary folder of their own.
final class SyncFixture {
    static let writeKey = "test-connections-key"
    static let profilesWriteKey = "test-profiles-key"

    let folder: String
    let sink: SinkServer
    let port: Int
    let warehousePath: String

    init(users: Int = 200, faults: SinkFaults = .none) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("backflow-sync-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        warehousePath = folder + "/warehouse.sqlite"
        let connection = try SQLiteConnection(path: warehousePath, mode: .readWriteCreate)
        try connection.execute(
            "CREATE TABLE users (user_id TEXT PRIMARY KEY, email TEXT, plan TEXT, score INTEGER, notes TEXT)")
        try connection.execute("BEGIN")
        for number in 1...users {
            try connection.execute(
                "INSERT INTO users VALUES ('u\(number)', 'user\(number)@example.com', 'free', \(number), NULL)")
        }
        try connection.execute("COMMIT")
        sink = SinkServer(configuration: SinkConfiguration(port: 0, faults: faults))
        port = try await sink.start()
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func stop() async throws {
        try await sink.stop()
    }

    /// Runs SQL against the warehouse, as the data team's pipeline would between syncs.
    func execute(_ sql: String) throws {
        try SQLiteConnection(path: warehousePath, mode: .readWriteCreate).execute(sql)
    }

    /// Writes the workspace with one mapping per entry of `mappings` (name, destination, action,
    /// records, fields as YAML) and opens it. Its destinations send to `receiverPort`, by default the
    /// fixture's receiver.
    /// `settings`: lines of the file's `settings:` block, indented by two spaces, if any.
    func session(_ mappings: [Mapping], receiverPort: Int? = nil, settings: [String] = []) throws -> WorkspaceSession {
        let port = receiverPort ?? port
        var text = """
            version: 1
            sources:
              warehouse:
                type: sqlite
                path: warehouse.sqlite
            models:
              users:
                source: warehouse
                id_column: user_id
                query: SELECT * FROM users
            destinations:
              segment:
                type: actions-segment
                write_key_env: TEST_WRITE_KEY
                endpoint: http://127.0.0.1:\(port)/v1
              profiles:
                type: actions-segment-profiles
                endpoint: http://127.0.0.1:\(port)/v1
                profile_spaces:
                  main:
                    write_key_env: TEST_PROFILES_WRITE_KEY
            mappings:

            """
        for mapping in mappings {
            text += mapping.id.map { "  - id: \($0)\n    name: \(mapping.name)\n" } ?? "  - name: \(mapping.name)\n"
            text += """
                    destination: \(mapping.destination)
                    model: users
                    action: \(mapping.action)
                    records: \(mapping.records)
                    fields:
                \(mapping.fields.split(separator: "\n").map { "          " + $0 }.joined(separator: "\n"))

                """
        }
        if !settings.isEmpty { text += "settings:\n" + settings.map { "  " + $0 + "\n" }.joined() }
        let path = folder + "/backflow.yml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try WorkspaceSession.open(path: path)
    }

    struct Mapping {
        var id: String?
        var name = "Identify users"
        var destination = "segment"
        var action = "sendIdentify"
        var records = "added_or_updated"
        var fields = """
            user_id: {"@path": "$.properties.user_id"}
            traits:
              email: {"@path": "$.properties.email"}
              plan: {"@path": "$.properties.plan"}
              notes: {"@path": "$.properties.notes"}
            message_id: {"@path": "$.messageId"}
            """
    }

    /// An engine sending to the fixture's receiver, retrying fast so fault tests stay quick.
    func engine(_ session: WorkspaceSession) -> SyncEngine {
        SyncEngine(
            session: session, transport: HTTPClientTransport(timeout: 30),
            environment: ["TEST_WRITE_KEY": Self.writeKey, "TEST_PROFILES_WRITE_KEY": Self.profilesWriteKey],
            retryPolicy: RetryPolicy(baseDelay: .milliseconds(2), maximumDelay: .milliseconds(20), maximumAttempts: 20))
    }

    func sync(_ session: WorkspaceSession, _ name: String, options: SyncOptions = SyncOptions()) async throws -> SyncResult {
        await engine(session).sync(try session.mapping(named: name), options: options, events: { _ in })
    }

    /// What the receiver stored, oldest first.
    func received() async -> [JSONObject] {
        await sink.acceptedMessages().compactMap(\.objectValue)
    }
}

import Foundation
@testable import BackflowCore

/// A temporary folder holding a SQLite warehouse with one table per ``ConformanceSyncSuite`` and the
/// workspace files that sync them to a receiver.
struct ConformanceSyncWarehouse {
    static let writeKey = "conformance-write-key"
    static let profilesWriteKey = "conformance-profiles-write-key"

    let folder: String
    private let connection: SQLiteConnection

    init(suites: [ConformanceSyncSuite]) throws {
        // In memory where the machine has a tmpfs: a thousand syncs each commit their state several
        // times, and waiting for the disk to flush those commits took most of the test's time.
        let memory = URL(fileURLWithPath: "/dev/shm")
        let parent = FileManager.default.isWritableFile(atPath: memory.path) ? memory : FileManager.default.temporaryDirectory
        folder = parent.appendingPathComponent("backflow-conformance-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        connection = try SQLiteConnection(path: folder + "/warehouse.sqlite", mode: .readWriteCreate)
        try connection.execute("BEGIN")
        for suite in suites {
            // Columns without a declared type keep each value's own type: text, integer, real or null.
            let columns = suite.columns.map(SQLiteWarehouse.quotedIdentifier).joined(separator: ", ")
            try connection.execute("CREATE TABLE \(suite.name) (\(columns))")
        }
        try connection.execute("COMMIT")
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Makes `suite`'s table hold exactly `rows`.
    func fill(_ suite: ConformanceSyncSuite, with rows: [[JSONValue]]) throws {
        try connection.execute("BEGIN")
        try connection.execute("DELETE FROM \(suite.name)")
        if !rows.isEmpty {
            let placeholders = Array(repeating: "?", count: suite.columns.count).joined(separator: ", ")
            let insert = try connection.prepare("INSERT INTO \(suite.name) VALUES (\(placeholders))")
            for row in rows {
                try insert.bind(row)
                while try insert.step() {}
                try insert.reset()
            }
        }
        try connection.execute("COMMIT")
    }

    /// A workspace of `suites` (at most 50 of each destination), sending to the receiver on `port`.
    func session(for suites: [ConformanceSyncSuite], port: Int) throws -> WorkspaceSession {
        var text = """
            version: 1
            sources:
              warehouse:
                type: sqlite
                path: warehouse.sqlite
            models:

            """
        for suite in suites {
            text += """
                  \(suite.name):
                    source: warehouse
                    id_column: id
                    query: SELECT * FROM \(suite.name)

                """
        }
        text += """
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
        text += suites.map(\.mappingYAML).joined()
        let path = folder + "/backflow-\(suites.first?.name ?? "empty").yml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try WorkspaceSession.open(
            path: path,
            environment: ["TEST_WRITE_KEY": Self.writeKey, "TEST_PROFILES_WRITE_KEY": Self.profilesWriteKey])
    }
}

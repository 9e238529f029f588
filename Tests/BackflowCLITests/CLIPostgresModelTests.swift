import Foundation
import Testing

@testable import BackflowCore

/// The real binary on a workspace whose source is a real PostgreSQL database: harmful models are
/// refused by every command before they run, and a connection string's password never shows.
@Suite struct CLIPostgresModelTests {
    struct NoServer: Error, CustomStringConvertible {
        let description = "BACKFLOW_TEST_PG_URL names no PostgreSQL server; scripts/test starts one and sets it."
    }

    let folder: TemporaryFolder
    let serverURL: String
    let databaseURL: String
    /// A file the database server would create; the server runs on this machine.
    let target = "/tmp/backflow-cli-refusal-\(UUID().uuidString).txt"

    init() throws {
        guard let url = ProcessInfo.processInfo.environment["BACKFLOW_TEST_PG_URL"], !url.isEmpty else { throw NoServer() }
        folder = try TemporaryFolder()
        serverURL = url
        let name = "cli_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try PostgresConnection(url: url, readOnly: false).execute("CREATE DATABASE \(name)")
        databaseURL = try #require(url.range(of: "/", options: .backwards).map { url[..<$0.lowerBound] + "/" + name })
        try PostgresConnection(url: databaseURL, readOnly: false).executeScript("""
            CREATE TABLE people (id int4 PRIMARY KEY, name text);
            INSERT INTO people VALUES (1, 'Ada'), (2, 'Grace');
            CREATE PROCEDURE forget_people() LANGUAGE sql AS $$ DELETE FROM people $$
            """)
    }

    /// Writes a workspace with one model over the `TEST_PG_URL` source and one mapping, `M`, using it.
    func workspace(query: String) throws -> String {
        let indented = query.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n")
        try folder.write("""
            version: 1
            sources:
              warehouse:
                type: postgres
                url_env: TEST_PG_URL
            models:
              m:
                source: warehouse
                id_column: id
                query: |
            \(indented)
            destinations:
              segment:
                type: actions-segment
                write_key_env: TEST_WRITE_KEY
                endpoint: http://127.0.0.1:9/v1
            mappings:
              - name: M
                destination: segment
                model: m
                action: sendIdentify
                records: added_or_updated
                fields:
                  user_id: {"@path": "$.properties.id"}
                  message_id: {"@path": "$.messageId"}

            """, to: "backflow.yml")
        return folder.path + "/backflow.yml"
    }

    /// Every command that reads a model, as a user would type it.
    static let readingCommands = [
        ["check"], ["rows", "m"], ["columns", "m"], ["preview", "M"], ["sync", "M", "--dry-run"],
    ]

    func run(_ arguments: [String], _ workspace: String, url: String) throws -> BackflowProcess.Outcome {
        try BackflowProcess.run(
            arguments + ["-w", workspace], in: folder.path,
            environment: ["TEST_PG_URL": url, "TEST_WRITE_KEY": "cli-test-key"])
    }

    @Test func everyCommandRefusesAHarmfulModelWithNoEffect() throws {
        let harmful = [
            ("COPY (SELECT 1) TO PROGRAM 'cat > \(target)'", "Model 'm' is a COPY statement"),
            ("COPY (SELECT 1) TO '\(target)'", "Model 'm' is a COPY statement"),
            ("DO $$ BEGIN DELETE FROM people; END $$", "Model 'm' is a DO statement"),
            ("CALL forget_people()", "Model 'm' is a CALL statement"),
            ("WITH gone AS (DELETE FROM people RETURNING *)\nSELECT * FROM gone", "Model 'm' must be a read-only query"),
            ("SELECT lo_import('/etc/hostname') AS id", "Model 'm' calls lo_import()"),
        ]
        for (query, refusal) in harmful {
            let workspace = try workspace(query: query)
            for command in Self.readingCommands {
                let outcome = try run(command, workspace, url: databaseURL)
                let output = outcome.standardOutput + outcome.standardError
                #expect(outcome.status != 0 && output.contains(refusal), "\(command) on \(query): \(output)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: target))
        let server = try PostgresConnection(url: databaseURL, readOnly: false)
        #expect(try server.execute("SELECT count(*) FROM pg_largeobject_metadata").text(row: 0, column: 0) == "0")
        #expect(try server.execute("SELECT string_agg(name, ',' ORDER BY id) FROM people").text(row: 0, column: 0)
            == "Ada,Grace")
    }

    @Test func aQuotedSemicolonIsAcceptedByEveryCommand() throws {
        let workspace = try workspace(query: "SELECT id, $$a;b$$ AS x FROM people")
        for command in Self.readingCommands {
            let outcome = try run(command, workspace, url: databaseURL)
            #expect(outcome.status == 0, "\(command): \(outcome.standardOutput + outcome.standardError)")
        }
    }

    @Test func aPasswordInAKeywordConnectionStringNeverShows() throws {
        let secret = "s3cr3t-Pw"
        let server = try #require(URLComponents(string: serverURL))
        let host = server.host ?? "127.0.0.1"
        let unreachable = "host=\(host) port=1 user=backflow password='\(secret) x\\'y' dbname=postgres"
        let unknownRole = "host = \(host) port=\(server.port ?? 5432) user=nobody_\(UUID().uuidString.prefix(8)) "
            + "password=\(secret) dbname=postgres connect_timeout=5"
        let workspace = try workspace(query: "SELECT * FROM people")
        let commands = Self.readingCommands + [["sync", "M"], ["sync", "M", "--json"]]
        for url in [unreachable, unknownRole] {
            for command in commands {
                let outcome = try run(command, workspace, url: url)
                let output = outcome.standardOutput + outcome.standardError
                #expect(outcome.status != 0 && output.contains("password=***"), "\(command): \(output)")
                #expect(!output.contains(secret), "\(command) printed the password: \(output)")
            }
        }
    }

    @Test func checkWarnsThatASuperuserRoleCouldActOnTheServer() throws {
        let workspace = try workspace(query: "SELECT * FROM people")
        let check = try run(["check"], workspace, url: databaseURL)
        #expect(check.standardError.contains("warning: model 'm': the PostgreSQL role 'backflow' is a superuser"))
        let json = try run(["check", "--json"], workspace, url: databaseURL)
        #expect(json.standardError.contains("is a superuser"))
        #expect(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) is [String: Any])
    }

    @Test func checkDoesNotWarnAboutARoleThatOnlyReads() throws {
        let role = "reader_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let admin = try PostgresConnection(url: databaseURL, readOnly: false)
        try admin.executeScript("CREATE ROLE \(role) LOGIN; GRANT SELECT ON people TO \(role)")
        defer { _ = try? admin.executeScript("DROP OWNED BY \(role); DROP ROLE \(role)") }
        let workspace = try workspace(query: "SELECT * FROM people")
        let check = try run(["check"], workspace, url: databaseURL.replacingOccurrences(of: "://backflow@", with: "://\(role)@"))
        #expect(check.status == 0 && !check.standardError.contains("warning"), "\(check.standardError)")
    }
}

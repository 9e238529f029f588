import Foundation

@testable import BackflowCore

/// A throwaway PostgreSQL server for the tests, shared by the whole test process.
///
/// When `BACKFLOW_TEST_PG_URL` is set (scripts/test starts one server for the whole run and exports
/// it), that server is used. Otherwise the first test that asks starts one: `initdb` into a temporary
/// directory as the unprivileged `postgres` user when running as root (initdb refuses root), `pg_ctl`
/// on 127.0.0.1 and a free port, `fsync=off`. A watcher process stops it and removes its files when
/// the test process exits, however it exits.
enum TestPostgresServer {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The URL of the server's `postgres` database, or why no server could be had.
    private static let server: Result<String, Failure> = {
        if let url = ProcessInfo.processInfo.environment["BACKFLOW_TEST_PG_URL"], !url.isEmpty {
            return .success(url)
        }
        do {
            return .success(try start())
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(description: "\(error)"))
        }
    }()

    /// Creates an empty database `t_<random>` on the server, runs `seed` in it (statements separated
    /// by `;` are fine), and returns its URL.
    static func database(seed: String = "") throws -> String {
        let serverURL = try server.get()
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let admin = try PostgresConnection(url: serverURL, readOnly: false)
        try admin.execute("CREATE DATABASE \(name)")
        let url = replacingDatabase(of: serverURL, with: name)
        if !seed.isEmpty {
            try PostgresConnection(url: url, readOnly: false).executeScript(seed)
        }
        return url
    }

    /// `url` naming database `name` instead of its own.
    static func replacingDatabase(of url: String, with name: String) -> String {
        let afterScheme = url.range(of: "://").map(\.upperBound) ?? url.startIndex
        let queryStart = url[afterScheme...].firstIndex(of: "?") ?? url.endIndex
        let pathStart = url[afterScheme..<queryStart].firstIndex(of: "/") ?? queryStart
        return String(url[..<pathStart]) + "/" + name + String(url[queryStart...])
    }

    // MARK: Starting a server

    private static func start() throws -> String {
        let binaries = try binaryDirectory()
        let isRoot = getuid() == 0
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("backflow-pg-\(UUID().uuidString.prefix(8))").path
        let dataDirectory = directory + "/data"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if isRoot {
            try run("/bin/chown", ["postgres:postgres", directory], asPostgres: false)
        }
        try run(binaries + "/initdb", ["-A", "trust", "-U", "backflow", "-E", "UTF8", "-D", dataDirectory],
            asPostgres: isRoot)
        try watch(directory: directory, pgCtl: binaries + "/pg_ctl", asPostgres: isRoot)
        var lastFailure: Error = Failure(description: "no port tried")
        for _ in 0..<5 {
            let port = Int.random(in: 20_000..<60_000)
            let options = "-c listen_addresses=127.0.0.1 -p \(port) -k \(directory) -c fsync=off "
                + "-c synchronous_commit=off -c full_page_writes=off"
            do {
                try run(binaries + "/pg_ctl",
                    ["-w", "-D", dataDirectory, "-l", directory + "/server.log", "-o", options, "start"],
                    asPostgres: isRoot)
                return "postgresql://backflow@127.0.0.1:\(port)/postgres"
            } catch {
                lastFailure = error
            }
        }
        throw lastFailure
    }

    private static func binaryDirectory() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let found = versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
            .map { "\(root)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
        guard let found else {
            throw Failure(description: "PostgreSQL is not installed (no initdb under \(root)/*/bin); "
                + "run scripts/bootstrap to install it, or set BACKFLOW_TEST_PG_URL to a server's URL.")
        }
        return found
    }

    /// A detached shell that waits for this process to end, then stops the server and removes its files.
    private static func watch(directory: String, pgCtl: String, asPostgres: Bool) throws {
        let stop = (asPostgres ? "runuser -u postgres -- " : "")
            + "'\(pgCtl)' -D '\(directory)/data' -m immediate stop"
        let script = "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(stop); rm -rf '\(directory)'"
        _ = try spawn(["/bin/sh", "-c", script], output: "/dev/null")
    }

    /// Runs a program to its end. posix_spawn and waitpid rather than Foundation's Process, whose
    /// wait never returned here for `pg_ctl start` (its server child outlives it).
    private static func run(_ executable: String, _ arguments: [String], asPostgres: Bool) throws {
        let command = asPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] + arguments
            : [executable] + arguments
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("backflow-pg-output-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let child = try spawn(command, output: outputPath)
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1, errno == EINTR {}
        guard status == 0 else {
            let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            throw Failure(description: "\(executable) failed (status \(status)): \(text)")
        }
    }

    /// Starts `command` with stdin from /dev/null and stdout and stderr appended to `output`.
    private static func spawn(_ command: [String], output: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let arguments = command.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var child: pid_t = 0
        let code = posix_spawn(&child, command[0], &actions, nil, arguments, environ)
        guard code == 0 else {
            throw Failure(description: "cannot start \(command[0]): \(String(cString: strerror(code)))")
        }
        return child
    }
}

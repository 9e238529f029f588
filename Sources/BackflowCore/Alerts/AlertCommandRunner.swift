import Foundation

/// Why an alert's command did not take a notice.
public struct AlertCommandError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String

    public var description: String { reason }
}

/// Runs an alert's command with the notice on its standard input, its standard output discarded and
/// the last line of its standard error kept for the reason it failed. A command that outlives its
/// timeout is stopped with what it started (SIGTERM, then SIGKILL two seconds later). It runs in
/// Backflow's working directory.
public struct AlertCommandRunner: Sendable {
    /// What a relative program path is relative to: the workspace file's folder.
    public let directory: String
    /// Seconds the command may run.
    public let timeout: Double

    public init(directory: String, timeout: Double = 10) {
        self.directory = directory
        self.timeout = timeout
    }

    /// Runs `arguments` (the program, then its arguments) and returns once it exited 0.
    ///
    /// - Parameter input: the command's standard input, written whole before it starts, so it must
    ///   fit a pipe's buffer (see ``ChildProcess``); a notice is a few KB.
    public func run(_ arguments: [String], input: [UInt8], environment: [String: String]) async throws(AlertCommandError) {
        guard let program = arguments.first else { throw AlertCommandError(reason: "the command is empty") }
        let executable = try executable(program, path: environment["PATH"])
        let errorPath = NSTemporaryDirectory() + "/backflow-alert-\(UUID().uuidString).stderr"
        defer { unlink(errorPath) }
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(
                executable, arguments: Array(arguments.dropFirst()), environment: environment, input: input,
                errorPath: errorPath)
        } catch {
            throw AlertCommandError(reason: "cannot start \(program): \(error.reason)")
        }
        let watchdog = Self.watchdog(child, timeout: timeout)
        let ending = await child.ending()
        watchdog.cancel()
        let stopped = await watchdog.value
        let why: String
        switch ending {
        case .exited(0) where !stopped: return
        case _ where stopped: why = "did not finish within \(JSONWriter.formatNumber(timeout)) s and was stopped"
        case .exited(let status): why = "exited with status \(status)"
        case .signalled(let signal): why = "was ended by signal \(signal)"
        }
        let said = Self.lastLine(ofFile: errorPath).map { ": \($0)" } ?? ""
        throw AlertCommandError(reason: "\(program) \(why)\(said)")
    }

    /// Stops `child` once `timeout` has passed; `true` when it had to.
    private static func watchdog(_ child: ChildProcess, timeout: Double) -> Task<Bool, Never> {
        Task {
            do { try await Task.sleep(for: .seconds(timeout)) } catch { return false }
            child.signal(SIGTERM)
            do { try await Task.sleep(for: .seconds(2)) } catch { return true }
            child.signal(SIGKILL)
            return true
        }
    }

    /// The program to start: a path with a slash as given (relative to ``directory``), a bare name
    /// found on `PATH` as a shell would.
    private func executable(_ program: String, path: String?) throws(AlertCommandError) -> String {
        let files = FileManager.default
        if program.contains("/") {
            let resolved = program.hasPrefix("/") ? program : directory + "/" + program
            guard files.isExecutableFile(atPath: resolved) else {
                throw AlertCommandError(reason: "\(program) is not an executable file (looked at \(resolved))")
            }
            return resolved
        }
        let folders = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        guard let found = folders.map({ $0 + "/" + program }).first(where: files.isExecutableFile(atPath:)) else {
            throw AlertCommandError(reason: "no program named \(program) on PATH")
        }
        return found
    }

    /// The last non-blank line of a file, cut to 300 characters.
    private static func lastLine(ofFile path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let line = String(decoding: data.suffix(4096), as: UTF8.self).split(whereSeparator: \.isNewline)
            .last { !$0.allSatisfy(\.isWhitespace) }
        return line.map { String($0.trimmingCharacters(in: .whitespaces).prefix(300)) }
    }
}

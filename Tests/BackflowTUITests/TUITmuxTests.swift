@testable import BackflowCore
import Foundation
import Testing

/// Drives the real `backflow edit` in tmux as a user would, on a fresh demo workspace.
@Suite("TUI in tmux", .serialized)
struct TUITmuxTests {
    static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: tmux != nil, "tmux is not installed: skipping the end-to-end test of backflow edit"))
    func editorOpensMovesBetweenScreensAndQuits() throws {
        let session = try TmuxSession()
        defer { session.close() }
        try session.start(size: "100x30")
        try session.waitFor("Destinations")
        #expect(session.screen().contains("Identify users"))
        session.send("2")
        try session.waitFor("Columns (")
        #expect(session.screen().contains("Rows 1–"))
        session.send("3")
        try session.waitFor("Message for record usr_00001")
        #expect(session.screen().contains("✓ valid"))
        session.send("q")
        try session.waitForExit()
    }

    @Test(.enabled(if: tmux != nil, "tmux is not installed: skipping the end-to-end test of backflow edit"))
    func aSyncWithoutItsWriteKeyShowsFailedWithTheCodeNotFinished() throws {
        let session = try TmuxSession()
        defer { session.close() }
        let variable = DemoWorkspaceFile.connectionsWriteKeyVariable
        try session.start(
            size: "100x30", command: "env -u \(variable) \(TmuxSession.backflow) edit -w \(session.folder)/backflow.yml")
        try session.waitFor("Destinations")
        session.send("4")
        try session.waitFor("Run history")
        session.send("s")
        try session.waitFor("failed [no_write_key]")
        let screen = session.screen()
        #expect(screen.contains("Identify users  failed"))
        #expect(!screen.contains("finished"))
        #expect(screen.contains(variable))
        session.send("q")
        try session.waitForExit()
    }

    @Test(.enabled(if: tmux != nil, "tmux is not installed: skipping the end-to-end test of backflow edit"))
    func promptsEditAsAShellLineTakeAPasteWholeAndListsAnswerEnd() throws {
        let session = try TmuxSession()
        defer { session.close() }
        try session.start(size: "120x30")
        try session.waitFor("Destinations")
        session.send("End")
        try session.waitFor("Subscriptions: last run")
        session.send("3")
        try session.waitFor("Message for record usr_00001")
        session.send("r")
        session.send("usr_0002")
        for key in ["Left", "Left", "Left", "0", "Enter"] { session.send(key) }
        try session.waitFor("Message for record usr_00002")
        session.send("r")
        session.send("C-u")
        session.paste("BEGIN" + String(repeating: "x", count: 300) + "END\nq")
        try session.waitFor("xxxEND q▏")
        session.send("Home")
        try session.waitFor("Record id: ▏BEGINxxx")
        #expect(session.screen().contains("xxx…"))
        session.send("Escape")
        session.send("q")
        try session.waitForExit()
    }

    @Test(.enabled(if: tmux != nil, "tmux is not installed: skipping the end-to-end test of backflow edit"))
    func aMappingIsDuplicatedThenDeletedAfterAQuestionAndTheFileLoads() throws {
        let session = try TmuxSession()
        defer { session.close() }
        try session.start(size: "80x24")
        try session.waitFor("Destinations")
        session.send("c")
        try session.waitFor("copied as Identify users copy")
        session.send("w")
        try session.waitFor("saved ")
        let file = session.folder + "/backflow.yml"
        let copied = try WorkspaceLoader.load(path: file)
        #expect(copied.mappings[1].name == "Identify users copy")
        #expect(copied.mappings[1].enabled == false)
        session.send("d")
        try session.waitFor("Delete mapping Identify users copy?")
        session.send("y")
        try session.waitFor("Identify users copy deleted")
        session.send("w")
        try session.waitFor("saved ")
        #expect(try WorkspaceLoader.load(path: file).mapping(named: "Identify users copy") == nil)
        session.send("q")
        try session.waitForExit()
    }

    @Test(.enabled(if: tmux != nil, "tmux is not installed: skipping the end-to-end test of backflow edit"))
    func theModelPreviewShowsNullsAndPagesBeyondTheFirstRows() throws {
        let session = try TmuxSession()
        defer { session.close() }
        try session.start(size: "80x24")
        try session.waitFor("Destinations")
        session.send("2")
        try session.waitFor("Rows 1–")
        #expect(session.screen().contains("of 24+"))
        session.send("Enter")
        for _ in 0..<5 { session.send("l") }
        try session.waitFor("NULL")
        session.send("PageDown")
        session.send("PageDown")
        try session.waitFor("of 48+")
        #expect(!session.screen().contains("Rows 1–"))
        session.send("q")
        try session.waitForExit()
    }

    @Test(.enabled(if: tmux != nil, "tmux is not installed: skipping the end-to-end test of backflow edit"))
    func theColonCommandLineCompletesANameSyncsTestsAndQuits() throws {
        let session = try TmuxSession()
        defer { session.close() }
        try session.start(size: "120x30")
        try session.waitFor("Destinations")
        for key in [":", "s", "y", "Tab", "G", "r", "o", "Tab"] { session.send(key) }
        try session.waitFor(":sync Group accounts▏")
        session.send("Enter")
        try session.waitFor("Run history")
        try session.waitFor("Group accounts")
        session.send(":")
        session.send("test usr_00003")
        session.send("Enter")
        try session.waitFor("Message for record usr_00003")
        session.send(":")
        session.send("nope")
        session.send("Enter")
        try session.waitFor("unknown command :nope")
        session.send(":")
        session.send("q")
        session.send("Enter")
        try session.waitForExit()
    }

    @Test(.enabled(if: tmux != nil, "tmux is not installed: skipping the end-to-end test of backflow edit"))
    func undoOfASavedEditAsksNamesItAndCtrlRRedoesIt() throws {
        let session = try TmuxSession()
        defer { session.close() }
        try session.start(size: "120x30")
        try session.waitFor("Destinations")
        session.send("Space")
        try session.waitFor("Identify users disabled")
        session.send("w")
        try session.waitFor("saved ")
        session.send("u")
        try session.waitFor("Undo \"disable Identify users\"? It is saved in the file")
        session.send("y")
        try session.waitFor("undone: disable Identify users")
        #expect(session.screen().contains("[modified]"))
        session.send("C-r")
        try session.waitFor("redone: disable Identify users")
        #expect(!session.screen().contains("[modified]"))
        session.send("q")
        try session.waitForExit()
    }
}

/// A tmux server of its own (its own socket) running `backflow edit` on a demo workspace.
final class TmuxSession {
    let socket = "backflow-tui-\(UUID().uuidString.prefix(8))"
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("backflow-tui-\(UUID().uuidString)").path
        let demo = try run(Self.backflow, ["init", "--demo", folder])
        guard demo.status == 0 else { throw TmuxFailure(message: "backflow init --demo failed: \(demo.output)") }
    }

    static let backflow = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("backflow").path

    func start(size: String) throws {
        try start(size: size, command: "\(Self.backflow) edit -w \(folder)/backflow.yml")
    }

    /// Where `startDemo` has `backflow demo` create its workspace.
    var demoFolder: String { folder + "/demo" }

    /// `backflow demo` on a folder that does not exist yet.
    func startDemo(size: String) throws {
        try start(size: size, command: "\(Self.backflow) demo \(demoFolder)")
    }

    func start(size: String, command: String) throws {
        let parts = size.split(separator: "x").map(String.init)
        let started = try tmux(
            ["new-session", "-d", "-s", "main", "-x", parts[0], "-y", parts[1], command], capturing: false)
        guard started.status == 0 else { throw TmuxFailure(message: "tmux did not start: \(started.output)") }
    }

    func send(_ keys: String) {
        _ = try? tmux(["send-keys", "-t", "main", keys])
    }

    /// Pastes `text` into the pane as a terminal does, bracketed when the program asked for it.
    func paste(_ text: String) {
        _ = try? tmux(["set-buffer", "--", text])
        _ = try? tmux(["paste-buffer", "-p", "-d", "-t", "main"])
    }

    /// Bytes written to the pane as the terminal would write them (a mouse report, say).
    func sendBytes(_ bytes: [UInt8]) {
        _ = try? tmux(["send-keys", "-t", "main", "-H"] + bytes.map { String($0, radix: 16) })
    }

    /// Runs a tmux command on this session's server and returns what it printed.
    func tmuxOutput(_ arguments: [String]) -> String {
        (try? tmux(arguments).output) ?? ""
    }

    func screen() -> String {
        (try? tmux(["capture-pane", "-t", "main", "-p"]).output) ?? ""
    }

    /// Polls the pane until `text` shows, for up to `seconds`.
    func waitFor(_ text: String, seconds: TimeInterval = 10) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if screen().contains(text) { return }
            usleep(50_000)
        }
        throw TmuxFailure(message: "\"\(text)\" never appeared; the screen was:\n\(screen())")
    }

    func waitForExit() throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if (try? tmux(["has-session", "-t", "main"]).status) != 0 { return }
            usleep(50_000)
        }
        throw TmuxFailure(message: "backflow edit did not quit; the screen was:\n\(screen())")
    }

    func close() {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// `capturing: false` for the command that starts the tmux server: the server would inherit
    /// the output pipe and keep it open, so reading to its end would never return.
    private func tmux(_ arguments: [String], capturing: Bool = true) throws -> (status: Int32, output: String) {
        try run(TUITmuxTests.tmux ?? "tmux", ["-L", socket, "-f", "/dev/null"] + arguments, capturing: capturing)
    }

    private func run(_ executable: String, _ arguments: [String], capturing: Bool = true) throws
        -> (status: Int32, output: String)
    {
        guard capturing else { return (try spawnDetached(executable, arguments), "") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = Self.environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    private static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        environment.removeValue(forKey: "TMUX")
        return environment
    }

    /// Runs a command that leaves a daemon behind (the tmux server) and waits for the command
    /// itself. Foundation's `Process` cannot: the daemon inherits the descriptor `Process` watches
    /// for the child's exit, so `waitUntilExit` never returns. `ChildProcess` also starts it with no
    /// signal blocked: a tmux server that inherited this process's blocked SIGTERM ignores
    /// `kill-server`, and a failed test would leave it and its `backflow` running.
    private func spawnDetached(_ executable: String, _ arguments: [String]) throws -> Int32 {
        let child = try ChildProcess.spawn(
            executable, arguments: arguments, environment: Self.environment, input: [], errorPath: "/dev/null")
        var status: Int32 = 0
        while waitpid(child.pid, &status, 0) == -1, errno == EINTR {}
        return status
    }
}

struct TmuxFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

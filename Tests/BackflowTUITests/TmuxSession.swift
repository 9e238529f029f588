@testable import BackflowCore
import Foundation
import Testing

/// A tmux server of its own (its own socket) running `backflow` on a fresh demo workspace, driven
/// as a user would: keys, pastes, mouse reports, and the screen read back.
final class TmuxSession {
    /// tmux, where it is installed; the tests that drive the real binary need it (`.requiresTmux`).
    static let executable = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    let socket = "backflow-tui-\(UUID().uuidString.prefix(8))"
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("backflow-tui-\(UUID().uuidString)").path
        let demo = try run(Self.backflow, ["init", "--demo", folder])
        guard demo.status == 0 else { throw TmuxFailure(message: "backflow init --demo failed: \(demo.output)") }
    }

    static let backflow = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("backflow").path

    /// A session showing `backflow edit` on its demo workspace, once the overview is drawn.
    /// `environment` is given to `env` first: `VAR=value …`, or `-u VAR` to run without one.
    static func editor(size: String, environment: String = "") throws -> TmuxSession {
        let session = try TmuxSession()
        try session.startEditor(size: size, environment: environment)
        return session
    }

    /// Starts `backflow edit` on the workspace (changed beforehand, perhaps) and waits for the
    /// overview; `environment` as in `editor(size:environment:)`.
    func startEditor(size: String, environment: String = "", waitingFor screen: String = "Destinations") throws {
        try start(size: size, command: "env \(environment) \(Self.backflow) edit -w \(folder)/backflow.yml")
        try waitFor(screen)
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

    /// A click (`button` 0) or a wheel step (64 up, 65 down) at `text`'s first place on the screen,
    /// `rowsBelow` it. A click is a press and a release (button 3), as a terminal reports it: curses
    /// reads a second press with no release between as the button still held.
    func mouse(button: Int, on text: String, rowsBelow: Int = 0) throws {
        let (x, y) = try position(of: text)
        sendBytes(Self.mouseReport(button: button, x: x, y: y + rowsBelow))
        if button == 0 { sendBytes(Self.mouseReport(button: 3, x: x, y: y + rowsBelow)) }
    }

    /// An X10 mouse report (`ESC [ M` then button, column and row, each offset by 32, 1-based), as
    /// tmux's `tmux-256color` terminal type says the mouse is reported.
    static func mouseReport(button: Int, x: Int, y: Int) -> [UInt8] {
        [0x1b, 0x5b, 0x4d, UInt8(32 + button), UInt8(33 + x), UInt8(33 + y)]
    }

    /// The column and row where `text` first shows on the screen.
    func position(of text: String) throws -> (x: Int, y: Int) {
        let screen = screen()
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let y = lines.firstIndex(where: { $0.contains(text) }), let found = lines[y].range(of: text) else {
            throw TmuxFailure(message: "\(text) is not on the screen:\n\(screen)")
        }
        return (DisplayWidth.of(lines[y][..<found.lowerBound]), y)
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

    /// `q`, and the program ends.
    func quit() throws {
        send("q")
        try waitForExit()
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
        try run(Self.executable ?? "tmux", ["-L", socket, "-f", "/dev/null"] + arguments, capturing: capturing)
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

extension Trait where Self == ConditionTrait {
    /// Tests that drive the real binary in tmux run where tmux is installed.
    static var requiresTmux: Self {
        .enabled(if: TmuxSession.executable != nil, "tmux is not installed: skipping the end-to-end test")
    }
}

/// Loopback TCP ports for receivers the tests start.
enum LoopbackPort {
    /// A port nobody listens on right now (the system picks it).
    static func free() throws -> Int {
        guard let port = bind(0) else { throw TmuxFailure(message: "no free loopback port") }
        return port
    }

    /// Whether `port` can be listened on now (nothing else holds it).
    static func isFree(_ port: Int) -> Bool { bind(port) != nil }

    /// Binds a socket to 127.0.0.1:`port` and closes it again; the port it got, or nil.
    private static func bind(_ port: Int) -> Int? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                Foundation.bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : nil
    }
}

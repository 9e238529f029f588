import BackflowCore
import Foundation
import Testing

@testable import BackflowTUI

/// Drives the real `backflow edit` in tmux through runs, quitting during a sync, and a file edited
/// outside the editor, against a real receiver that refuses some requests.
@Suite("TUI in tmux: runs and the workspace file", .serialized)
struct TUITmuxRunTests {
    static let writeKeys = "BACKFLOW_DEMO_WRITE_KEY=any BACKFLOW_DEMO_PROFILES_WRITE_KEY=any"

    /// Points the demo's destinations at a receiver on `port`, run in a tmux session of its own with
    /// `faults` (the `backflow sink` options), once the editor's session has started the server.
    private func startReceiver(_ session: TmuxSession, port: Int, faults: String) throws {
        _ = session.tmuxOutput([
            "new-session", "-d", "-s", "sink", "\(TmuxSession.backflow) sink --port \(port) --quiet \(faults)",
        ])
        let deadline = Date().addingTimeInterval(10)
        while !session.tmuxOutput(["capture-pane", "-t", "sink", "-p"]).contains("listening") {
            guard Date() < deadline else { throw TmuxFailure(message: "the receiver did not start") }
            usleep(50_000)
        }
    }

    private func useReceiver(on port: Int, in session: TmuxSession) throws {
        let path = session.folder + "/backflow.yml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "127.0.0.1:8710", with: "127.0.0.1:\(port)")
            .write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test(.requiresTmux)
    func aRunIsReadByItsHeaderAndFailureGroupsWithTheRetriesItMet() throws {
        let session = try TmuxSession()
        defer { session.close() }
        let port = try LoopbackPort.free()
        try useReceiver(on: port, in: session)
        try session.startEditor(size: "120x36", environment: Self.writeKeys)
        try startReceiver(session, port: port, faults: "--fail-rate 0.5 --fail-status 503 --seed 4")
        session.send("4")
        try session.waitFor("Run history")
        session.send("j")
        session.send("s")
        try session.waitFor("sync finished", seconds: 60)
        #expect(session.screen().contains("503 ×"), "\(session.screen())")
        session.send("o")
        session.send("Enter")
        try session.waitFor("Track orders  partial  started ")
        var screen = session.screen()
        #expect(screen.contains("sent 3,498  failed 2"))
        #expect(screen.contains("▸ 1 × Either `Anonymous ID` or `User ID` must be defined."))
        #expect(screen.contains("▸ 1 × The message is 40501 bytes"))
        session.send("Enter")
        try session.waitFor("▾ 1 × ")
        screen = session.screen()
        #expect(screen.contains("    ord_bad_0"))
        session.send("1")
        try session.waitFor("partial just now")
        try session.quit()
    }

    @Test(.requiresTmux)
    func quittingDuringASyncAsksToWaitStopOrKeepItRunning() throws {
        let session = try TmuxSession()
        defer { session.close() }
        let port = try LoopbackPort.free()
        try useReceiver(on: port, in: session)
        try session.startEditor(size: "120x36", environment: Self.writeKeys)
        // Each request takes seconds: the sync is still running when the keys below arrive.
        try startReceiver(session, port: port, faults: "--slow-ms 4000")
        session.send("4")
        try session.waitFor("Run history")
        session.send("S")
        let deadline = Date().addingTimeInterval(10)
        while !["extracting", "loading"].contains(where: session.screen().contains), Date() < deadline { usleep(50_000) }
        session.send("q")
        try session.waitFor("w wait for it to end and quit, s stop it cleanly and quit")
        session.send("x")
        try session.waitFor("the sync keeps running")
        #expect(session.screen().contains("Sync running"))
        session.send("q")
        try session.waitFor("w wait for it to end and quit")
        session.send("s")
        try session.waitForExit()
        let workspace = try WorkspaceSession.open(path: session.folder + "/backflow.yml")
        let history = try WorkspaceRunLog(session: workspace).runs(mapping: nil, limit: 100)
        // Stopped cleanly: the sync went no further and left no run running. The run under way when the
        // key arrived reads as interrupted, unless the key came between two mappings' runs.
        let described = history.map { "\($0.mapping) \($0.statusText) \($0.error ?? "")" }
        #expect(history.count < workspace.workspace.mappings.filter(\.enabled).count, "\(described)")
        #expect(!history.contains { $0.status == .running && !$0.interrupted }, "\(described)")
    }

    @Test(.requiresTmux)
    func anOutsideEditIsOfferedAsReloadOrDiffAndASaveWritesNothingUntilAsked() throws {
        let session = try TmuxSession()
        defer { session.close() }
        let path = session.folder + "/backflow.yml"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        try session.startEditor(size: "120x36", environment: "PAGER=less " + Self.writeKeys)
        session.send("Space")
        session.send("w")
        try session.waitFor("saved ")
        let diff = LineDiff.unified(
            old: original, new: try String(contentsOfFile: path, encoding: .utf8), oldName: "a", newName: "b")
        let added = diff.split(separator: "\n").dropFirst(2).filter { $0.hasPrefix("+") }
        #expect(added == ["+    enabled: false"], "the first save wrote more than the one setting:\n\(diff)")

        try (String(contentsOfFile: path, encoding: .utf8) + "# edited elsewhere\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let outside = try String(contentsOfFile: path, encoding: .utf8)
        session.send("Space")
        try session.waitFor("The file changed outside the editor: r reload it, d show the diff")
        session.send("d")
        try session.waitFor("+++ backflow.yml (the editor's version)")
        session.send("q")
        try session.waitFor("r reload it, d show the diff")
        session.send("x")
        try session.waitFor("kept your version")
        session.send("w")
        try session.waitFor("o overwrite it with yours")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == outside)
        session.send("r")
        try session.waitFor("reloaded ")
        #expect(!session.screen().contains("[modified]"))
        try session.quit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == outside)
    }
}

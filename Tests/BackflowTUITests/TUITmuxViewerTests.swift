import BackflowCore
import Foundation
import Testing

/// The payload viewer, the filters, the command line, the mouse and job control, driven in the real
/// `backflow edit` through tmux.
@Suite("TUI in tmux: viewer, mouse and keys", .serialized)
struct TUITmuxViewerTests {
    static let tmux = TUITmuxTests.tmux

    @Test(.enabled(if: tmux != nil, "tmux is not installed: skipping the end-to-end test of backflow edit"))
    func yCopiesTheMessageThroughOSC52IntoTmuxsClipboard() throws {
        let session = try TmuxSession()
        defer { session.close() }
        try session.start(size: "120x30")
        _ = session.tmuxOutput(["set-option", "-g", "set-clipboard", "on"])
        try session.waitFor("Destinations")
        session.send("3")
        try session.waitFor("Message for record usr_00001")
        session.send("o")
        session.send("y")
        try session.waitFor("copied the payload")
        let copied = session.tmuxOutput(["show-buffer"])
        let message = try JSONReader.parse(copied).objectValue
        #expect(message?["userId"] == .string("usr_00001"))
        #expect(copied.contains("\n  \"userId\": \"usr_00001\","))
        session.send("q")
        try session.waitForExit()
    }

    @Test(.enabled(if: tmux != nil, "tmux is not installed: skipping the end-to-end test of backflow edit"))
    func slashAndColonWorkOnEveryScreen() throws {
        let session = try TmuxSession()
        defer { session.close() }
        try session.start(size: "120x30")
        try session.waitFor("Destinations")
        for (key, filter) in [("1", "Filter: "), ("2", "Filter columns: "), ("3", "Filter: "), ("4", "Filter: ")] {
            session.send(key)
            session.send("/")
            try session.waitFor(filter + "▏")
            session.send("Escape")
            session.send(":")
            session.send("help")
            session.send("Enter")
            try session.waitFor("Everywhere")
            session.send("Escape")
            try session.waitFor(" 1 Overview ")
        }
        session.send("1")
        session.send("/")
        session.send("grou")
        try session.waitFor("Mappings matching \"grou\"")
        #expect(!session.screen().contains("Track orders"))
        session.send("Enter")
        session.send("3")
        try session.waitFor("Message for record")
        session.send("o")
        session.send("/")
        session.send("userid")
        session.send("Enter")
        try session.waitFor("match 1 of")
        session.send("q")
        try session.waitForExit()
    }

    @Test(.enabled(if: tmux != nil, "tmux is not installed: skipping the end-to-end test of backflow edit"))
    func aClickSelectsARowAndTheWheelScrollsTheMessage() throws {
        let session = try TmuxSession()
        defer { session.close() }
        try session.start(size: "120x30")
        try session.waitFor("Destinations")
        let (x, y) = try position(of: "Page views", in: session.screen())
        session.sendBytes(Self.mouseReport(button: 0, x: x, y: y))
        try session.waitFor("Page views: last run")
        session.send("3")
        try session.waitFor("Message for record")
        let (messageX, messageY) = try position(of: "Message for record", in: session.screen())
        try session.waitFor(" 1–")
        session.sendBytes(Self.mouseReport(button: 65, x: messageX, y: messageY + 3))
        try session.waitFor(" 4–")
        #expect(session.screen().contains("n next  W wrap"))
        session.send("q")
        try session.waitForExit()
    }

    @Test(.enabled(if: tmux != nil, "tmux is not installed: skipping the end-to-end test of backflow edit"))
    func ctrlZSuspendsToTheShellAndFgBringsTheScreenBack() throws {
        let session = try TmuxSession()
        defer { session.close() }
        try session.start(size: "100x30", command: "env PS1='SHELL> ' bash --norc --noprofile -i")
        session.send("\(TmuxSession.backflow) edit -w \(session.folder)/backflow.yml")
        session.send("Enter")
        try session.waitFor("Destinations")
        session.send("C-z")
        try session.waitFor("Stopped")
        #expect(!session.screen().contains("Destinations"))
        session.send("fg")
        session.send("Enter")
        try session.waitFor("Destinations")
        session.send("q")
        try session.waitFor("SHELL> fg")
        session.send("echo AFTER=$?")
        session.send("Enter")
        try session.waitFor("AFTER=0")
    }

    @Test(.enabled(if: tmux != nil, "tmux is not installed: skipping the end-to-end test of backflow edit"))
    func vOpensTheMessageInThePagerAndQuittingItComesBack() throws {
        let session = try TmuxSession()
        defer { session.close() }
        try session.start(
            size: "100x30", command: "env PAGER=less \(TmuxSession.backflow) edit -w \(session.folder)/backflow.yml")
        try session.waitFor("Destinations")
        session.send("3")
        try session.waitFor("Message for record usr_00001")
        session.send("o")
        session.send("v")
        try session.waitFor("backflow-payload-")
        #expect(session.screen().hasPrefix("{\n  \"userId\": \"usr_00001\""))
        session.send("q")
        try session.waitFor("Message for record usr_00001")
        session.send("q")
        try session.waitForExit()
    }

    /// An X10 mouse report (`ESC [ M` then button, column and row, each offset by 32, 1-based), as
    /// tmux's `tmux-256color` terminal type says the mouse is reported.
    static func mouseReport(button: Int, x: Int, y: Int) -> [UInt8] {
        [0x1b, 0x5b, 0x4d, UInt8(32 + button), UInt8(33 + x), UInt8(33 + y)]
    }

    /// The column and row where `text` first shows on `screen`.
    private func position(of text: String, in screen: String) throws -> (Int, Int) {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let y = try #require(lines.firstIndex { $0.contains(text) }, "\(text) is not on the screen:\n\(screen)")
        let line = lines[y]
        return (DisplayWidth.of(line[..<line.range(of: text)!.lowerBound]), y)
    }
}

import BackflowCore
import Foundation
import Testing

/// The payload viewer, the filters, the command line, the mouse and job control, driven in the real
/// `backflow edit` through tmux.
@Suite("TUI in tmux: viewer, mouse and keys", .serialized)
struct TUITmuxViewerTests {

    @Test(.requiresTmux)
    func yCopiesTheMessageThroughOSC52IntoTmuxsClipboard() throws {
        let session = try TmuxSession.editor(size: "120x30")
        defer { session.close() }
        _ = session.tmuxOutput(["set-option", "-g", "set-clipboard", "on"])
        session.send("3")
        try session.waitFor("Message for record usr_00001")
        session.send("o")
        session.send("y")
        try session.waitFor("copied the payload")
        let copied = session.tmuxOutput(["show-buffer"])
        let message = try JSONReader.parse(copied).objectValue
        #expect(message?["userId"] == .string("usr_00001"))
        #expect(copied.contains("\n  \"userId\": \"usr_00001\","))
        try session.quit()
    }

    @Test(.requiresTmux)
    func slashAndColonWorkOnEveryScreen() throws {
        let session = try TmuxSession.editor(size: "120x30")
        defer { session.close() }
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
        try session.quit()
    }

    @Test(.requiresTmux)
    func aClickSelectsARowAndTheWheelScrollsTheMessage() throws {
        let session = try TmuxSession.editor(size: "120x30")
        defer { session.close() }
        try session.mouse(button: 0, on: "Page views")
        try session.waitFor("Page views: last run")
        session.send("3")
        try session.waitFor("Message for record")
        try session.waitFor(" 1–")
        try session.mouse(button: 65, on: "Message for record", rowsBelow: 3)
        try session.waitFor(" 4–")
        #expect(session.screen().contains("n next  W wrap"))
        try session.quit()
    }

    @Test(.requiresTmux)
    func clicksOpenAFormRowAndChooseInItsList() throws {
        let session = try TmuxSession.editor(size: "120x30")
        defer { session.close() }
        session.send("e")
        try session.waitFor("Edit mapping: Identify users")
        try session.mouse(button: 0, on: "records ")
        try session.waitFor("Which changes are sent")
        try session.mouse(button: 0, on: "records ")
        try session.waitFor("Choose the records")
        try session.mouse(button: 0, on: "deleted")
        try session.mouse(button: 0, on: "deleted")
        try session.waitFor("records      deleted")
        session.send("Escape")
        try session.waitFor("Drop your changes to Identify users?")
        session.send("y")
        try session.quit()
    }

    @Test(.requiresTmux)
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

    @Test(.requiresTmux)
    func vOpensTheMessageInThePagerAndQuittingItComesBack() throws {
        let session = try TmuxSession()
        defer { session.close() }
        try session.startEditor(size: "100x30", environment: "PAGER=less")
        session.send("3")
        try session.waitFor("Message for record usr_00001")
        session.send("o")
        session.send("v")
        try session.waitFor("backflow-payload-")
        #expect(session.screen().hasPrefix("{\n  \"userId\": \"usr_00001\""))
        session.send("q")
        try session.waitFor("Message for record usr_00001")
        try session.quit()
    }
}

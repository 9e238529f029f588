@testable import BackflowCore
import Foundation
import Testing

/// Drives the real `backflow edit` in tmux as a user would, on a fresh demo workspace.
@Suite("TUI in tmux", .serialized)
struct TUITmuxTests {
    @Test(.requiresTmux)
    func editorOpensMovesBetweenScreensAndQuits() throws {
        let session = try TmuxSession.editor(size: "100x30")
        defer { session.close() }
        #expect(session.screen().contains("Identify users"))
        session.send("2")
        try session.waitFor("Columns (")
        #expect(session.screen().contains("Rows 1–"))
        session.send("3")
        try session.waitFor("Message for record usr_00001")
        #expect(session.screen().contains("✓ valid"))
        try session.quit()
    }

    @Test(.requiresTmux)
    func aSyncWithoutItsWriteKeyShowsFailedWithTheCodeNotFinished() throws {
        let session = try TmuxSession()
        defer { session.close() }
        let variable = DemoWorkspaceFile.connectionsWriteKeyVariable
        try session.startEditor(size: "100x30", environment: "-u \(variable)")
        session.send("4")
        try session.waitFor("Run history")
        session.send("s")
        try session.waitFor("failed [no_write_key]")
        let screen = session.screen()
        #expect(screen.contains("Identify users  failed"))
        #expect(!screen.contains("finished"))
        #expect(screen.contains(variable))
        try session.quit()
    }

    @Test(.requiresTmux)
    func promptsEditAsAShellLineTakeAPasteWholeAndListsAnswerEnd() throws {
        let session = try TmuxSession.editor(size: "120x30")
        defer { session.close() }
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
        try session.quit()
    }

    @Test(.requiresTmux)
    func aMappingIsDuplicatedThenDeletedAfterAQuestionAndTheFileLoads() throws {
        let session = try TmuxSession.editor(size: "80x24")
        defer { session.close() }
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
        try session.quit()
    }

    @Test(.requiresTmux)
    func theModelPreviewShowsNullsAndPagesBeyondTheFirstRows() throws {
        let session = try TmuxSession.editor(size: "80x24")
        defer { session.close() }
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
        try session.quit()
    }

    @Test(.requiresTmux)
    func theColonCommandLineCompletesANameSyncsTestsAndQuits() throws {
        let session = try TmuxSession.editor(size: "120x30")
        defer { session.close() }
        for key in [":", "s", "y", "Tab", "G", "r", "o", "Tab"] { session.send(key) }
        try session.waitFor(":sync Group accounts▏")
        session.send("Enter")
        try session.waitFor("Run history")
        try session.waitFor("Group accounts")
        // The batch's end leaves a notice of its own: wait for it, so it cannot replace the one below.
        try session.waitFor("Last sync")
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

    @Test(.requiresTmux)
    func undoOfASavedEditAsksNamesItAndCtrlRRedoesIt() throws {
        let session = try TmuxSession.editor(size: "120x30")
        defer { session.close() }
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
        try session.quit()
    }

    @Test(.requiresTmux)
    func typingFiltersAFormsListAndSlashFiltersTheDestinations() throws {
        let session = try TmuxSession.editor(size: "100x30")
        defer { session.close() }
        session.send("e")
        try session.waitFor("Edit mapping: Identify users")
        session.send("A")
        try session.waitFor("Choose the action")
        for key in ["t", "r", "a", "c"] { session.send(key) }
        try session.waitFor("/trac▏ (1 of 5)")
        #expect(!session.screen().contains("(sendGroup)"))
        session.send("Escape")
        try session.waitFor("(sendGroup)")
        session.send("Escape")
        try session.waitFor("Enter set")
        session.send("Escape")
        try session.waitFor("Destinations")
        for key in ["o", "/", "p", "r", "o"] { session.send(key) }
        session.send("Enter")
        try session.waitFor("Destinations matching \"pro\"")
        #expect(session.screen().contains("actions-segment-profiles"))
        #expect(!session.screen().contains("us-west-2"))
        try session.quit()
    }
}

import BackflowCore
import Foundation
import Testing

/// The problems pane and the mapping form, driven in the real `backflow edit` through tmux.
@Suite("TUI forms in tmux", .serialized)
struct TUIFormsTmuxTests {
    private var file: (TmuxSession) -> String { { $0.folder + "/backflow.yml" } }

    @Test(.requiresTmux)
    func aBrokenWorkspaceOpensOnItsProblemsAndIsFixedInThePane() throws {
        let session = try TmuxSession()
        defer { session.close() }
        let path = file(session)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let field = try #require(text.range(of: "user_id: {\"@path\": \"$.properties.user_id\"}"))
        try text.replacingCharacters(in: field, with: "user_id: {\"@path\": true}")
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: WorkspaceLoadError.self) { _ = try WorkspaceSession.open(path: path) }
        try session.startEditor(size: "100x30", waitingFor: "Problems (")
        #expect(session.screen().contains("should be a string or a mapping directive"))
        session.send("Enter")
        try session.waitFor("Edit mapping: ")
        try session.waitFor("› ")
        for key in ["Enter", "Enter"] { session.send(key) }
        try session.waitFor("Column for user_id")
        session.send("Enter")
        session.send("w")
        try session.waitFor("saved ")
        let repaired = try WorkspaceSession.open(path: path).workspace
        #expect(repaired.mappings[0].fields["user_id"] == .object(["@path": .string("$.properties.user_id")]))
        #expect(!session.screen().contains("problem"))
        session.send("Escape")
        try session.quit()
    }

    @Test(.requiresTmux)
    func aSettingOfAnExistingMappingChangesInThreeKeysAfterE() throws {
        let session = try TmuxSession.editor(size: "120x30")
        defer { session.close() }
        for key in ["e", "R", "j", "Enter"] { session.send(key) }
        try session.waitFor("records      deleted")
        session.send("w")
        try session.waitFor("saved ")
        #expect(try WorkspaceSession.open(path: file(session)).workspace.mappings[0].records == .deleted)
        session.send("Escape")
        try session.quit()
    }

    @Test(.requiresTmux)
    func changingTheActionAndSayingNoKeepsEveryField() throws {
        let session = try TmuxSession()
        defer { session.close() }
        let before = try WorkspaceSession.open(path: file(session)).workspace.mappings[0]
        try session.startEditor(size: "120x30")
        for key in ["e", "A", "j", "Enter"] { session.send(key) }
        try session.waitFor("Change the action to")
        session.send("n")
        try session.waitFor("kept sendIdentify and its fields")
        let screen = session.screen()
        #expect(screen.contains("Send Identify (sendIdentify)"))
        #expect(screen.contains("column user_id"))
        session.send("Escape")
        try session.waitFor("Destinations")
        try session.quit()
        #expect(try WorkspaceSession.open(path: file(session)).workspace.mappings[0] == before)
    }

    @Test(.requiresTmux)
    func aCronScheduleIsSetInTheFormAndSaved() throws {
        let session = try TmuxSession.editor(size: "120x30")
        defer { session.close() }
        for key in ["e", "S", "End", "Enter"] { session.send(key) }
        try session.waitFor("Cron, then the time zone")
        session.send("C-u")
        session.send("0 9 * * 1-5 Europe/Berlin")
        session.send("Enter")
        try session.waitFor("cron 0 9 * * 1-5 (Europe/Berlin)")
        session.send("w")
        try session.waitFor("saved ")
        let schedule = try WorkspaceSession.open(path: file(session)).workspace.mappings[0].schedule
        #expect(schedule.label == "cron 0 9 * * 1-5 (Europe/Berlin)")
        session.send("Escape")
        try session.quit()
    }
}

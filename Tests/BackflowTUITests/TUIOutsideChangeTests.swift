import Foundation
import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// The workspace file is watched: a change made outside the editor is offered as a reload or a
/// diff before anything overwrites it, and a save that finds one writes nothing until asked to.
@Suite("TUI outside changes to the workspace file")
struct TUIOutsideChangeTests {
    /// A copy of the fixture workspace in a folder of its own, and a runner on it.
    final class FileCopy {
        let folder: URL
        let path: String
        let runner: EffectRunner

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("backflow-watch-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            path = folder.appendingPathComponent("backflow.yml").path
            try FileManager.default.copyItem(atPath: TUIFixture.workspacePath, toPath: path)
            runner = EffectRunner(
                session: WorkspaceSession(workspace: try WorkspaceLoader.load(path: path), path: path, environment: [:]),
                mailbox: Mailbox(), environment: [:])
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        var text: String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

        /// Another program's edit: a comment added at the end.
        func editOutside() throws {
            try (text + "# added by another editor\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    private func disabledFirstMapping() throws -> Workspace {
        var workspace = try TUIFixture.workspace()
        workspace.mappings[0].enabled = false
        return workspace
    }

    @Test func aSaveFindsAnOutsideChangeAndWritesNothing() throws {
        let file = try FileCopy()
        try file.editOutside()
        let before = file.text
        let events = file.runner.perform(.save(try disabledFirstMapping()))
        guard case .fileChangedOutside(whileSaving: true) = events.first else {
            Issue.record("expected the outside change, got \(events)")
            return
        }
        #expect(file.text == before)
        guard case .saved = file.runner.perform(.save(try disabledFirstMapping(), overwritingOutsideChanges: true)).first
        else {
            Issue.record("overwriting should save")
            return
        }
        #expect(file.text.contains("# added by another editor"))
        #expect(try WorkspaceLoader.load(path: file.path).mappings[0].enabled == false)
    }

    @Test func theWatchTellsAnOutsideChangeOnceAndNotTheEditorsOwnSaves() throws {
        let file = try FileCopy()
        #expect(file.runner.perform(.checkWorkspaceFile).isEmpty)
        guard case .saved = file.runner.perform(.save(try disabledFirstMapping())).first else {
            Issue.record("the first save should write")
            return
        }
        #expect(file.runner.perform(.checkWorkspaceFile).isEmpty)
        try file.editOutside()
        guard case .fileChangedOutside(whileSaving: false) = file.runner.perform(.checkWorkspaceFile).first else {
            Issue.record("the watch should tell the outside change")
            return
        }
        #expect(file.runner.perform(.checkWorkspaceFile).isEmpty)
    }

    @Test func reloadReadsTheFileAgainAndTheDiffShowsBothVersions() throws {
        let file = try FileCopy()
        try file.editOutside()
        guard case .fileDiff(let diff) = file.runner.perform(.diffWorkspaceFile(try disabledFirstMapping())).first else {
            Issue.record("expected a diff")
            return
        }
        #expect(diff.contains("+++ backflow.yml (the editor's version)"))
        #expect(diff.contains("\n+    enabled: false"))
        #expect(!diff.contains("-# added by another editor"))
        guard case .reloaded(let loaded) = file.runner.perform(.reloadWorkspace).first else {
            Issue.record("expected the reloaded workspace")
            return
        }
        #expect(loaded == (try WorkspaceLoader.load(path: file.path)))
        #expect(file.runner.perform(.checkWorkspaceFile).isEmpty)
        guard case .saved = file.runner.perform(.save(try disabledFirstMapping())).first else {
            Issue.record("after a reload the file is the editor's again")
            return
        }
    }

    @Test func everyClockTickLooksAtTheFile() throws {
        var state = try TUIFixture.state()
        #expect(state.update(.clockTicked(TUIFixture.runStart)) == [.checkWorkspaceFile])
    }

    @Test func theWatchAsksReloadOrDiffAndDiffAsksAgainAfterThePager() throws {
        var state = try TUIFixture.state()
        _ = state.update(.fileChangedOutside(whileSaving: false))
        #expect(state.confirmation == .fileChangedOutside(whileSaving: false))
        #expect(state.notice?.text.contains("r reload it, d show the diff, any other key keeps both") == true)
        #expect(state.update(.key(.character("d"))) == [.diffWorkspaceFile(state.workspace)])
        #expect(state.update(.fileDiff("--- a\n+++ b\n")) == [.terminal(.page("--- a\n+++ b\n"))])
        #expect(state.confirmation == .fileChangedOutside(whileSaving: false))
        #expect(state.update(.key(.character("r"))) == [.reloadWorkspace])
    }

    @Test func aSaveThatFoundAChangeOffersToOverwriteAndAnyOtherKeyKeepsTheFile() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character(" ")))
        _ = state.update(.key(.character("q")))
        #expect(state.update(.key(.character("s"))) == [.save(state.workspace)])
        _ = state.update(.fileChangedOutside(whileSaving: true))
        #expect(state.notice?.text.contains("nothing was written") == true)
        #expect(state.update(.key(.character("o"))) == [.save(state.workspace, overwritingOutsideChanges: true)])
        _ = state.update(.fileChangedOutside(whileSaving: true))
        #expect(state.update(.key(.escape)).isEmpty)
        #expect(!state.quitAfterSave)
        _ = state.update(.saved(state.workspace))
        #expect(!state.shouldQuit)
    }

    @Test func aReloadIsAnEditThatUndoTakesBack() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character(" ")))
        let mine = state.workspace
        let outside = try TUIFixture.workspace()
        _ = state.update(.reloaded(outside))
        #expect(state.workspace == outside && !state.hasUnsavedChanges)
        _ = state.update(.key(.character("u")))
        _ = state.update(.key(.character("y")))
        #expect(state.workspace == mine)
    }

    @Test func aChangeFoundWhileAnotherQuestionIsOpenIsToldWithoutTakingItsPlace() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("4")))
        _ = state.update(.key(.character("R")))
        let question = state.confirmation
        _ = state.update(.fileChangedOutside(whileSaving: false))
        #expect(state.confirmation == question)
        #expect(state.notice?.text.hasPrefix("The file changed outside the editor") == true)
    }
}

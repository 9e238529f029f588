import Foundation
import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// Deleting (after a question) and duplicating mappings on the overview.
@Suite("TUI delete and duplicate mappings")
struct TUIDeleteDuplicateTests {
    private func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        keys.flatMap { state.update(.key($0)) }
    }

    @Test func dAsksBeforeDeletingAndChangesNothingYet() throws {
        var state = try TUIFixture.state()
        let effects = press([.down, .character("d")], on: &state)
        #expect(effects.isEmpty)
        #expect(state.confirmation == .deleteMapping("Track orders"))
        #expect(state.notice?.text.hasPrefix("Delete mapping Track orders?") == true)
        #expect(state.workspace.mappings.count == 3)
    }

    @Test func yAtTheQuestionDeletesTheMappingInMemory() throws {
        var state = try TUIFixture.state()
        let effects = press([.down, .character("d"), .character("y")], on: &state)
        #expect(state.workspace.mappings.map(\.name) == ["Identify users", "Archive users"])
        #expect(effects == [.useWorkspace(state.workspace)])
        #expect(state.hasUnsavedChanges)
        #expect(state.notice?.text == "Track orders deleted (u undoes, w saves)")
    }

    @Test func anyOtherKeyAtTheQuestionKeepsTheMapping() throws {
        var state = try TUIFixture.state()
        _ = press([.down, .character("d"), .character("n")], on: &state)
        #expect(state.workspace.mappings.count == 3)
        #expect(state.confirmation == nil)
        #expect(!state.hasUnsavedChanges)
    }

    @Test func deletingTheLastMappingKeepsTheSelectionInTheList() throws {
        var state = try TUIFixture.state()
        _ = press([.end, .character("d"), .character("y")], on: &state)
        #expect(state.overview.selectedMapping == 1)
    }

    @Test func uBringsADeletedMappingBack() throws {
        var state = try TUIFixture.state()
        _ = press([.character("d"), .character("y"), .character("u")], on: &state)
        #expect(state.workspace.mappings.map(\.name) == ["Identify users", "Track orders", "Archive users"])
    }

    @Test func aMappingBeingSyncedIsNotDeleted() throws {
        var state = try TUIFixture.state()
        _ = press([.character("4"), .character("s"), .character("1"), .character("d")], on: &state)
        #expect(state.confirmation == nil)
        #expect(state.notice?.text == "Identify users is syncing: delete it once the sync has finished")
    }

    @Test func cAddsATurnedOffCopyAfterTheOriginalWithANewIdentity() throws {
        var state = try TUIFixture.state()
        _ = press([.character("c")], on: &state)
        let original = state.workspace.mappings[0], copy = state.workspace.mappings[1]
        #expect(copy.name == "Identify users copy")
        #expect(copy.id != nil && copy.id != original.id && copy.id != original.name)
        #expect(!copy.enabled)
        #expect(copy.fields == original.fields)
        #expect(copy.action == original.action && copy.model == original.model)
        #expect(state.overview.selectedMapping == 1)
    }

    @Test func aSecondCopyIsNumbered() throws {
        var state = try TUIFixture.state()
        _ = press([.character("c"), .character("k"), .character("c")], on: &state)
        #expect(state.workspace.mappings.prefix(3).map(\.name)
            == ["Identify users", "Identify users copy 2", "Identify users copy"])
    }

    @Test func deletedAndDuplicatedMappingsAreSavedToAFileThatLoadsAgain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tui-delete-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("backflow.yml").path
        let original = try String(contentsOfFile: TUIFixture.workspacePath, encoding: .utf8)
        try original.write(toFile: path, atomically: true, encoding: .utf8)
        var state = try TUIFixture.state()
        _ = press([.character("c"), .down, .down, .character("d"), .character("y")], on: &state)
        try WorkspaceWriter.save(state.workspace, to: path, preservingFrom: original)
        let loaded = try WorkspaceLoader.load(path: path)
        #expect(loaded.mappings.map(\.name) == ["Identify users", "Identify users copy", "Track orders"])
        #expect(loaded.mappings[1].id == state.workspace.mappings[1].id)
        #expect(loaded.mappings[1].enabled == false)
        #expect(loaded == state.workspace)
    }
}

import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// What a sync on the Syncs screen acts on, and how it treats edits that are not saved yet.
@Suite("TUI sync requests")
struct TUISyncRequestTests {
    private func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        keys.flatMap { state.update(.key($0)) }
    }

    /// The Syncs screen with a run of Track orders in the history, the runs list focused and the
    /// left-hand list still on Identify users.
    private func runsFocused() throws -> AppState {
        var state = try TUIFixture.state()
        _ = press([.character("4")], on: &state)
        let run = TUIFixture.run(id: 2, mapping: "Track orders", status: .partial, added: 3, delivered: 2, failed: 1)
        _ = state.update(.historyLoaded(runs: [run], lastRuns: ["Track orders": run]))
        _ = press([.character("o")], on: &state)
        return state
    }

    @Test func sOnTheRunsListSyncsTheSelectedRunsMapping() throws {
        var state = try runsFocused()
        #expect(press([.character("s")], on: &state) == [.startSync(mappings: ["Track orders"])])
    }

    @Test func resetOnTheRunsListResetsTheSelectedRunsMapping() throws {
        var state = try runsFocused()
        _ = press([.character("R")], on: &state)
        #expect(state.confirmation == .reset(mapping: "Track orders"))
        #expect(press([.character("y")], on: &state) == [.resetAndSync(mapping: "Track orders")])
    }

    @Test func sOnTheMappingsListStillSyncsTheSelectedMapping() throws {
        var state = try runsFocused()
        _ = press([.character("o")], on: &state)
        #expect(press([.character("s")], on: &state) == [.startSync(mappings: ["Identify users"])])
    }

    /// The fixture with Archive users switched on in memory only, on the Syncs screen.
    private func withUnsavedEdit() throws -> AppState {
        var state = try TUIFixture.state()
        _ = press([.character("j"), .character("j"), .character(" "), .character("4")], on: &state)
        #expect(state.hasUnsavedChanges)
        return state
    }

    @Test func syncingWithUnsavedEditsAsksFirstAndStartsNothing() throws {
        var state = try withUnsavedEdit()
        #expect(press([.character("s")], on: &state).isEmpty)
        #expect(state.confirmation == .syncWithUnsavedEdits(.sync(["Identify users"])))
        #expect(state.notice?.text.hasPrefix("Sync with unsaved edits? The sync uses the saved file.") == true)
        #expect(!state.syncs.isSyncing)
    }

    @Test func yesSyncsTheSavedFileAndKeepsTheEditsInMemory() throws {
        var state = try withUnsavedEdit()
        let edited = state.workspace
        let effects = press([.character("s"), .character("y")], on: &state)
        #expect(effects == [
            .useWorkspace(state.savedWorkspace), .startSync(mappings: ["Identify users"]), .useWorkspace(edited),
        ])
        #expect(state.workspace == edited && state.hasUnsavedChanges)
        #expect(state.syncs.isSyncing)
    }

    @Test func sSavesFirstAndSyncsOnceTheFileIsWritten() throws {
        var state = try withUnsavedEdit()
        let edited = state.workspace
        #expect(press([.character("s"), .character("s")], on: &state) == [.save(edited)])
        #expect(!state.syncs.isSyncing)
        #expect(state.update(.saved(edited)) == [.startSync(mappings: ["Identify users"])])
        #expect(state.syncs.isSyncing && !state.hasUnsavedChanges)
    }

    @Test func aFailedSaveStartsNoSyncAndSaysSo() throws {
        var state = try withUnsavedEdit()
        _ = press([.character("s"), .character("s")], on: &state)
        #expect(state.update(.saveFailed("cannot write workspace.yml: read-only file system")).isEmpty)
        #expect(!state.syncs.isSyncing && state.syncAfterSave == nil)
        #expect(state.notice?.text.hasSuffix("nothing was synced") == true)
    }

    @Test func anyOtherKeyCancelsTheSync() throws {
        var state = try withUnsavedEdit()
        #expect(press([.character("s"), .character("n")], on: &state).isEmpty)
        #expect(state.confirmation == nil && !state.syncs.isSyncing)
    }
}

extension TUISyncRequestTests {
    @Test func aMappingThatIsNotInTheSavedFileIsNotSyncedFromIt() throws {
        var state = try TUIFixture.state()
        var edited = state.workspace
        edited.mappings[0] = edited.mappings[0].renamed(to: "Identify everyone")
        _ = state.applyEdit(edited, label: "edit")
        _ = press([.character("4"), .character("s"), .character("y")], on: &state)
        #expect(!state.syncs.isSyncing)
        #expect(state.notice == Notice("Identify everyone is not in the saved file yet: w saves it, then sync", role: .warning))
    }
}

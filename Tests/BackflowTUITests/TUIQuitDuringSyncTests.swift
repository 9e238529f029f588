import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// Quitting while a sync runs stops the sync first, so that its run keeps what it delivered.
@Suite("TUI quit during a sync")
struct TUIQuitDuringSyncTests {
    private func syncing() throws -> AppState {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("4")))
        _ = state.update(.key(.character("R")))
        _ = state.update(.key(.character("y")))
        return state
    }

    @Test func quittingWhileASyncRunsAsksFirst() throws {
        var state = try syncing()
        #expect(state.update(.key(.character("q"))).isEmpty)
        #expect(state.confirmation == .stopSyncAndQuit)
        #expect(!state.shouldQuit)
    }

    @Test func yesStopsTheSyncAndQuitsOnceItHasEnded() throws {
        var state = try syncing()
        _ = state.update(.key(.character("q")))
        #expect(state.update(.key(.character("y"))) == [.stopSync])
        #expect(!state.shouldQuit)
        _ = state.update(.syncEnded)
        #expect(state.shouldQuit)
    }

    @Test func anyOtherKeyKeepsTheSyncRunning() throws {
        var state = try syncing()
        _ = state.update(.key(.character("q")))
        #expect(state.update(.key(.character("n"))).isEmpty)
        #expect(state.syncs.isSyncing && !state.shouldQuit)
    }

    @Test func aTerminationSignalStopsTheSyncBeforeQuitting() throws {
        var state = try syncing()
        #expect(state.update(.terminate) == [.stopSync])
        #expect(!state.shouldQuit)
        _ = state.update(.syncEnded)
        #expect(state.shouldQuit)
    }

    @Test func aSyncEndingWithoutAQuitOnlyClearsWhatWasPending() throws {
        var state = try syncing()
        _ = state.update(.syncEnded)
        #expect(!state.syncs.isSyncing && !state.shouldQuit)
    }
}

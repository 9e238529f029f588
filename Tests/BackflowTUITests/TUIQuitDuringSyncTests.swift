import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// Quitting while a sync runs asks: wait for it, stop it cleanly (its run keeps what it delivered),
/// or keep it running.
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
        #expect(state.confirmation == .quitDuringSync)
        #expect(state.notice?.text.contains("w wait for it to end and quit, s stop it cleanly and quit") == true)
        #expect(!state.shouldQuit)
    }

    @Test func wWaitsForTheSyncToEndOnItsOwnThenQuits() throws {
        var state = try syncing()
        _ = state.update(.key(.character("q")))
        #expect(state.update(.key(.character("w"))).isEmpty)
        #expect(state.syncs.isSyncing && !state.shouldQuit)
        _ = state.update(.syncEnded)
        #expect(state.shouldQuit)
    }

    @Test func sStopsTheSyncCleanlyAndQuitsOnceItHasEnded() throws {
        var state = try syncing()
        _ = state.update(.key(.character("q")))
        #expect(state.update(.key(.character("s"))) == [.stopSync])
        #expect(!state.shouldQuit)
        _ = state.update(.syncEnded)
        #expect(state.shouldQuit)
    }

    @Test func anyOtherKeyKeepsTheSyncRunning() throws {
        var state = try syncing()
        _ = state.update(.key(.character("q")))
        #expect(state.update(.key(.character("n"))).isEmpty)
        #expect(state.syncs.isSyncing && !state.shouldQuit)
        _ = state.update(.syncEnded)
        #expect(!state.shouldQuit)
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

import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// Retry and reset on the Syncs screen, each behind a `y`.
@Suite("TUI sync confirmations")
struct TUISyncConfirmationTests {
    private func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        keys.flatMap { state.update(.key($0)) }
    }

    @Test func resetAsksFirstAndYResetsTheSelectedMapping() throws {
        var state = try TUIFixture.state()
        _ = press([.character("4")], on: &state)
        #expect(press([.character("R")], on: &state).isEmpty)
        #expect(state.confirmation == .reset(mapping: "Identify users"))
        #expect(state.notice?.text.hasPrefix("Reset Identify users") == true)
        #expect(press([.character("y")], on: &state) == [.resetAndSync(mapping: "Identify users")])
        #expect(state.syncs.isSyncing)
    }

    @Test func anyOtherKeyThanYDoesNothing() throws {
        var state = try TUIFixture.state()
        _ = press([.character("4"), .character("R")], on: &state)
        #expect(press([.character("n")], on: &state).isEmpty)
        #expect(state.confirmation == nil)
        #expect(!state.syncs.isSyncing)
    }

    @Test func retryOnAFailedRunSyncsItsMappingAgain() throws {
        var state = try TUIFixture.state()
        _ = press([.character("4")], on: &state)
        let failed = TUIFixture.run(id: 2, mapping: "Track orders", status: .failed, added: 3, delivered: 0, failed: 3)
        _ = state.update(.historyLoaded(runs: [failed], lastRuns: ["Track orders": failed]))
        _ = press([.character("o"), .character("t")], on: &state)
        #expect(state.confirmation == .retry(mapping: "Track orders"))
        #expect(press([.character("y")], on: &state) == [.startSync(mappings: ["Track orders"])])
    }
}

import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// A run that fails as a whole (no write key, no warehouse, refused by the lock, the destination
/// down) is shown as failed, with its reason and code, wherever the run's outcome is shown.
@Suite("TUI runs that fail as a whole")
struct TUIRunFailureTests {
    static let noWriteKey = "the environment variable TUI_TEST_WRITE_KEY holding the write key of segment is not set"

    /// The engine's answer for a sync refused before it sent anything.
    static func refused(_ mapping: String, reason: String = noWriteKey, code: FailureCode? = .noWriteKey) -> SyncResult {
        var progress = SyncProgress(mapping: mapping)
        progress.phase = .finished
        return SyncResult(
            mapping: mapping, run: nil, progress: progress, errors: [], expired: [], error: reason, errorCode: code)
    }

    static func finished(_ mapping: String) -> SyncResult {
        var progress = SyncProgress(mapping: mapping)
        progress.phase = .finished
        return SyncResult(mapping: mapping, run: nil, progress: progress, errors: [], expired: [], error: nil)
    }

    private func syncing(_ mappings: [String]) throws -> AppState {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("4")))
        _ = state.startSync(.sync(mappings))
        return state
    }

    @Test func aRefusedSyncShowsFailedWithItsCodeAndReasonInLastSyncNotFinished() throws {
        var state = try syncing(["Identify users"])
        _ = state.update(.sync(.finished(Self.refused("Identify users"))))
        let grid = AppView.render(state, width: 100, height: 30)
        #expect(!grid.text.contains("finished"))
        #expect(grid.role(of: "failed     +0") == .error)
        #expect(grid.role(of: "failed [no_write_key]: the environment variable") == .error)
        try GoldenScreen.expect(grid, named: "syncs-refused")
        try GoldenScreen.expect(AppView.render(state, width: 80, height: 24), named: "syncs-refused-80x24")
    }

    @Test func aRefusedSyncSetsAnErrorNoticeNamingTheCode() throws {
        var state = try syncing(["Identify users"])
        _ = state.update(.sync(.finished(Self.refused("Identify users"))))
        #expect(state.notice == Notice("Identify users failed [no_write_key]: \(Self.noWriteKey)", role: .error))
    }

    @Test func aBatchWhereOneMappingFailedAsAWholeDoesNotEndInGreen() throws {
        var state = try syncing(["Identify users", "Track orders"])
        _ = state.update(.sync(.finished(Self.refused("Identify users"))))
        _ = state.update(.sync(.finished(Self.finished("Track orders"))))
        #expect(state.notice?.role == .error)
        #expect(state.notice?.text.contains("failed as a whole: Identify users") == true)
    }

    @Test func anInterruptedSyncIsAWarningSayingStopped() throws {
        var state = try syncing(["Identify users"])
        var result = Self.refused("Identify users", reason: SyncRunOutcome.interruptedReason("Ctrl-C"), code: nil)
        result.interrupted = true
        _ = state.update(.sync(.finished(result)))
        #expect(state.notice?.role == .warning)
        #expect(state.notice?.text.hasPrefix("Identify users stopped: interrupted by Ctrl-C") == true)
    }

    @Test func theDetailsOfARunThatFailedAsAWholeShowWhyNotNoFailedRecords() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("4")))
        let run = TUIFixture.run(
            id: 7, mapping: "Identify users", status: .failed, added: 0, delivered: 0, failed: 0,
            error: "the warehouse warehouse.sqlite does not exist", errorCode: .configuration)
        _ = state.update(.historyLoaded(runs: [run], lastRuns: ["Identify users": run]))
        _ = state.update(.key(.character("o")))
        _ = state.update(.key(.enter))
        _ = state.update(.runFailuresLoaded(.loaded(RunFailures(runID: 7, errors: []))))
        let grid = AppView.render(state, width: 100, height: 30)
        #expect(!grid.text.contains("no failed records"))
        #expect(grid.role(of: "Run failed [configuration]: the warehouse warehouse.sqlite does not") == .error)
        #expect(grid.text.contains("configuration: the destination's endpoint or region"))
        try GoldenScreen.expect(AppView.render(state, width: 80, height: 24), named: "syncs-run-failed-whole-80x24")
    }

    @Test func theOverviewShowsALastRunThatFailedAsAWholeInTheFailureRole() throws {
        var state = try TUIFixture.state()
        let run = TUIFixture.run(
            id: 4, mapping: "Identify users", status: .failed, added: 0, delivered: 0, failed: 0,
            error: "Track orders is being synced by another process", errorCode: nil)
        state.lastRuns["Identify users"] = run
        let grid = AppView.render(state, width: 100, height: 30)
        #expect(grid.role(of: "Identify users: last run #4 failed: Track orders is being synced") == .error)
    }

    @Test func aNoticeLongerThanTheTerminalWrapsInsteadOfBeingCut() throws {
        var state = try TUIFixture.state()
        let reason = "Segment refused the write key (HTTP 401): check that TUI_TEST_WRITE_KEY holds the write key of "
            + "the source segment, in the workspace https://app.segment.com/acme/sources/warehouse/settings/keys"
        state.notice = Notice(reason, role: .error)
        let grid = AppView.render(state, width: 80, height: 24)
        let shown = grid.text.split(separator: "\n").suffix(4).dropLast().joined(separator: " ")
        #expect(shown.contains("https://app.segment.com/acme/sources/warehouse/settings/keys"))
        #expect(TextWrap.lines(reason, width: 80).count == 3)
    }

    @Test func aWordWiderThanTheLineIsBrokenNotCut() {
        #expect(TextWrap.lines("see abcdefghij", width: 4) == ["see", "abcd", "efgh", "ij"])
    }
}

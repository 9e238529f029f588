import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// Every screen and its main states, drawn at 100×30 and compared with the goldens.
@Suite("TUI golden screens")
struct TUIGoldenScreenTests {
    private func render(_ state: AppState) -> CellGrid { AppView.render(state, width: 100, height: 30) }

    @Test func overviewShowsDestinationsWithMaskedKeysAndMappingsWithLastRuns() throws {
        var state = try TUIFixture.state()
        state.lastRuns["Identify users"] = TUIFixture.run(
            id: 3, mapping: "Identify users", status: .success, added: 12, delivered: 12, failed: 0)
        try GoldenScreen.expect(render(state), named: "overview")
    }

    @Test func overviewOfAnEmptyWorkspaceSaysHowToStart() throws {
        let state = AppState(workspace: Workspace(), workspacePath: "empty.yml", maskedWriteKeys: [:])
        try GoldenScreen.expect(render(state), named: "overview-empty")
    }

    @Test func modelBrowserShowsColumnsAndFirstRows() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("2")))
        _ = state.update(.previewLoaded(model: "users", .loaded(TUIFixture.users)))
        try GoldenScreen.expect(render(state), named: "models")
    }

    @Test func modelBrowserFilterNarrowsColumns() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("2")))
        _ = state.update(.previewLoaded(model: "users", .loaded(TUIFixture.users)))
        for key in [Key.character("/"), .character("a"), .character("t")] { _ = state.update(.key(key)) }
        try GoldenScreen.expect(render(state), named: "models-filtered")
    }

    @Test func testMappingShowsTheMessageBesideAValidResult() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("3")))
        _ = state.update(.testFinished(.loaded(try TUIFixture.testOutcome(mapping: "Identify users"))))
        try GoldenScreen.expect(render(state), named: "test-mapping-valid")
    }

    @Test func testMappingShowsSegmentsValidationErrors() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("3")))
        _ = state.update(.key(.down))
        _ = state.update(.testFinished(.loaded(try TUIFixture.testOutcome(mapping: "Track orders"))))
        try GoldenScreen.expect(render(state), named: "test-mapping-errors")
    }

    @Test func syncsShowLiveProgressWhileASyncRuns() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("4")))
        _ = state.update(.key(.character("s")))
        var progress = SyncProgress(mapping: "Identify users")
        progress.phase = .extracting
        progress.counts = ChangeCounts(extracted: 8, added: 8)
        progress.delivered = 5
        _ = state.update(.sync(.progress(progress)))
        try GoldenScreen.expect(render(state), named: "syncs-running")
    }

    @Test func syncsShowAFailedRunsRecordsWithReasonAndPayload() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("4")))
        let failed = TUIFixture.run(id: 2, mapping: "Track orders", status: .failed, added: 3, delivered: 0, failed: 3)
        _ = state.update(.historyLoaded(runs: [failed], lastRuns: ["Track orders": failed]))
        _ = state.update(.key(.character("o")))
        _ = state.update(.key(.enter))
        let errors = (1...2).map { index in
            RunRecordError(
                runID: 2, recordID: "ord_00\(index)", change: .added, reason: "The root value is missing the required field 'event'.", code: .validation,
                samplePayload: .object(["userId": .string("usr_00\(index)"), "type": .string("track")]))
        }
        _ = state.update(.runFailuresLoaded(.loaded(RunFailures(runID: 2, errors: errors))))
        try GoldenScreen.expect(render(state), named: "syncs-failed-run")
    }

    @Test func helpListsTheKeymap() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("?")))
        try GoldenScreen.expect(render(state), named: "help")
    }

    @Test func aTooSmallTerminalGetsAClearMessage() throws {
        let grid = AppView.render(try TUIFixture.state(), width: 60, height: 20)
        try GoldenScreen.expect(grid, named: "too-small")
    }
}

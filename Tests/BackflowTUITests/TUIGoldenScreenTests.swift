import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// Every screen and its main states, drawn at 80×24, 120×36 and 200×60 and compared with the goldens
/// (`NAME-80x24.screen`…): widths come from content and space, so each size is pinned.
@Suite("TUI golden screens")
struct TUIGoldenScreenTests {
    static let sizes = [(80, 24), (120, 36), (200, 60)]

    /// Checks `state` at every size; the state is told the size first, as the terminal would.
    private func expectAtEverySize(
        _ state: AppState, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        for (width, height) in Self.sizes {
            var sized = state
            _ = sized.update(.resized(width: width, height: height))
            try GoldenScreen.expect(
                AppView.render(sized, width: width, height: height), named: "\(name)-\(width)x\(height)",
                sourceLocation: sourceLocation)
        }
    }

    @Test func overviewShowsDestinationsWithMaskedKeysAndMappingsWithLastRuns() throws {
        var state = try TUIFixture.state()
        state.lastRuns["Identify users"] = TUIFixture.run(
            id: 3, mapping: "Identify users", status: .success, added: 12, delivered: 12, failed: 0)
        try expectAtEverySize(state, named: "overview")
    }

    @Test func overviewKeepsWholeNumbersAndStatusesAtEverySize() throws {
        var state = try TUIFixture.state()
        state.lastRuns["Identify users"] = TUIFixture.run(
            id: 41, mapping: "Identify users", status: .success, added: 510_000, delivered: 510_000, failed: 0)
        state.lastRuns["Track orders"] = SyncRun(
            id: 42, mapping: "Track orders", status: .failed, startedAt: 1_700_000_000, finishedAt: 1_700_000_600,
            counts: ChangeCounts(extracted: 1_234_567, added: 1_234_567), delivered: 1_200_000, failed: 34_567,
            expired: 0, error: SyncRun.interruptedReason, interrupted: true)
        try expectAtEverySize(state, named: "overview-big-numbers")
    }

    @Test func overviewOfAnEmptyWorkspaceSaysHowToStart() throws {
        let state = AppState(workspace: Workspace(), workspacePath: "empty.yml", maskedWriteKeys: [:])
        try expectAtEverySize(state, named: "overview-empty")
    }

    @Test func modelBrowserShowsColumnsAndFirstRows() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("2")))
        _ = state.update(.previewLoaded(model: "users", .loaded(TUIFixture.users)))
        try expectAtEverySize(state, named: "models")
    }

    @Test func modelBrowserOpensARowWhole() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("2")))
        _ = state.update(.previewLoaded(model: "users", .loaded(TUIFixture.users)))
        for key in [Key.enter, .character("j"), .enter] { _ = state.update(.key(key)) }
        try expectAtEverySize(state, named: "models-row-open")
    }

    @Test func modelBrowserFilterNarrowsColumns() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("2")))
        _ = state.update(.previewLoaded(model: "users", .loaded(TUIFixture.users)))
        for key in [Key.character("/"), .character("a"), .character("t")] { _ = state.update(.key(key)) }
        try expectAtEverySize(state, named: "models-filtered")
    }

    @Test func testMappingShowsTheMessageBesideAValidResult() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("3")))
        _ = state.update(.testFinished(.loaded(try TUIFixture.testOutcome(mapping: "Identify users"))))
        try expectAtEverySize(state, named: "test-mapping-valid")
    }

    @Test func testMappingsFocusedMessageShowsItsKeysAndTheSearchsMatch() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("3")))
        _ = state.update(.testFinished(.loaded(try TUIFixture.testOutcome(mapping: "Identify users"))))
        for key in [Key.character("o"), .character("/"), .character("p"), .character("l"), .enter] {
            _ = state.update(.key(key))
        }
        try expectAtEverySize(state, named: "test-mapping-message-focused")
    }

    @Test func testMappingShowsSegmentsValidationErrors() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("3")))
        _ = state.update(.key(.down))
        _ = state.update(.testFinished(.loaded(try TUIFixture.testOutcome(mapping: "Track orders"))))
        try expectAtEverySize(state, named: "test-mapping-errors")
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
        try expectAtEverySize(state, named: "syncs-running")
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
        try expectAtEverySize(state, named: "syncs-failed-run")
    }

    @Test func syncsShowAnOpenRunsHeaderAndItsFailuresGroupedByReason() throws {
        var state = try TUIRunDetailsTests.openRun()
        _ = state.update(.key(.enter))
        _ = state.update(.key(.character("j")))
        try expectAtEverySize(state, named: "syncs-run-grouped")
    }

    @Test func syncsShowLiveRetriesWhileTheDestinationRefuses() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("4")))
        _ = state.update(.key(.character("S")))
        for _ in 0..<64 {
            _ = state.update(.sync(.retrying(mapping: "Identify users", DeliveryRetry(
                messageCount: 100, attempt: 1, status: 503, reason: "HTTP 503", delay: .seconds(4)))))
        }
        var progress = SyncProgress(mapping: "Identify users")
        progress.phase = .extracting
        progress.counts = ChangeCounts(extracted: 51_000, added: 51_000)
        progress.delivered = 12_400
        progress.elapsed = 30
        progress.backOffEnds = 33
        _ = state.update(.sync(.progress(progress)))
        try expectAtEverySize(state, named: "syncs-retrying")
    }

    @Test func overviewShowsARunningMappingAndTheAgeOfLastRuns() throws {
        var state = try TUIFixture.state()
        state.lastRuns["Track orders"] = TUIRunDetailsTests.partialRun()
        state.lastRuns["Archive users"] = TUIFixture.run(
            id: 1, mapping: "Archive users", status: .failed, added: 2, delivered: 0, failed: 2)
        _ = state.startSync(.sync(["Identify users"]))
        var progress = SyncProgress(mapping: "Identify users")
        progress.elapsed = 75
        _ = state.update(.sync(.progress(progress)))
        try expectAtEverySize(state, named: "overview-running")
    }

    @Test func helpListsTheKeymap() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("?")))
        try expectAtEverySize(state, named: "help")
    }

    @Test func aTooSmallTerminalGetsAClearMessage() throws {
        let grid = AppView.render(try TUIFixture.state(), width: 60, height: 20)
        try GoldenScreen.expect(grid, named: "too-small")
    }
}

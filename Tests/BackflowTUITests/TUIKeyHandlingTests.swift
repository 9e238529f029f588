import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// Keys sent to the pure update, and the state and effects that follow.
@Suite("TUI key handling")
struct TUIKeyHandlingTests {
    private func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        keys.flatMap { state.update(.key($0)) }
    }

    @Test func tabCyclesThroughTheScreensAndWrapsAround() throws {
        var state = try TUIFixture.state()
        var visited: [Screen] = []
        for _ in 0..<4 {
            _ = press([.tab], on: &state)
            visited.append(state.screen)
        }
        #expect(visited == [.models, .testMapping, .syncs, .overview])
    }

    @Test func openingTheModelBrowserLoadsTheFirstModel() throws {
        var state = try TUIFixture.state()
        let effects = press([.character("2")], on: &state)
        #expect(effects == [.loadPreview(model: "users", limit: 24)])
        #expect(state.models.preview == .loading)
    }

    @Test func viKeysAndArrowsMoveTheSameWay() throws {
        var viState = try TUIFixture.state()
        var arrowState = try TUIFixture.state()
        _ = press([.character("j"), .character("j"), .character("k")], on: &viState)
        _ = press([.down, .down, .up], on: &arrowState)
        #expect(viState.overview.selectedMapping == 1)
        #expect(arrowState.overview.selectedMapping == 1)
    }

    @Test func movementStopsAtTheEndsOfAList() throws {
        var state = try TUIFixture.state()
        _ = press([.up, .down, .down, .down, .down, .down], on: &state)
        #expect(state.overview.selectedMapping == state.workspace.mappings.count - 1)
    }

    @Test func movingToAnotherModelAsksForItsPreview() throws {
        var state = try TUIFixture.state()
        _ = press([.character("2")], on: &state)
        let effects = press([.down], on: &state)
        #expect(effects == [.loadPreview(model: "orders", limit: 24)])
        #expect(state.models.previewModel == "orders")
    }

    @Test func aPreviewForAModelNoLongerSelectedIsIgnored() throws {
        var state = try TUIFixture.state()
        _ = press([.character("2"), .down], on: &state)
        _ = state.update(.previewLoaded(model: "users", .loaded(TUIFixture.users)))
        #expect(state.models.preview == .loading)
    }

    @Test func slashFiltersColumnsAsYouTypeAndEscClearsIt() throws {
        var state = try TUIFixture.state()
        _ = press([.character("2"), .character("/"), .character("e"), .character("m")], on: &state)
        #expect(state.models.columnFilter == "em")
        #expect(state.filteredColumns(TUIFixture.users.columns).map(\.name) == ["email"])
        _ = press([.backspace], on: &state)
        #expect(state.models.columnFilter == "e")
        _ = press([.escape], on: &state)
        #expect(state.prompt == nil)
        #expect(state.models.columnFilter == "")
    }

    @Test func typingInThePromptDoesNotTriggerCommands() throws {
        var state = try TUIFixture.state()
        _ = press([.character("2"), .character("/"), .character("q"), .character("4")], on: &state)
        #expect(!state.shouldQuit)
        #expect(state.screen == .models)
        #expect(state.models.columnFilter == "q4")
    }

    @Test func testMappingRunsTheSelectedMappingAndAnotherRecordById() throws {
        var state = try TUIFixture.state()
        #expect(press([.character("3")], on: &state) == [.testMapping(mapping: "Identify users", recordID: nil)])
        let effects = press([.character("r"), .character("u"), .character("7"), .enter], on: &state)
        #expect(effects == [.testMapping(mapping: "Identify users", recordID: "u7")])
        #expect(state.test.outcome == .loading)
    }

    @Test func movingToAnotherMappingTestsIt() throws {
        var state = try TUIFixture.state()
        _ = press([.character("3")], on: &state)
        #expect(press([.down], on: &state) == [.testMapping(mapping: "Track orders", recordID: nil)])
    }

    @Test func sSyncsTheSelectedMappingAndBlocksASecondSync() throws {
        var state = try TUIFixture.state()
        _ = press([.character("4"), .down], on: &state)
        #expect(press([.character("s")], on: &state) == [.startSync(mappings: ["Track orders"])])
        #expect(state.syncs.isSyncing)
        #expect(press([.character("S")], on: &state).isEmpty)
        #expect(state.notice?.role == .warning)
    }

    @Test func syncAllLeavesOutDisabledMappingsAndDestinations() throws {
        var state = try TUIFixture.state()
        let effects = press([.character("4"), .character("S")], on: &state)
        #expect(effects.last == .startSync(mappings: ["Identify users", "Track orders"]))
    }

    @Test func syncEventsUpdateProgressAndTheLastOneReloadsHistory() throws {
        var state = try TUIFixture.state()
        _ = press([.character("4"), .character("s")], on: &state)
        var progress = SyncProgress(mapping: "Identify users")
        progress.delivered = 7
        _ = state.update(.sync(.progress(progress)))
        #expect(state.syncs.live.first?.delivered == 7)
        progress.phase = .finished
        let result = SyncResult(mapping: "Identify users", run: nil, progress: progress, errors: [], expired: [], error: nil)
        #expect(state.update(.sync(.finished(result))) == [.loadHistory])
        #expect(!state.syncs.isSyncing)
        #expect(state.notice == Notice("sync finished", role: .success))
    }

    @Test func enterOnARunLoadsItsFailuresAndEscClosesThem() throws {
        var state = try TUIFixture.state()
        _ = press([.character("4")], on: &state)
        let run = TUIFixture.run(id: 9, mapping: "Track orders", status: .failed, added: 1, delivered: 0, failed: 1)
        _ = state.update(.historyLoaded(runs: [run], lastRuns: [:]))
        #expect(press([.character("o"), .enter], on: &state) == [.loadRunFailures(runID: 9)])
        _ = press([.escape], on: &state)
        #expect(state.syncs.failures == .notLoaded)
    }

    @Test func helpOpensWithQuestionMarkAndAnyOtherKeyClosesIt() throws {
        var state = try TUIFixture.state()
        _ = press([.character("?")], on: &state)
        #expect(state.showingHelp)
        _ = press([.character("j")], on: &state)
        #expect(state.helpOffset == 1)
        _ = press([.escape], on: &state)
        #expect(!state.showingHelp)
    }

    @Test func qAndControlCQuit() throws {
        var byQ = try TUIFixture.state()
        var byControlC = try TUIFixture.state()
        _ = press([.character("q")], on: &byQ)
        _ = press([.control("c")], on: &byControlC)
        #expect(byQ.shouldQuit && byControlC.shouldQuit)
    }
}

@Suite("TUI key handling: jumps")
struct TUIJumpKeyTests {
    @Test func homeAndEndJumpToTheEndsOfTheList() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.end))
        #expect(state.overview.selectedMapping == state.workspace.mappings.count - 1)
        _ = state.update(.key(.home))
        #expect(state.overview.selectedMapping == 0)
    }
}

@Suite("TUI key handling: scrolling")
struct TUIScrollKeyTests {
    @Test func failedRecordsMoveARecordAtATimeAndStopAtTheLast() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("4")))
        _ = state.update(.key(.character("o")))
        let errors = (1...3).map {
            RunRecordError(runID: 1, recordID: "r\($0)", change: .added, reason: "bad \($0)", code: .validation, samplePayload: nil)
        }
        _ = state.update(.runFailuresLoaded(.loaded(RunFailures(runID: 1, errors: errors))))
        for _ in 0..<5 { _ = state.update(.key(.down)) }
        #expect(state.syncs.selectedFailure == 2)
        _ = state.update(.key(.up))
        #expect(state.syncs.selectedFailure == 1)
    }

    @Test func theMessageScrollsNoFurtherThanItsLastLine() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("3")))
        let outcome = try TUIFixture.testOutcome(mapping: "Identify users")
        _ = state.update(.testFinished(.loaded(outcome)))
        _ = state.update(.key(.character("o")))
        for _ in 0..<5 { _ = state.update(.key(.pageDown)) }
        let (document, pane) = try #require(state.shownPayload)
        let lines = document.displayLines(width: pane.width, wraps: true).count
        #expect(lines > pane.height)
        #expect(state.test.viewer.firstLine == lines - pane.height)
    }
}

import Foundation
import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// The payload pane of Test Mapping and of an open run on the Syncs screen, driven by keys.
@Suite("TUI payload viewer")
struct TUIPayloadViewerTests {
    /// Test Mapping at 80×24 on a record whose message is longer than the pane, with the message focused.
    private func focusedMessage(record: ModelRecord? = nil) throws -> AppState {
        var state = try TUIFixture.state()
        _ = state.update(.resized(width: 80, height: 24))
        _ = state.update(.key(.character("3")))
        _ = state.update(.testFinished(.loaded(try TUIFixture.testOutcome(mapping: "Identify users", record: record))))
        _ = state.update(.key(.character("o")))
        #expect(state.focusedPane == .payload)
        return state
    }

    private func shown(_ state: AppState) throws -> (lines: [StyledLine], pane: Rect) {
        let (document, pane) = try #require(state.shownPayload)
        return (document.displayLines(width: pane.width, wraps: state.test.viewer.wraps), pane)
    }

    @Test func jAndKScrollALineAndGStopsAtTheLastFullPane() throws {
        var state = try focusedMessage()
        let (lines, pane) = try shown(state)
        _ = state.update(.key(.character("j")))
        #expect(state.test.viewer.firstLine == 1)
        _ = state.update(.key(.character("G")))
        #expect(state.test.viewer.firstLine == lines.count - pane.height)
        _ = state.update(.key(.character("j")))
        #expect(state.test.viewer.firstLine == lines.count - pane.height)
        _ = state.update(.key(.character("g")))
        #expect(state.test.viewer.firstLine == 0)
        _ = state.update(.key(.character("k")))
        #expect(state.test.viewer.firstLine == 0)
    }

    @Test func ctrlDMovesHalfThePaneAndTheMappingStaysSelected() throws {
        var state = try focusedMessage()
        let (_, pane) = try shown(state)
        _ = state.update(.key(.control("d")))
        #expect(state.test.viewer.firstLine == min(pane.height / 2, try shown(state).lines.count - pane.height))
        #expect(state.test.selectedMapping == 0)
        _ = state.update(.key(.control("u")))
        #expect(state.test.viewer.firstLine == 0)
    }

    @Test func longValuesWrapUntilWTurnsWrappingOffThenHAndLScrollSideways() throws {
        let long = String(repeating: "x", count: 150)
        let record = ModelRecord(
            id: "usr_long", columns: ["user_id": .string("usr_long"), "email": .string(long), "name": .null, "plan": .null])
        var state = try focusedMessage(record: record)
        let wrapped = try shown(state)
        #expect(wrapped.lines.allSatisfy { DisplayWidth.of($0.plainText) <= wrapped.pane.width })
        #expect(wrapped.lines.map(\.plainText).joined().filter { $0 != " " }.contains(long))
        _ = state.update(.key(.character("l")))
        #expect(state.test.viewer.firstColumn == 0)
        _ = state.update(.key(.character("W")))
        #expect(state.test.viewer.wraps == false)
        let whole = try shown(state)
        let widest = whole.lines.map { DisplayWidth.of($0.plainText) }.max() ?? 0
        for _ in 0..<20 { _ = state.update(.key(.character("l"))) }
        #expect(state.test.viewer.firstColumn == widest - whole.pane.width)
        _ = state.update(.key(.character("h")))
        #expect(state.test.viewer.firstColumn < widest - whole.pane.width)
        let grid = AppView.render(state, width: 80, height: 24)
        #expect(grid.text.contains("nowrap"))
    }

    @Test func slashSearchesAsYouTypeAndNGoesRoundTheMatches() throws {
        var state = try focusedMessage()
        _ = state.update(.key(.character("/")))
        #expect(state.prompt?.purpose == .search)
        for character in "\"e" { _ = state.update(.key(.character(character))) }
        _ = state.update(.key(.enter))
        let matches = try shown(state).lines.filter { $0.plainText.lowercased().contains("\"e") }.count
        #expect(matches == 1)
        #expect(state.notice?.text == "\"\"e\": match 1 of 1 (n next, N previous)")
        _ = state.update(.key(.character("g")))
        _ = state.update(.key(.character("/")))
        _ = state.update(.key(.control("u")))
        _ = state.update(.key(.character("\"")))
        let lines = try shown(state).lines
        let quoted = lines.indices.filter { lines[$0].plainText.contains("\"") }
        let first = try #require(state.test.viewer.currentMatch)
        _ = state.update(.key(.enter))
        _ = state.update(.key(.character("n")))
        let second = try #require(state.test.viewer.currentMatch)
        #expect(second == quoted.first { $0 > first })
        _ = state.update(.key(.character("N")))
        #expect(state.test.viewer.currentMatch == first)
        _ = state.update(.key(.character("N")))
        #expect(state.test.viewer.currentMatch == quoted.last)
    }

    @Test func aSearchWithNoMatchSaysSo() throws {
        var state = try focusedMessage()
        _ = state.update(.key(.character("/")))
        for character in "zzz" { _ = state.update(.key(.character(character))) }
        #expect(state.notice?.text == "no match for \"zzz\"")
        #expect(state.test.viewer.currentMatch == nil)
    }

    @Test func yCopiesThePrettyPrintedMessageAndVPagesIt() throws {
        var state = try focusedMessage()
        let message = try #require(state.test.outcome.value?.message)
        #expect(state.update(.key(.character("y"))) == [.terminal(.copy(JSONWriter.pretty(.object(message))))])
        #expect(state.notice?.role == .success)
        #expect(state.update(.key(.character("v"))) == [.terminal(.page(JSONWriter.pretty(.object(message))))])
    }

    @Test func copyingWritesAnOSC52SequenceOfTheTextInBase64() {
        #expect(ClipboardSequence.osc52("{\"a\": 1}") == "\u{1b}]52;c;eyJhIjogMX0=\u{07}")
    }

    @Test func theMappingListKeepsItsKeysUntilOFocusesTheMessage() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("3")))
        _ = state.update(.testFinished(.loaded(try TUIFixture.testOutcome(mapping: "Identify users"))))
        #expect(state.update(.key(.character("y"))) == [])
        #expect(state.update(.key(.character("j"))) == [.testMapping(mapping: "Track orders", recordID: nil)])
        for _ in 0..<3 { _ = state.update(.key(.character("o"))) }
        #expect(state.focusedPane == .list)
    }

    @Test func oTwiceGivesTheRecordTheKeysAndItScrollsToItsLastColumn() throws {
        var state = try focusedMessage()
        _ = state.update(.key(.character("o")))
        #expect(state.test.pane == .record)
        let (document, pane) = try #require(state.shownPayload)
        #expect(document.body.count == 6)
        _ = state.update(.key(.character("G")))
        #expect(state.test.recordViewer.firstLine == 6 - pane.height)
        #expect(state.test.viewer.firstLine == 0)
        #expect(AppView.render(state, width: 80, height: 24).text.contains("created_at: 2024-05-02T10:00:00Z"))
    }

    @Test func theFieldsSegmentsValidationNamesAreDrawnAsErrors() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("3")))
        let outcome = TestOutcome(
            mapping: "Identify users", recordID: "usr_001", message: nil,
            problems: [MappingProblem(stage: .schema, field: "traits", message: "Traits must be an object.")],
            payload: ["user_id": .string("usr_001"), "traits": .object(["age": .integer(7)])])
        _ = state.update(.testFinished(.loaded(outcome)))
        let grid = AppView.render(state, width: 120, height: 36)
        let roles = rolesOfLines(containing: ["\"user_id\"", "\"traits\"", "\"age\""], in: grid)
        #expect(roles["\"user_id\""] == .jsonKey)
        #expect(roles["\"traits\""] == .error)
        #expect(roles["\"age\""] == .error)
    }

    @Test func aFailedRecordsPayloadMarksTheFieldItsReasonQuotes() {
        let failure = RunRecordError(
            runID: 1, recordID: "r1", change: .added, reason: "The root value is missing the required field 'event'.",
            code: .validation, samplePayload: .object(["event": .null, "userId": .string("u")]))
        let document = PayloadView.document(for: failure)
        let marked = document.highlighted.map { document.body[$0].plainText }
        #expect(marked == ["  \"event\": null,"])
    }

    @Test func anOpenRunsPayloadTakesTheKeysAfterTheRunsList() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("4")))
        let errors = (1...2).map { index in
            RunRecordError(
                runID: 2, recordID: "ord_00\(index)", change: .added, reason: "bad 'type'", code: .validation,
                samplePayload: .object(["userId": .string("usr_00\(index)"), "type": .string("track")]))
        }
        _ = state.update(.runFailuresLoaded(.loaded(RunFailures(runID: 2, errors: errors))))
        _ = state.update(.key(.character("o")))
        _ = state.update(.key(.enter))
        _ = state.update(.key(.character("j")))
        _ = state.update(.key(.character("j")))
        #expect(state.syncs.failureRows[state.syncs.selectedFailure] == .record(group: 0, error: 1))
        _ = state.update(.key(.character("o")))
        #expect(state.focusedPane == .payload)
        #expect(
            state.update(.key(.character("y")))
                == [.terminal(.copy(JSONWriter.pretty(try #require(errors[1].samplePayload))))])
        _ = state.update(.key(.escape))
        #expect(state.syncs.failures == .notLoaded)
        #expect(state.focusedPane == .list)
    }

    @Test func integersJavaScriptWouldReadDifferentlyAreWarnedAbout() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("3")))
        let record = ModelRecord(
            id: "usr_big", columns: ["user_id": .string("usr_big"), "plan": .integer(9_007_199_254_740_993)])
        _ = state.update(.testFinished(.loaded(try TUIFixture.testOutcome(mapping: "Identify users", record: record))))
        let text = AppView.render(state, width: 200, height: 60).text
        #expect(text.contains("traits.plan: 9007199254740993 is beyond JavaScript's exact integers"))
    }

    @Test func atEightyColumnsTheMessageTakesTheWholeWidth() throws {
        var state = try TUIFixture.state()
        _ = state.update(.resized(width: 80, height: 24))
        _ = state.update(.key(.character("3")))
        _ = state.update(.testFinished(.loaded(try TUIFixture.testOutcome(mapping: "Identify users"))))
        let layout = TestMappingView.layout(state, in: AppView.body(width: 80, height: 24))
        #expect(layout.message.width == 80)
        #expect(layout.message.height >= 8)
    }

    /// The role of the first cell of the text on the line that holds each needle.
    private func rolesOfLines(containing needles: [String], in grid: CellGrid) -> [String: UIRole] {
        var roles: [String: UIRole] = [:]
        for y in 0..<grid.height {
            let row = grid.row(y).filter { !$0.isContinuation }
            let text = String(row.map(\.character))
            for needle in needles where roles[needle] == nil {
                guard let range = text.range(of: needle) else { continue }
                roles[needle] = row[text.distance(from: text.startIndex, to: range.lowerBound)].role
            }
        }
        return roles
    }
}

/// `/` on the lists of mappings and runs.
@Suite("TUI list filters")
struct TUIListFilterTests {
    @Test func slashNarrowsTheOverviewsMappingsAndActionsApplyToTheShownOne() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("/")))
        #expect(state.prompt?.purpose == .listFilter(.mappings(.overview)))
        for character in "arch" { _ = state.update(.key(.character(character))) }
        #expect(state.visibleMappings(on: .overview) == [2])
        #expect(state.overview.selectedMapping == 2)
        _ = state.update(.key(.enter))
        _ = state.update(.key(.character("g")))
        #expect(state.overview.selectedMapping == 2)
        let text = AppView.render(state, width: 120, height: 36).text
        #expect(text.contains("Archive users"))
        #expect(!text.contains("Track orders"))
    }

    @Test func escClearsTheFilter() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("/")))
        _ = state.update(.key(.character("t")))
        _ = state.update(.key(.escape))
        #expect(state.visibleMappings(on: .overview) == [0, 1, 2])
    }

    @Test func theSyncsFilterNarrowsTheRunsTooAndTestMappingTestsTheFirstMatch() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("4")))
        let runs = [
            TUIFixture.run(id: 2, mapping: "Track orders", status: .success, added: 1, delivered: 1, failed: 0),
            TUIFixture.run(id: 1, mapping: "Identify users", status: .success, added: 1, delivered: 1, failed: 0),
        ]
        _ = state.update(.historyLoaded(runs: runs, lastRuns: [:]))
        _ = state.update(.key(.character("/")))
        for character in "ident" { _ = state.update(.key(.character(character))) }
        #expect(state.visibleRuns() == [1])
        #expect(state.syncs.selectedRun == 1)
        _ = state.update(.key(.enter))
        _ = state.update(.key(.character("3")))
        _ = state.update(.key(.character("/")))
        _ = state.update(.key(.character("k")))
        #expect(state.update(.key(.enter)) == [.testMapping(mapping: "Track orders", recordID: nil)])
    }

    @Test func gAndGGoToTheEndsOfEveryListAndCtrlLReloads() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("G")))
        #expect(state.overview.selectedMapping == 2)
        _ = state.update(.key(.character("g")))
        #expect(state.overview.selectedMapping == 0)
        #expect(state.update(.key(.control("l"))) == [.loadHistory])
        #expect(state.update(.key(.control("z"))) == [.terminal(.suspend)])
    }
}

/// Enter on a model's rows opens the top one whole.
@Suite("TUI model row")
struct TUIModelRowTests {
    private func rowsBrowsed() throws -> AppState {
        var state = try TUIFixture.state()
        _ = state.update(.resized(width: 80, height: 24))
        _ = state.update(.key(.character("2")))
        _ = state.update(.previewLoaded(model: "users", .loaded(TUIModelRowsTests.users(3))))
        _ = state.update(.key(.enter))
        return state
    }

    @Test func enterOpensTheTopRowWithEveryColumnAndNullAsNULL() throws {
        var state = try rowsBrowsed()
        _ = state.update(.key(.enter))
        #expect(state.models.openRow == 0)
        #expect(state.focusedPane == .payload)
        let grid = AppView.render(state, width: 80, height: 24)
        let lines = grid.text.components(separatedBy: "\n")
        #expect(grid.text.contains("Row 1 of 3: usr_1 (Esc back)"))
        let y = try #require(lines.firstIndex { $0.contains("plan: NULL") })
        let x = try #require(lines[y].range(of: "NULL")).lowerBound.utf16Offset(in: lines[y])
        #expect(grid[x, y].role == .nullValue)
        #expect(
            state.update(.key(.character("y")))
                == [.terminal(.copy("{\n  \"user_id\": \"usr_1\",\n  \"plan\": null\n}"))])
    }

    @Test func theTextNullIsShownAsTextAndEscGoesBackToTheRows() throws {
        var state = try rowsBrowsed()
        _ = state.update(.key(.character("j")))
        _ = state.update(.key(.enter))
        #expect(state.models.openRow == 1)
        let text = AppView.render(state, width: 80, height: 24).text
        #expect(text.contains("plan: null"))
        _ = state.update(.key(.escape))
        #expect(state.models.openRow == nil)
        #expect(state.models.browsingRows)
        #expect(state.focusedPane == .list)
    }
}

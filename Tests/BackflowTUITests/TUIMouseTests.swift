import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// Clicks and the wheel, at cells found from the rendered screen as a user would aim.
@Suite("TUI mouse")
struct TUIMouseTests {
    /// The state told the terminal's size, as the editor's loop tells it.
    private func sized(_ width: Int = 120, _ height: Int = 36) throws -> AppState {
        var state = try TUIFixture.state()
        _ = state.update(.resized(width: width, height: height))
        return state
    }

    /// Where `text` first shows on the rendered screen.
    private func cell(of text: String, in state: AppState) throws -> (x: Int, y: Int) {
        let lines = AppView.render(state, width: state.screenWidth, height: state.screenHeight).text
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let y = try #require(lines.firstIndex { $0.contains(text) }, "\(text) is not on the screen")
        let line = lines[y]
        return (DisplayWidth.of(line[..<line.range(of: text)!.lowerBound]), y)
    }

    private func click(_ text: String, in state: inout AppState) throws -> [Effect] {
        let at = try cell(of: text, in: state)
        return state.update(.key(.mouse(MouseEvent(.click, x: at.x, y: at.y))))
    }

    @Test func clickingAMappingRowSelectsItAndFocusesItsList() throws {
        var state = try sized()
        _ = state.update(.key(.character("o")))
        #expect(state.overview.panel == .destinations)
        _ = try click("Archive users", in: &state)
        #expect(state.overview.panel == .mappings)
        #expect(state.overview.selectedMapping == 2)
    }

    @Test func clickingATabShowsItsScreen() throws {
        var state = try sized()
        let effects = try click("4 Syncs", in: &state)
        #expect(state.screen == .syncs)
        #expect(effects == [.loadHistory])
    }

    @Test func clickingAMappingOnTestMappingTestsItAndClickingTheMessageFocusesIt() throws {
        var state = try sized()
        _ = state.update(.key(.character("3")))
        _ = state.update(.testFinished(.loaded(try TUIFixture.testOutcome(mapping: "Identify users"))))
        #expect(try click("Track orders", in: &state) == [.testMapping(mapping: "Track orders", recordID: nil)])
        _ = state.update(.testFinished(.loaded(try TUIFixture.testOutcome(mapping: "Identify users"))))
        _ = try click("\"userId\"", in: &state)
        #expect(state.focusedPane == .payload)
    }

    @Test func theWheelScrollsThePaneUnderThePointerThreeLines() throws {
        var state = try sized(80, 24)
        _ = state.update(.key(.character("3")))
        _ = state.update(.testFinished(.loaded(try TUIFixture.testOutcome(mapping: "Identify users"))))
        let at = try cell(of: "\"userId\"", in: state)
        _ = state.update(.key(.mouse(MouseEvent(.wheelDown, x: at.x, y: at.y))))
        #expect(state.focusedPane == .payload)
        #expect(state.test.viewer.firstLine == 3)
        _ = state.update(.key(.mouse(MouseEvent(.wheelUp, x: at.x, y: at.y))))
        #expect(state.test.viewer.firstLine == 0)
    }

    @Test func clickingARunSelectsItForTheRunsKeys() throws {
        var state = try sized()
        _ = state.update(.key(.character("4")))
        let runs = [
            TUIFixture.run(id: 2, mapping: "Track orders", status: .success, added: 1, delivered: 1, failed: 0),
            TUIFixture.run(id: 1, mapping: "Identify users", status: .success, added: 1, delivered: 1, failed: 0),
        ]
        _ = state.update(.historyLoaded(runs: runs, lastRuns: [:]))
        _ = try click("#1", in: &state)
        #expect(state.syncs.panel == .runs)
        #expect(state.syncs.selectedRun == 1)
        #expect(state.update(.key(.enter)) == [.loadRunFailures(runID: 1)])
    }

    @Test func theMouseLeavesTheScreenUnderTheProblemsPaneAndTheFormsAlone() throws {
        var state = try TUIProblemsTests.opened()
        _ = state.update(.resized(width: 120, height: 36))
        #expect(state.problemsPane.isShowing)
        _ = try click("4 Syncs", in: &state)
        #expect(state.screen == .overview && state.problemsPane.isShowing)
        _ = state.update(.key(.escape))
        _ = state.update(.key(.character("e")))
        _ = try click("4 Syncs", in: &state)
        #expect(state.screen == .overview && state.editor != nil)
        _ = state.update(.key(.escape))
        _ = state.update(.key(.character("o")))
        _ = state.update(.key(.character("e")))
        _ = try click("4 Syncs", in: &state)
        #expect(state.screen == .overview && state.destinationEditor != nil)
    }

    @Test func aClickOnAFormRowSelectsItAndASecondClickOpensIt() throws {
        var state = try sized()
        _ = state.update(.key(.character("e")))
        _ = try click("sync nulls", in: &state)
        #expect(state.editor?.selected == MappingSetting.allCases.firstIndex(of: .syncNulls))
        _ = try click("Traits", in: &state)
        let editing = try #require(state.editor)
        let traits = try #require(state.editorFormRows(editing).firstIndex(of: .field("traits")))
        #expect(state.editor?.selected == traits)
        #expect(state.editor?.picker == nil)
        _ = try click("Traits", in: &state)
        #expect(state.editor?.picker == .kind(path: ["traits"], selected: 0))
    }

    @Test func aClickInAListOverTheFormChoosesAsEnterDoesAndTheWheelMovesIt() throws {
        var state = try sized()
        _ = state.update(.key(.character("e")))
        _ = state.update(.key(.character("A")))
        _ = try click("(sendTrack)", in: &state)
        let opened = try #require(state.editor)
        let actions = state.editorActions(opened)
        let track = try #require(actions.firstIndex { $0.key == "sendTrack" })
        #expect(state.editor?.picker == .setting(.action, selected: track))
        let at = try cell(of: "(sendTrack)", in: state)
        _ = state.update(.key(.mouse(MouseEvent(.wheelDown, x: at.x, y: at.y))))
        #expect(state.editor?.picker == .setting(.action, selected: actions.count - 1))
        _ = try click("(sendTrack)", in: &state)
        _ = try click("(sendTrack)", in: &state)
        // Another action: the question comes first, as it does for Enter.
        #expect(state.editor?.pendingChange?.target == .action("sendTrack"))
    }

    @Test func aClickInAFilteredListLandsOnTheRowShown() throws {
        var state = try sized()
        _ = state.update(.key(.character("n")))
        for character in "arch" { _ = state.update(.key(.character(character))) }
        _ = try click("archive", in: &state)
        #expect(state.editor?.step == .model)
        #expect(state.editor?.draft.destination == "archive")
    }

    @Test func theDestinationFormAndItsListsTakeClicks() throws {
        var state = try sized()
        _ = state.update(.key(.character("o")))
        _ = state.update(.key(.character("n")))
        _ = try click("region", in: &state)
        _ = try click("region", in: &state)
        #expect(state.destinationEditor?.picker == .region(selected: 0))
        let destination = try #require(state.destinationEditor)
        let regions = state.regionChoices(destination.draft)
        let eu = try #require(regions.firstIndex { $0.key == "eu-west-1" })
        _ = try click(regions[eu].label, in: &state)
        _ = try click(regions[eu].label, in: &state)
        #expect(state.destinationEditor?.picker == nil)
        #expect(state.destinationEditor?.draft.region == "eu-west-1")
    }

    @Test func aClickOnAProblemSelectsItAndASecondGoesToIt() throws {
        var state = try TUIProblemsTests.opened()
        _ = state.update(.resized(width: 120, height: 36))
        let rows = state.problemRows
        #expect(rows.count >= 2)
        let second = rows[1].problem.diagnostic.location.description
        _ = try click(second, in: &state)
        #expect(state.problemsPane.selected == 1)
        _ = try click(second, in: &state)
        #expect(!state.problemsPane.isShowing)
        #expect(state.editor != nil || state.destinationEditor != nil || state.notice != nil)
    }

    @Test func theMouseDoesNothingWhileAPromptIsOpen() throws {
        var state = try sized()
        _ = state.update(.key(.character(":")))
        _ = try click("Archive users", in: &state)
        #expect(state.overview.selectedMapping == 0)
        #expect(state.prompt != nil)
    }
}

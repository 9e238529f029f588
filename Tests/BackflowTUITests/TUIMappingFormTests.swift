import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// The mapping form opened with `e`: its settings rows, the keys that work inside it, and the live
/// preview with the core's warnings.
@Suite("TUI mapping form")
struct TUIMappingFormTests {
    private func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        keys.flatMap { state.update(.key($0)) }
    }

    /// Identify users' form, as `e` opens it.
    private func form() throws -> AppState {
        var state = try TUIFixture.state()
        _ = press([.character("e")], on: &state)
        return state
    }

    /// Test Mapping of the form's draft on `record`, as the effect runner makes it.
    private func tested(_ state: AppState, record: ModelRecord) throws -> TestOutcome {
        let editing = try #require(state.editor)
        let session = WorkspaceSession(workspace: state.workspaceWithDraft(editing), path: TUIFixture.workspacePath)
        return TestOutcome(try session.mapping(named: editing.draft.name), testing: record)
    }

    @Test func eOpensTheFormAtOnceAndAsksForColumnsAndATest() throws {
        var state = try TUIFixture.state()
        let effects = press([.character("e")], on: &state)
        #expect(state.editor?.step == .form && state.editor?.selected == 0)
        #expect(effects.contains(.loadPreview(model: "users", limit: 24)))
        #expect(effects.contains { if case .testDraft = $0 { return true } else { return false } })
    }

    @Test func eachSettingIsAtMostThreeKeysAfterE() throws {
        var state = try form()
        _ = press([.character("R"), .down, .enter], on: &state)
        #expect(state.editor?.draft.records == .deleted)
        _ = press([.character("S"), .down, .enter], on: &state)
        #expect(state.editor?.draft.schedule == .interval(minutes: 15))
        _ = press([.character("Z")], on: &state)
        #expect(state.editor?.draft.syncNulls == false)
        _ = press([.character("M"), .down, .enter], on: &state)
        #expect(state.editor?.draft.model == "orders")
        _ = press([.character("T")], on: &state)
        #expect(state.prompt?.purpose == .testRecord)
    }

    @Test func enterOnASettingRowOpensItLikeItsKey() throws {
        var state = try form()
        _ = press([.down, .down, .down, .enter], on: &state)
        #expect(state.editor?.picker == .setting(.records, selected: 2))
    }

    @Test func aCronScheduleIsCheckedByTheCoreAndARefusedOneStaysInThePrompt() throws {
        var state = try form()
        _ = press([.character("S"), .end, .enter], on: &state)
        #expect(state.prompt?.purpose == .cronSchedule)
        state.prompt?.text = "*/5 * * * * UTC"
        _ = press([.enter], on: &state)
        #expect(state.prompt?.text == "*/5 * * * * UTC")
        #expect(state.editor?.message?.isEmpty == false)
        #expect(state.editor?.draft.schedule == .manual)
        state.prompt?.text = "0 6 * * * Europe/Berlin"
        _ = press([.enter], on: &state)
        #expect(state.editor?.draft.schedule.label == "cron 0 6 * * * (Europe/Berlin)")
    }

    @Test func uNamesWhatItUndidAndCtrlRPutsItBack() throws {
        var state = try form()
        _ = press([.character("R"), .down, .enter, .character("Z")], on: &state)
        _ = press([.character("u")], on: &state)
        #expect(state.notice?.text == "undone: sync nulls off (Ctrl-R redoes)")
        #expect(state.editor?.draft.syncNulls == true && state.editor?.draft.records == .deleted)
        _ = press([.character("u")], on: &state)
        #expect(state.notice?.text == "undone: records added or updated → deleted (Ctrl-R redoes)")
        _ = press([.control("r")], on: &state)
        #expect(state.notice?.text == "redone: records added or updated → deleted (u undoes)")
        #expect(state.editor?.draft.records == .deleted)
    }

    @Test func uWithNothingToUndoInTheFormSaysSoAndLeavesTheWorkspace() throws {
        var state = try TUIFixture.state()
        _ = press([.character(" "), .character("e"), .character("u")], on: &state)
        #expect(state.notice?.text.hasPrefix("nothing to undo in this form") == true)
        #expect(state.hasUnsavedChanges)
    }

    @Test func wInTheFormPutsTheDraftInAndSavesKeepingTheFormOpen() throws {
        var state = try form()
        _ = press([.character("R"), .down, .enter], on: &state)
        let effects = press([.character("w")], on: &state)
        #expect(state.workspace.mapping(named: "Identify users")?.records == .deleted)
        #expect(effects.contains(.save(state.workspace)))
        #expect(state.editor?.hasChanges == false && state.editor?.step == .form)
    }

    @Test func questionMarkShowsTheHelpWithTheFormKeysAndAnyKeyReturnsToTheForm() throws {
        var state = try form()
        _ = press([.character("?")], on: &state)
        #expect(state.showingHelp)
        #expect(state.helpLines.contains { $0.contains("Choose the records sent") })
        _ = press([.character("x")], on: &state)
        #expect(!state.showingHelp && state.editor != nil)
    }

    @Test func theCommandLineWorksInTheFormAndColonWSavesTheDraft() throws {
        var state = try form()
        _ = press([.character("Z"), .character(":")], on: &state)
        #expect(state.prompt?.purpose == .command)
        _ = press([.character("w"), .enter], on: &state)
        #expect(state.workspace.mapping(named: "Identify users")?.syncNulls == false)
    }

    @Test func ctrlZSuspendsFromTheFormAndTheProblemsPaneAsFromTheScreens() throws {
        var state = try form()
        #expect(press([.control("z")], on: &state) == [.terminal(.suspend)])
        #expect(state.editor != nil)
        var broken = try TUIProblemsTests.opened()
        #expect(press([.control("z")], on: &broken) == [.terminal(.suspend)])
        #expect(broken.problemsPane.isShowing)
    }

    @Test func quittingWithAChangedFormSaysHowToKeepItInsteadOfQuitting() throws {
        var state = try form()
        _ = press([.character("Z"), .control("c")], on: &state)
        #expect(!state.shouldQuit)
        #expect(state.notice?.text.hasPrefix("The open form has changes") == true)
    }

    @Test func theLivePreviewShowsTheMessageAndTheInexactIntegerWarning() throws {
        var state = try form()
        _ = state.update(.previewLoaded(model: "users", .loaded(TUIFixture.users)))
        _ = press([.character("R"), .enter], on: &state)
        state.editor?.draft.fields["traits"] = MappingValue.object([
            "email": MappingValue.column("email").json, "ltv": MappingValue.column("lifetime_value").json,
        ]).json
        var columns = TUIFixture.users.records[0].columns
        columns["lifetime_value"] = .integer(9_007_199_254_740_993)
        let record = ModelRecord(id: TUIFixture.users.records[0].id, columns: columns)
        let outcome = try tested(state, record: record)
        #expect(outcome.warnings.map(\.field) == ["traits.ltv"])
        _ = state.update(.draftTested(.loaded(outcome)))
        for (width, height) in [(80, 24), (120, 36), (200, 60)] {
            let grid = AppView.render(state, width: width, height: height)
            #expect(grid.text.contains("⚠ traits.ltv: 9007199254740993 is beyond"))
            try GoldenScreen.expect(grid, named: "mapping-form-\(width)x\(height)")
        }
    }

    /// The form with the draft tested on the first fixture user.
    private func testedForm(width: Int = 80, height: Int = 24) throws -> AppState {
        var state = try form()
        _ = state.update(.resized(width: width, height: height))
        _ = state.update(.draftTested(.loaded(try tested(state, record: TUIFixture.users.records[0]))))
        return state
    }

    @Test func oGivesThePreviewTheKeysAndItScrollsAt80x24() throws {
        var state = try testedForm()
        #expect(AppView.render(state, width: 80, height: 24).text.contains("o preview"))
        _ = press([.character("o")], on: &state)
        #expect(state.editor?.previewFocused == true)
        let before = AppView.render(state, width: 80, height: 24).text
        #expect(before.contains(" 1–"))
        #expect(before.contains("o/Esc rows"))
        try GoldenScreen.expect(AppView.render(state, width: 80, height: 24), named: "mapping-form-preview-focused-80x24")
        _ = press([.character("j"), .character("j")], on: &state)
        #expect(state.editor?.previewViewer.firstLine == 2)
        // j moved the preview, not the rows.
        #expect(state.editor?.selected == 0)
        #expect(AppView.render(state, width: 80, height: 24).text.contains(" 3–"))
        _ = press([.character("G")], on: &state)
        let bottom = AppView.render(state, width: 80, height: 24).text
        #expect(bottom.contains("}"))
        _ = press([.escape], on: &state)
        #expect(state.editor?.previewFocused == false)
        #expect(state.editor != nil)
    }

    @Test func thePreviewSearchesCopiesAndPagesTheMessage() throws {
        var state = try testedForm(width: 120, height: 36)
        _ = press([.character("o"), .character("/")], on: &state)
        #expect(state.prompt?.purpose == .search)
        for character in "email" { _ = state.update(.key(.character(character))) }
        _ = press([.enter], on: &state)
        #expect(state.editor?.previewViewer.currentMatch != nil)
        let copied = press([.character("y")], on: &state)
        guard case .terminal(.copy(let text))? = copied.first else {
            Issue.record("y did not copy: \(copied)")
            return
        }
        #expect(text.contains("\"userId\": \"usr_001\""))
        let paged = press([.character("v")], on: &state)
        #expect(paged == [.terminal(.page(text))])
        // The form's own keys still work with the preview focused: w saves.
        #expect(state.editor?.previewFocused == true)
    }

    @Test func aClickOnThePreviewFocusesItAndTheWheelScrollsIt() throws {
        var state = try testedForm(width: 100, height: 24)
        let lines = AppView.render(state, width: 100, height: 24).text.split(separator: "\n", omittingEmptySubsequences: false)
        let y = try #require(lines.firstIndex { $0.contains("\"userId\"") })
        let x = try #require(lines[y].range(of: "\"userId\"")).lowerBound.utf16Offset(in: lines[y])
        _ = state.update(.key(.mouse(MouseEvent(.wheelDown, x: x, y: y))))
        #expect(state.editor?.previewViewer.firstLine == 3)
        _ = state.update(.key(.mouse(MouseEvent(.click, x: x, y: y))))
        #expect(state.editor?.previewFocused == true)
        _ = state.update(.key(.mouse(MouseEvent(.click, x: 4, y: 3))))
        #expect(state.editor?.previewFocused == false)
    }

    @Test func theActionQuestionIsShownOverTheForm() throws {
        var state = try form()
        _ = press([.character("A"), .down, .enter], on: &state)
        try GoldenScreen.expect(AppView.render(state, width: 120, height: 36), named: "mapping-form-action-question-120x36")
    }
}

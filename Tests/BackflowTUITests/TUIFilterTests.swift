import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// Type-to-filter in the pop-up lists, and `/` on the destinations and on a run's failed records.
@Suite("TUI pop-up and list filters")
struct TUIFilterTests {
    private func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        keys.flatMap { state.update(.key($0)) }
    }

    private func type(_ text: String, on state: inout AppState) {
        for character in text { _ = state.update(.key(.character(character))) }
    }

    /// The form of a new Identify mapping with the users model's columns loaded.
    private func identifyForm() throws -> AppState {
        var state = try TUIMappingEditorTests.openForm(action: "sendIdentify")
        _ = state.update(.previewLoaded(model: "users", .loaded(TUIFixture.users)))
        return state
    }

    @Test func typingInTheColumnPickerNarrowsItAndEnterChoosesTheMatch() throws {
        var state = try identifyForm()
        try TUIMappingEditorTests.select("user_id", on: &state)
        _ = press([.enter, .enter], on: &state)
        guard case .column? = state.editor?.picker else { Issue.record("no column picker"); return }
        type("life", on: &state)
        #expect(state.visiblePopupRows() == [4])
        let text = AppView.render(state, width: 100, height: 30).text
        #expect(text.contains("lifetime_value"))
        #expect(!text.contains("created_at"))
        #expect(text.contains("/life▏ (1 of 6)"))
        _ = press([.enter], on: &state)
        #expect(state.editor?.picker == nil)
        #expect(state.editor?.draft.fields["user_id"] == .object(["@path": .string("$.properties.lifetime_value")]))
        #expect(state.popupFilter == nil || state.activePopupFilter == nil)
    }

    @Test func jAndKMoveUntilTypingStartsThenTheyAreText() throws {
        var state = try identifyForm()
        try TUIMappingEditorTests.select("user_id", on: &state)
        _ = press([.enter, .enter], on: &state)
        _ = press([.character("j")], on: &state)
        #expect(state.editor?.picker == .column(path: ["user_id"], selected: 1))
        #expect(state.activePopupFilter == nil)
        _ = press([.character("/")], on: &state)
        type("jk", on: &state)
        #expect(state.activePopupFilter?.line.text == "jk")
        #expect(state.visiblePopupRows().isEmpty)
        #expect(AppView.render(state, width: 100, height: 30).text.contains("nothing matches"))
        // Enter with nothing shown chooses nothing; Backspace mends the filter.
        _ = press([.enter], on: &state)
        #expect(state.editor?.picker != nil)
        _ = press([.backspace, .backspace], on: &state)
        #expect(state.visiblePopupRows().count == 6)
    }

    @Test func escClearsTheFilterFirstThenClosesTheList() throws {
        var state = try identifyForm()
        try TUIMappingEditorTests.select("user_id", on: &state)
        _ = press([.enter, .enter], on: &state)
        type("mail", on: &state)
        #expect(state.editor?.picker == .column(path: ["user_id"], selected: 1))
        _ = press([.escape], on: &state)
        #expect(state.activePopupFilter == nil)
        #expect(state.editor?.picker == .column(path: ["user_id"], selected: 1))
        _ = press([.escape], on: &state)
        #expect(state.editor?.picker == nil)
    }

    @Test func arrowsMoveAmongTheRowsTheFilterShows() throws {
        var state = try identifyForm()
        try TUIMappingEditorTests.select("user_id", on: &state)
        _ = press([.enter, .enter], on: &state)
        type("_", on: &state)
        #expect(state.visiblePopupRows() == [0, 4, 5])
        _ = press([.down], on: &state)
        #expect(state.editor?.picker == .column(path: ["user_id"], selected: 4))
        _ = press([.pageDown], on: &state)
        #expect(state.editor?.picker == .column(path: ["user_id"], selected: 5))
        _ = press([.up, .up, .up], on: &state)
        #expect(state.editor?.picker == .column(path: ["user_id"], selected: 0))
    }

    @Test func aFilterBelongsToTheListItWasTypedIn() throws {
        var state = try identifyForm()
        try TUIMappingEditorTests.select("user_id", on: &state)
        _ = press([.enter, .enter], on: &state)
        type("plan", on: &state)
        // The list closes another way than Enter or Esc: the filter does not follow to the next list.
        state.editor?.picker = .kind(path: ["user_id"], selected: 0)
        #expect(state.activePopupFilter == nil)
        #expect(state.visiblePopupRows().count == ValueKind.allCases.count)
    }

    @Test func theNewMappingStepsFilterTooAndKeepTheirOwnKeys() throws {
        var state = try TUIFixture.state()
        _ = press([.character("n")], on: &state)
        type("arch", on: &state)
        #expect(state.visiblePopupRows() == [1])
        #expect(state.editor?.selected == 1)
        let text = AppView.render(state, width: 120, height: 36).text
        #expect(text.contains("› archive"))
        #expect(text.contains("type to filter  ↑/↓ move  Enter choose  Esc clear the filter"))
        _ = press([.enter], on: &state)
        #expect(state.editor?.draft.destination == "archive")
        #expect(state.editor?.step == .model)
        // The model step starts unfiltered, and `?` is still help.
        #expect(state.visiblePopupRows() == [0, 1])
        _ = press([.character("?")], on: &state)
        #expect(state.showingHelp)
    }

    @Test func theObjectKeysListKeepsDAndItsAddRow() throws {
        var state = try identifyForm()
        try TUIMappingEditorTests.select("traits", on: &state)
        let kinds = ValueKind.allCases
        _ = press([.enter] + Array(repeating: .down, count: try #require(kinds.firstIndex(of: .object))) + [.enter], on: &state)
        guard case .objectKeys? = state.editor?.picker else { Issue.record("no object keys list"); return }
        let rows = state.objectKeyRows("traits")
        type("zzz", on: &state)
        // Only "add a key" is left, whatever was typed.
        #expect(state.visiblePopupRows() == [rows.count])
        #expect(AppView.render(state, width: 120, height: 36).text.contains("+ add a key"))
    }

    @Test func theDestinationTypePickerFilters() throws {
        var state = try TUIFixture.state()
        _ = press([.character("o"), .character("n")], on: &state)
        #expect(state.destinationEditor != nil)
        _ = press([.down, .enter], on: &state)
        #expect(state.destinationEditor?.picker != nil)
        type("prof", on: &state)
        #expect(state.visiblePopupRows().count == 1)
        _ = press([.enter], on: &state)
        #expect(state.destinationEditor?.draft.type == DestinationConfig.profilesType)
    }

    @Test func slashOnTheDestinationsNarrowsThemAndActionsSkipAHiddenRow() throws {
        var state = try TUIFixture.state()
        _ = press([.character("o"), .character("/")], on: &state)
        #expect(state.prompt?.purpose == .listFilter(.destinations))
        type("arch", on: &state)
        #expect(state.visibleDestinations() == [1])
        #expect(state.overview.selectedDestination == 1)
        _ = press([.enter], on: &state)
        let text = AppView.render(state, width: 120, height: 36).text
        #expect(text.contains("Destinations matching \"arch\""))
        #expect(text.contains("archive  no  $TUI_TEST_ARCHIVE_KEY"))
        #expect(!text.contains("$TUI_TEST_WRITE_KEY"))
        // The mappings keep their own filter: none.
        #expect(state.visibleMappings(on: .overview).count == 3)
        _ = press([.character("/")], on: &state)
        type("zzz", on: &state)
        _ = press([.enter, .character(" ")], on: &state)
        #expect(state.workspace.destinations[1].enabled == false)
        #expect(state.notice?.text.contains("the filter hides every row") == true)
    }

    @Test func slashOnAnOpenRunFiltersItsFailedRecordsByIdOrReason() throws {
        var state = try TUIRunDetailsTests.openRun()
        _ = press([.character("/")], on: &state)
        #expect(state.prompt?.purpose == .listFilter(.failures))
        type("ord_003", on: &state)
        // A record id: the group it is in, with that record listed under it.
        #expect(state.syncs.failureRows == [.group(0), .record(group: 0, error: 2)])
        var text = AppView.render(state, width: 120, height: 36).text
        #expect(text.contains("▾ 1 of 3 × \(TUIRunDetailsTests.missingEvent)"))
        #expect(text.contains("    ord_003 (new)"))
        _ = press([.enter], on: &state)
        #expect(text.contains("failures matching \"ord_003\"") || AppView.render(state, width: 120, height: 36).text
            .contains("failures matching \"ord_003\""))
        // A reason: its whole group, as without a filter.
        _ = press([.character("/"), .control("u")], on: &state)
        type("email", on: &state)
        #expect(state.syncs.failureRows == [.group(1)])
        _ = press([.enter], on: &state)
        // Esc clears the filter before it closes the run.
        _ = press([.escape], on: &state)
        #expect(state.syncs.failureFilter.isEmpty)
        #expect(state.syncs.failures.value != nil)
        text = AppView.render(state, width: 120, height: 36).text
        #expect(text.contains("▸ 3 × \(TUIRunDetailsTests.missingEvent)"))
        _ = press([.escape], on: &state)
        #expect(state.syncs.failures == .notLoaded)
    }
}

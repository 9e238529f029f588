import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// The mapping editor never loses an edit silently: another action or destination is asked about
/// before the fields are put aside, they come back when the old action is chosen again, and Esc
/// asks before dropping a changed draft.
@Suite("TUI editor draft safety")
struct TUIEditorDraftSafetyTests {
    private func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        keys.flatMap { state.update(.key($0)) }
    }

    /// Identify users (a sendIdentify mapping) opened with `e`, its action list open.
    private func atActionList() throws -> AppState {
        var state = try TUIFixture.state()
        _ = press([.character("e"), .character("A")], on: &state)
        #expect(state.editor?.step == .form)
        #expect(state.editor?.picker == .setting(.action, selected: 0))
        return state
    }

    private func choose(_ action: String, on state: inout AppState) throws {
        let actions = state.editorActions(try #require(state.editor))
        state.editor?.picker = .setting(.action, selected: try #require(actions.firstIndex { $0.key == action }))
        _ = press([.enter], on: &state)
    }

    @Test func anotherActionIsAskedAboutAndTheFieldsStayUntilYes() throws {
        var state = try atActionList()
        let original = try #require(state.workspace.mapping(named: "Identify users")).fields
        try choose("sendTrack", on: &state)
        #expect(state.editor?.pendingChange?.target == .action("sendTrack"))
        #expect(state.notice?.text.hasPrefix("Change the action to sendTrack? The 2 fields set for sendIdentify") == true)
        #expect(state.editor?.draft.action == "sendIdentify" && state.editor?.draft.fields == original)
        _ = press([.character("y")], on: &state)
        #expect(state.editor?.draft.action == "sendTrack" && state.editor?.draft.fields != original)
    }

    @Test func anyOtherKeyKeepsTheActionAndItsFields() throws {
        var state = try atActionList()
        let original = try #require(state.workspace.mapping(named: "Identify users")).fields
        try choose("sendTrack", on: &state)
        _ = press([.character("n")], on: &state)
        #expect(state.editor?.draft.action == "sendIdentify" && state.editor?.draft.fields == original)
        #expect(state.notice?.text == "kept sendIdentify and its fields")
    }

    @Test func choosingTheOldActionAgainBringsBackItsFields() throws {
        var state = try atActionList()
        let original = try #require(state.workspace.mapping(named: "Identify users")).fields
        try choose("sendTrack", on: &state)
        _ = press([.character("y"), .character("A")], on: &state)
        try choose("sendIdentify", on: &state)
        _ = press([.character("y")], on: &state)
        #expect(state.editor?.draft.fields == original)
    }

    @Test func aDestinationOfTheSameTypeTakesTheFieldsAsTheyAre() throws {
        var state = try TUIFixture.state()
        let original = try #require(state.workspace.mapping(named: "Identify users")).fields
        _ = press([.character("e"), .character("D"), .down, .enter], on: &state)
        #expect(state.editor?.pendingChange == nil)
        #expect(state.editor?.draft.destination == "archive" && state.editor?.draft.fields == original)
    }

    @Test func aDestinationOfAnotherTypeIsAskedAboutThenOpensItsActionsAndBackBringsTheFields() throws {
        var state = try TUIFixture.state()
        state.workspace.destinations.append(
            DestinationConfig(
                name: "profiles", type: DestinationConfig.profilesType,
                profileSpaces: [ProfileSpaceConfig(name: "main", writeKey: .environment("PROFILES_KEY"))]))
        let original = try #require(state.workspace.mapping(named: "Identify users")).fields
        _ = press([.character("e"), .character("D"), .end, .enter], on: &state)
        #expect(state.editor?.pendingChange?.target == .destination("profiles"))
        _ = press([.character("y")], on: &state)
        #expect(state.editor?.draft.destination == "profiles" && state.editor?.draft.fields.isEmpty == true)
        #expect(state.editor?.picker == .setting(.action, selected: 0))
        _ = press([.escape, .character("D"), .home, .enter], on: &state)
        // Back on a Connections destination its action list is open (a letter typed now would filter it).
        #expect(state.editor?.picker == .setting(.action, selected: 0))
        try choose("sendIdentify", on: &state)
        #expect(state.editor?.draft.fields == original)
    }

    @Test func escOnAChangedFormAsksAndAnyOtherKeyKeepsIt() throws {
        var state = try atActionList()
        try choose("sendTrack", on: &state)
        _ = press([.character("y"), .escape], on: &state)
        #expect(state.editor?.confirmingDiscard == true)
        #expect(state.notice?.text == "Drop your changes to Identify users? y drops them, any other key keeps editing")
        try GoldenScreen.expect(AppView.render(state, width: 80, height: 24), named: "editor-drop-changes-80x24")
        _ = press([.character("n")], on: &state)
        #expect(state.editor?.draft.action == "sendTrack" && state.editor?.confirmingDiscard == false)
    }

    @Test func yDropsTheChangedDraft() throws {
        var state = try atActionList()
        try choose("sendTrack", on: &state)
        _ = press([.character("y"), .escape, .character("y")], on: &state)
        #expect(state.editor == nil)
        #expect(state.workspace.mapping(named: "Identify users")?.action == "sendIdentify")
    }

    @Test func escOnAnUnchangedFormClosesItWithoutAsking() throws {
        var state = try TUIFixture.state()
        _ = press([.character("e"), .escape], on: &state)
        #expect(state.editor == nil && state.confirmation == nil)
    }
}

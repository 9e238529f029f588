import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// The mapping editor never loses an edit silently: Esc asks before dropping a changed draft, and
/// the fields of an action left behind come back when it is chosen again.
@Suite("TUI editor draft safety")
struct TUIEditorDraftSafetyTests {
    private func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        keys.flatMap { state.update(.key($0)) }
    }

    /// Identify users (a sendIdentify mapping) opened with `e`, at its action step.
    private func atActionStep() throws -> AppState {
        var state = try TUIFixture.state()
        _ = press([.character("e"), .enter, .enter], on: &state)
        #expect(state.editor?.step == .action)
        return state
    }

    private func choose(_ action: String, on state: inout AppState) throws {
        let actions = state.editorActions(try #require(state.editor))
        state.editor?.selected = try #require(actions.firstIndex { $0.key == action })
        _ = press([.enter], on: &state)
    }

    @Test func choosingTheOldActionAgainBringsBackItsFields() throws {
        var state = try atActionStep()
        let original = try #require(state.workspace.mapping(named: "Identify users")).fields
        try choose("sendTrack", on: &state)
        #expect(state.editor?.draft.fields != original)
        _ = press([.escape], on: &state)
        try choose("sendIdentify", on: &state)
        #expect(state.editor?.draft.fields == original)
    }

    @Test func leavingAnActionSaysItsFieldsAreKept() throws {
        var state = try atActionStep()
        try choose("sendTrack", on: &state)
        #expect(state.notice?.text == "the fields set for sendIdentify are kept: choosing it again brings them back")
    }

    @Test func choosingAnotherDestinationAndBackBringsBackTheFields() throws {
        var state = try TUIFixture.state()
        let original = try #require(state.workspace.mapping(named: "Identify users")).fields
        _ = press([.character("e"), .down, .enter], on: &state)
        #expect(state.editor?.draft.destination == "archive" && state.editor?.draft.fields.isEmpty == true)
        _ = press([.escape, .up, .enter, .enter], on: &state)
        try choose("sendIdentify", on: &state)
        #expect(state.editor?.draft.fields == original)
    }

    @Test func escThatWouldCloseAChangedDraftAsksAndAnyOtherKeyKeepsIt() throws {
        var state = try atActionStep()
        try choose("sendTrack", on: &state)
        _ = press([.escape, .escape, .escape, .escape], on: &state)
        #expect(state.editor?.confirmingDiscard == true)
        #expect(state.notice?.text == "Drop your changes to Identify users? y drops them, any other key keeps editing")
        _ = press([.character("n")], on: &state)
        #expect(state.editor?.draft.action == "sendTrack" && state.editor?.confirmingDiscard == false)
    }

    @Test func yDropsTheChangedDraft() throws {
        var state = try atActionStep()
        try choose("sendTrack", on: &state)
        _ = press([.escape, .escape, .escape, .escape, .character("y")], on: &state)
        #expect(state.editor == nil)
        #expect(state.workspace.mapping(named: "Identify users")?.action == "sendIdentify")
    }

    @Test func escOnAChangedFormAsksAndBGoesBackToTheSteps() throws {
        var state = try TUIMappingEditorTests.openForm(action: "sendIdentify")
        _ = press([.escape], on: &state)
        #expect(state.editor?.step == .form && state.editor?.confirmingDiscard == true)
        #expect(state.notice?.text.contains("b back to the steps") == true)
        try GoldenScreen.expect(AppView.render(state, width: 80, height: 24), named: "editor-drop-changes-80x24")
        _ = press([.character("b")], on: &state)
        #expect(state.editor?.step == .name && state.editor?.draft.action == "sendIdentify")
    }

    @Test func escOnAnUnchangedFormGoesBackAStepWithoutAsking() throws {
        var state = try TUIFixture.state()
        _ = press([.character("e"), .enter, .enter, .enter, .enter, .enter], on: &state)
        #expect(state.editor?.step == .form)
        _ = press([.escape], on: &state)
        #expect(state.editor?.step == .name && state.editor?.confirmingDiscard == false)
    }
}

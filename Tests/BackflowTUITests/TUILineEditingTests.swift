import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// Prompts edited as a shell line, and the list keys (Home/End/PgUp/PgDn) in every list and pop-up.
@Suite("TUI line editing and list keys")
struct TUILineEditingTests {
    private func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        keys.flatMap { state.update(.key($0)) }
    }

    /// The Test Mapping screen's record-id prompt holding `text`, the cursor at its end.
    private func recordPrompt(_ text: String) throws -> AppState {
        var state = try TUIFixture.state()
        _ = press([.character("3"), .character("r")] + text.map(Key.character), on: &state)
        return state
    }

    @Test func typingAfterMovingLeftInsertsAtTheCursor() throws {
        var state = try recordPrompt("usr_1")
        _ = press([.left, .left, .character("0"), .character("0")], on: &state)
        #expect(state.prompt?.text == "usr00_1")
        #expect(state.prompt?.cursor == 5)
    }

    @Test func homeAndCtrlAGoToTheStartEndAndCtrlEToTheEnd() throws {
        var state = try recordPrompt("sr_1")
        _ = press([.home, .character("u")], on: &state)
        #expect(state.prompt?.text == "usr_1")
        _ = press([.control("e"), .character("2"), .control("a"), .character(">")], on: &state)
        #expect(state.prompt?.text == ">usr_12")
        _ = press([.end, .character("!")], on: &state)
        #expect(state.prompt?.text == ">usr_12!")
    }

    @Test func backspaceRemovesBeforeTheCursorAndDeleteUnderIt() throws {
        var state = try recordPrompt("abcd")
        _ = press([.left, .left, .backspace], on: &state)
        #expect(state.prompt?.text == "acd")
        _ = press([.delete], on: &state)
        #expect(state.prompt?.text == "ad")
        #expect(state.prompt?.cursor == 1)
    }

    @Test func ctrlUCutsEverythingBeforeTheCursor() throws {
        var state = try recordPrompt("old_id new")
        _ = press([.left, .left, .left, .control("u")], on: &state)
        #expect(state.prompt?.text == "new")
        #expect(state.prompt?.cursor == 0)
    }

    @Test func ctrlWCutsTheWordBeforeTheCursorAndTheSpacesAfterIt() throws {
        var state = try recordPrompt("first second  ")
        _ = press([.control("w")], on: &state)
        #expect(state.prompt?.text == "first ")
        _ = press([.control("w")], on: &state)
        #expect(state.prompt?.text == "")
    }

    @Test func aPasteArrivesWholeOnOneLineWithoutActingAsKeys() throws {
        var state = try TUIFixture.state()
        _ = press([.character("3"), .character("r")], on: &state)
        let long = String(repeating: "0123456789", count: 100)
        let effects = press([.paste("usr_\n" + long + "\r\nq")], on: &state)
        #expect(effects.isEmpty)
        #expect(state.prompt?.text == "usr_ " + long + " q")
        #expect(state.prompt?.cursor == 1_007)
        #expect(!state.shouldQuit)
    }

    @Test func aPasteOutsideAPromptDoesNothing() throws {
        var state = try TUIFixture.state()
        let effects = press([.paste("nq")], on: &state)
        #expect(effects.isEmpty)
        #expect(state.editor == nil)
        #expect(!state.shouldQuit)
    }

    @Test func aLongPromptShowsTheTextAroundTheCursor() throws {
        var state = try recordPrompt(String(repeating: "a", count: 100) + "MIDDLE" + String(repeating: "z", count: 100))
        _ = press(Array(repeating: .left, count: 100), on: &state)
        let line = AppView.render(state, width: 80, height: 24).text.components(separatedBy: "\n")[22]
        #expect(line.hasPrefix("Record id: …"))
        #expect(line.contains("MIDDLE▏zzz"))
        #expect(line.hasSuffix("z…"))
        #expect(DisplayWidth.of(line) == 80)
    }

    @Test func endAndHomeMoveInTheEditorsLists() throws {
        var state = try TUIFixture.state()
        _ = press([.character("n"), .enter, .enter], on: &state)
        let actions = state.editorActions(try #require(state.editor))
        _ = press([.end], on: &state)
        #expect(state.editor?.selected == actions.count - 1)
        _ = press([.pageUp], on: &state)
        #expect(state.editor?.selected == max(0, actions.count - 1 - 10))
        _ = press([.home], on: &state)
        #expect(state.editor?.selected == 0)
    }

    @Test func pageDownAndEndMoveInAPopUpList() throws {
        var state = try TUIMappingEditorTests.openForm(action: "sendIdentify")
        _ = state.update(.previewLoaded(model: "users", .loaded(TUIFixture.users)))
        try TUIMappingEditorTests.select("user_id", on: &state)
        _ = press([.enter, .end], on: &state)
        #expect(state.editor?.picker == .kind(path: ["user_id"], selected: ValueKind.allCases.count - 1))
        _ = press([.home, .enter], on: &state)
        _ = press([.pageDown], on: &state)
        #expect(state.editor?.picker == .column(path: ["user_id"], selected: TUIFixture.users.columns.count - 1))
        #expect(state.editor != nil)
    }

    @Test func helpScrollsWithPageKeysAndStopsAtItsLastLine() throws {
        var state = try TUIFixture.state()
        _ = press([.character("?"), .pageDown], on: &state)
        #expect(state.helpOffset == 10)
        _ = press([.end], on: &state)
        #expect(state.helpOffset == state.helpLines.count - 1)
        _ = press([.home], on: &state)
        #expect(state.helpOffset == 0)
        #expect(state.showingHelp)
    }
}

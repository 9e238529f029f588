import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// The mapping editor through the pure update: the steps, the form's pickers and prompts, limits.
@Suite("TUI mapping editor")
struct TUIMappingEditorTests {
    private func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        keys.flatMap { state.update(.key($0)) }
    }

    private func type(_ text: String, on state: inout AppState) {
        for character in text { _ = state.update(.key(.character(character))) }
    }

    /// `n`, the first destination, the `model`th model, `action`, records as preselected (added or updated), the suggested name.
    static func openForm(action: String, model: Int = 0) throws -> AppState {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("n")))
        _ = state.update(.key(.enter))
        for _ in 0..<model { _ = state.update(.key(.down)) }
        _ = state.update(.key(.enter))
        let actions = state.editorActions(try #require(state.editor))
        let index = try #require(actions.firstIndex { $0.key == action })
        for _ in 0..<index { _ = state.update(.key(.down)) }
        _ = state.update(.key(.enter))
        _ = state.update(.key(.enter))
        _ = state.update(.key(.enter))
        return state
    }

    /// Moves the form's cursor to `field`.
    static func select(_ field: String, on state: inout AppState) throws {
        let rows = state.editorFormRows(try #require(state.editor))
        state.editor?.selected = try #require(rows.firstIndex(of: .field(field)))
    }

    /// Test Mapping of the editor's draft on the first fixture user, as the effect runner would do it.
    static func tested(_ state: AppState) throws -> TestOutcome {
        let editing = try #require(state.editor)
        let session = WorkspaceSession(workspace: state.workspaceWithDraft(editing), path: TUIFixture.workspacePath)
        let record = TUIFixture.users.records[0]
        let result = try session.mapping(named: editing.draft.name).test(record)
        return TestOutcome(mapping: editing.draft.name, recordID: record.id, message: result.message, problems: result.problems)
    }

    @Test func nOpensANewMappingAtTheDestinationStep() throws {
        var state = try TUIFixture.state()
        _ = press([.character("n")], on: &state)
        #expect(state.editor?.step == .destination)
        #expect(state.editor?.originalName == nil)
    }

    @Test func theStepsLeadToTheNamePromptWithASuggestedName() throws {
        var state = try TUIFixture.state()
        _ = press([.character("n"), .enter, .enter], on: &state)
        #expect(state.editor?.step == .action)
        let actions = state.editorActions(try #require(state.editor))
        let index = try #require(actions.firstIndex { $0.key == "sendIdentify" })
        _ = press(Array(repeating: .down, count: index) + [.enter, .enter], on: &state)
        #expect(state.editor?.draft.records == .addedOrUpdated)
        #expect(state.prompt?.purpose == .mappingName)
        #expect(state.prompt?.text == "Send Identify users")
    }

    @Test func namingTheMappingOpensTheFormAndAsksForColumnsAndATest() throws {
        var state = try TUIFixture.state()
        _ = press([.character("n"), .enter, .down, .enter], on: &state)
        let actions = state.editorActions(try #require(state.editor))
        let index = try #require(actions.firstIndex { $0.key == "sendTrack" })
        _ = press(Array(repeating: .down, count: index) + [.enter, .enter], on: &state)
        let effects = press([.enter], on: &state)
        #expect(state.editor?.step == .form)
        #expect(effects.contains(.loadPreview(model: "orders", limit: 24)))
        #expect(effects.contains { if case .testDraft = $0 { return true } else { return false } })
    }

    @Test func aNameAlreadyInUseIsRefused() throws {
        var state = try TUIFixture.state()
        _ = press([.character("n"), .enter, .enter, .enter, .enter], on: &state)
        state.prompt?.text = "Identify users"
        _ = press([.enter], on: &state)
        #expect(state.editor?.step == .name)
        #expect(state.editor?.message == "a mapping named Identify users already exists")
    }

    @Test func escGoesBackAStepAndClosesTheEditorFromTheFirst() throws {
        var state = try TUIFixture.state()
        _ = press([.character("n"), .enter], on: &state)
        _ = press([.escape], on: &state)
        #expect(state.editor?.step == .destination)
        _ = press([.escape], on: &state)
        #expect(state.editor == nil)
    }

    @Test func aColumnIsPickedFromTheModelsColumns() throws {
        var state = try Self.openForm(action: "sendIdentify")
        _ = state.update(.previewLoaded(model: "users", .loaded(TUIFixture.users)))
        try Self.select("user_id", on: &state)
        _ = press([.enter, .enter, .down, .enter], on: &state)
        #expect(state.editor?.draft.fields["user_id"] == MappingValue.column("email").json)
    }

    @Test func anObjectIsBuiltKeyByKey() throws {
        var state = try Self.openForm(action: "sendIdentify")
        _ = state.update(.previewLoaded(model: "users", .loaded(TUIFixture.users)))
        try Self.select("traits", on: &state)
        _ = press([.enter, .down, .down, .down, .enter, .enter], on: &state)
        #expect(state.prompt?.purpose == .objectKey("traits"))
        type("plan", on: &state)
        _ = press([.enter, .enter, .down, .down, .down, .enter], on: &state)
        #expect(state.editor?.picker == .objectKeys(field: "traits", selected: 0))
        _ = press([.enter, .down, .enter], on: &state)
        type("gold", on: &state)
        _ = press([.enter], on: &state)
        #expect(state.editor?.draft.fields["traits"] == .object(["plan": .string("gold")]))
    }

    @Test func settingAFieldKeepsTheFormsCursorOnIt() throws {
        var state = try Self.openForm(action: "sendIdentify")
        try Self.select("traits", on: &state)
        let selected = state.editor?.selected
        _ = press([.enter], on: &state)
        #expect(state.editor?.picker == .kind(path: ["traits"], selected: 0))
        #expect(state.editor?.selected == selected)
    }

    @Test func aLiteralThatIsJSONKeepsItsTypeAndOtherTextIsAString() throws {
        var state = try Self.openForm(action: "sendIdentify")
        try Self.select("user_id", on: &state)
        _ = press([.enter, .down, .enter], on: &state)
        type("42", on: &state)
        _ = press([.enter], on: &state)
        #expect(state.editor?.draft.fields["user_id"] == .integer(42))
        _ = press([.enter, .down, .enter], on: &state)
        state.prompt?.text = "usr_1"
        _ = press([.enter], on: &state)
        #expect(state.editor?.draft.fields["user_id"] == .string("usr_1"))
    }

    @Test func rawJSONThatDoesNotParseIsRefusedAndTheTextKept() throws {
        var state = try Self.openForm(action: "sendIdentify")
        try Self.select("user_id", on: &state)
        _ = press([.enter, .down, .down, .down, .down, .enter], on: &state)
        type("{\"@path\":", on: &state)
        _ = press([.enter], on: &state)
        #expect(state.editor?.message?.hasPrefix("not JSON") == true)
        #expect(state.prompt?.text == "{\"@path\":")
    }

    @Test func mappingLanguageErrorsShowOnTheirField() throws {
        var state = try Self.openForm(action: "sendIdentify")
        state.editor?.draft.fields["user_id"] = .object(["@path": .integer(3)])
        #expect(!state.fieldErrors("user_id").isEmpty)
        #expect(state.fieldErrors("traits").isEmpty)
    }

    @Test func testProblemsWithAFieldGoToThatField() throws {
        var state = try Self.openForm(action: "sendIdentify")
        let problem = MappingProblem(stage: .schema, field: "user_id", message: "The value at /userId must be a string.")
        _ = state.update(.draftTested(.loaded(TestOutcome(mapping: "x", recordID: "usr_001", message: nil, problems: [problem]))))
        #expect(state.fieldErrors("user_id") == ["The value at /userId must be a string."])
    }

    @Test func aAddsTheMappingToTheWorkspaceAsAnEditThatUndoes() throws {
        var state = try Self.openForm(action: "sendIdentify")
        state.editor?.draft.fields["user_id"] = MappingValue.column("user_id").json
        let effects = press([.character("a")], on: &state)
        #expect(state.editor == nil)
        #expect(state.workspace.mappings.last?.name == "Send Identify users")
        #expect(state.hasUnsavedChanges)
        #expect(effects.contains(.useWorkspace(state.workspace)))
        _ = press([.character("u")], on: &state)
        #expect(state.workspace.mappings.count == 3)
    }

    @Test func editingReplacesTheMappingInPlace() throws {
        var state = try TUIFixture.state()
        _ = press([.character("e")], on: &state)
        #expect(state.editor?.originalName == "Identify users")
        _ = press([.enter, .enter, .enter, .enter, .enter], on: &state)
        #expect(state.editor?.step == .form)
        #expect(state.editor?.draft.fields["user_id"] == MappingValue.column("user_id").json)
        _ = press([.character("a")], on: &state)
        #expect(state.workspace.mappings.count == 3)
        #expect(state.workspace.mappings[0].name == "Identify users")
    }

    @Test func aNewMappingGetsAnIdFromItsFirstName() throws {
        var state = try Self.openForm(action: "sendIdentify")
        _ = press([.character("a")], on: &state)
        let id = try #require(state.workspace.mappings.last?.id)
        #expect(id.hasPrefix("send_identify_users_"))
        #expect(id.count == "send_identify_users_".count + 6)
    }

    @Test func renamingAMappingKeepsItsIdentitySoItsSyncStateFollows() throws {
        var state = try TUIFixture.state()
        _ = press([.character("e"), .character("N")], on: &state)
        _ = press(Array(repeating: .backspace, count: "Identify users".count), on: &state)
        _ = press("Identify everyone".map(Key.character) + [.enter, .character("a")], on: &state)
        #expect(state.workspace.mappings[0].name == "Identify everyone")
        #expect(state.workspace.mappings[0].id == "Identify users")
    }

    @Test func aDestinationWithFiftyMappingsTakesNoMore() throws {
        var state = try TUIFixture.state()
        state.workspace.mappings = (1...Catalog.maximumMappingsPerDestination).map { index in
            MappingConfig(name: "m\(index)", destination: "segment", model: "users", action: "sendIdentify")
        }
        _ = press([.character("n"), .enter], on: &state)
        #expect(state.editor?.step == .destination)
        #expect(state.editor?.message?.contains("already has 50 mappings") == true)
    }

    @Test func aProfilesMappingStartsOnTheFirstProfileSpace() throws {
        var state = try TUIFixture.state()
        state.workspace.destinations.insert(
            DestinationConfig(
                name: "profiles", type: "actions-segment-profiles",
                profileSpaces: [
                    ProfileSpaceConfig(name: "main", writeKey: .environment("A")),
                    ProfileSpaceConfig(name: "eu", writeKey: .environment("B")),
                ]), at: 0)
        _ = press([.character("n"), .enter, .enter, .enter], on: &state)
        #expect(state.editor?.draft.fields["engage_space"] == .string("main"))
    }

    @Test func theFormShowsEveryVisibleFieldWithItsMapping() throws {
        var state = try Self.openForm(action: "sendIdentify")
        _ = state.update(.previewLoaded(model: "users", .loaded(TUIFixture.users)))
        state.editor?.draft.fields["user_id"] = MappingValue.column("user_id").json
        state.editor?.draft.fields["traits"] = MappingValue.object([
            "email": MappingValue.column("email").json, "plan": MappingValue.column("plan").json,
        ]).json
        state.editor?.draft.id = "send_identify_users_fixed"  // the preview's message id follows it
        _ = state.update(.draftTested(.loaded(try Self.tested(state))))
        try GoldenScreen.expect(AppView.render(state, width: 100, height: 30), named: "editor-form")
    }

    @Test func theFormShowsErrorsOnTheirFields() throws {
        var state = try Self.openForm(action: "sendTrack")
        state.editor?.draft.fields["user_id"] = MappingValue.column("user_id").json
        _ = state.update(.draftTested(.loaded(try Self.tested(state))))
        state.editor?.draft.fields["timestamp"] = .object(["@path": .integer(3)])
        try GoldenScreen.expect(AppView.render(state, width: 100, height: 30), named: "editor-form-errors")
    }

    @Test func theActionStepListsEachActionWithItsDescription() throws {
        var state = try TUIFixture.state()
        _ = press([.character("n"), .enter, .enter], on: &state)
        try GoldenScreen.expect(AppView.render(state, width: 100, height: 30), named: "editor-actions")
    }

    @Test func quittingWithUnsavedChangesShowsTheQuestion() throws {
        var state = try TUIFixture.state()
        _ = press([.character(" "), .character("q")], on: &state)
        try GoldenScreen.expect(AppView.render(state, width: 100, height: 30), named: "overview-quit-unsaved")
    }

    @Test func theColumnPickerShowsASampleValue() throws {
        var state = try Self.openForm(action: "sendIdentify")
        _ = state.update(.previewLoaded(model: "users", .loaded(TUIFixture.users)))
        try Self.select("user_id", on: &state)
        _ = press([.enter, .enter], on: &state)
        try GoldenScreen.expect(AppView.render(state, width: 100, height: 30), named: "editor-column-picker")
    }
}

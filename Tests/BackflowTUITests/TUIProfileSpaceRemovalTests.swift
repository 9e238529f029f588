import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// `x` on the forms: a profile space leaves a destination unless it is the last or a mapping sends
/// to it, a rename after a removal reaches the mappings of the space renamed, and a field is cleared.
@Suite("TUI profile space removal and x on the forms")
struct TUIProfileSpaceRemovalTests {
    private func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        keys.flatMap { state.update(.key($0)) }
    }

    private func type(_ text: String, on state: inout AppState) {
        for character in text { _ = state.update(.key(.character(character))) }
    }

    /// The fixture with a Profiles destination of `spaces`, and a mapping sending to the space
    /// `used` when there is one; the destination's form open.
    private func profilesForm(spaces: [String], used: String?) throws -> AppState {
        var state = try TUIFixture.state()
        state.workspace.destinations.append(
            DestinationConfig(
                name: "profiles", type: DestinationConfig.profilesType,
                profileSpaces: spaces.map { ProfileSpaceConfig(name: $0, writeKey: .environment("KEY_\($0.uppercased())")) }))
        if let used {
            var fields = JSONObject()
            fields[ProfileSpaceField.key] = .string(used)
            fields["user_id"] = .object(["@path": .string("$.properties.user_id")])
            state.workspace.mappings.append(
                MappingConfig(name: "Profile users", destination: "profiles", model: "users", action: "sendIdentify",
                    fields: fields))
        }
        state.overview.panel = .destinations
        state.overview.selectedDestination = 2
        _ = press([.character("e")], on: &state)
        #expect(state.destinationEditor?.originalName == "profiles")
        return state
    }

    private func select(_ row: DestinationRow, on state: inout AppState) throws {
        let index = try #require(state.destinationEditor?.rows.firstIndex(of: row))
        state.destinationEditor?.selected = index
    }

    @Test func xRemovesASpaceNoMappingUsesAndAAppliesIt() throws {
        var state = try profilesForm(spaces: ["main", "eu"], used: "main")
        try select(.spaceWriteKey(1), on: &state)
        #expect(AppView.render(state, width: 120, height: 36).text.contains("x remove space"))
        _ = press([.character("x")], on: &state)
        #expect(state.destinationEditor?.draft.profileSpaces.map(\.name) == ["main"])
        #expect(state.workspace.destinations[2].profileSpaces.count == 2)
        _ = press([.character("a")], on: &state)
        #expect(state.workspace.destinations[2].profileSpaces.map(\.name) == ["main"])
        #expect(state.workspace.mapping(named: "Profile users")?.fields[ProfileSpaceField.key] == .string("main"))
    }

    @Test func theLastSpaceIsNotRemoved() throws {
        var state = try profilesForm(spaces: ["main"], used: nil)
        try select(.spaceName(0), on: &state)
        _ = press([.delete], on: &state)
        #expect(state.destinationEditor?.draft.profileSpaces.count == 1)
        #expect(state.destinationEditor?.message?.contains("only profile space") == true)
    }

    @Test func aSpaceAMappingSendsToIsNotRemoved() throws {
        var state = try profilesForm(spaces: ["main", "eu"], used: "eu")
        try select(.spaceName(1), on: &state)
        _ = press([.character("x")], on: &state)
        #expect(state.destinationEditor?.draft.profileSpaces.count == 2)
        #expect(state.destinationEditor?.message?.contains("the profile space of Profile users") == true)
        #expect(AppView.render(state, width: 120, height: 36).text.contains("✗ eu is the profile space of Profile users"))
    }

    @Test func aRenameAfterARemovalReachesTheMappingsOfTheSpaceRenamed() throws {
        var state = try profilesForm(spaces: ["main", "spare", "eu"], used: "eu")
        try select(.spaceName(1), on: &state)
        _ = press([.character("x")], on: &state)
        // "eu" is now the second space, where "spare" was: its mappings follow it, not the position.
        try select(.spaceName(1), on: &state)
        _ = press([.enter, .control("u")], on: &state)
        type("europe", on: &state)
        _ = press([.enter, .character("a")], on: &state)
        #expect(state.workspace.destinations[2].profileSpaces.map(\.name) == ["main", "europe"])
        #expect(state.workspace.mapping(named: "Profile users")?.fields[ProfileSpaceField.key] == .string("europe"))
    }

    @Test func xOnAMappingFieldClearsItAndUBringsItBack() throws {
        var state = try TUIFixture.state()
        _ = press([.character("e")], on: &state)
        let original = state.editor?.draft.fields["traits"]
        try TUIMappingEditorTests.select("traits", on: &state)
        _ = press([.character("x")], on: &state)
        #expect(state.editor?.draft.fields["traits"] == nil)
        _ = press([.character("u")], on: &state)
        #expect(state.editor?.draft.fields["traits"] == original)
        state.editor?.selected = 0
        _ = press([.character("x")], on: &state)
        #expect(state.editor?.message?.hasPrefix("x clears a field") == true)
    }
}

import Foundation
import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// A workspace with problems opens in the editor: the problems pane lists them, Enter goes to the
/// mapping or destination, fixing one clears it, and saving one that remains asks first.
@Suite("TUI problems pane")
struct TUIProblemsTests {
    /// The fixture's workspace with a structural mapping error in Identify users' user_id, an
    /// unknown key in Track orders and a region Segment does not have on the archive destination.
    static let brokenText: String = {
        let text = (try? String(contentsOfFile: TUIFixture.workspacePath, encoding: .utf8)) ?? ""
        return text
            .replacingOccurrences(of: "      user_id: {\"@path\": \"$.properties.user_id\"}\n      traits:",
                with: "      user_id: {\"@path\": true}\n      traits:")
            .replacingOccurrences(of: "    records: added\n", with: "    records: added\n    colour: blue\n")
            .replacingOccurrences(
                of: "    write_key_env: TUI_TEST_ARCHIVE_KEY\n", with: "    write_key_env: TUI_TEST_ARCHIVE_KEY\n    region: mars-1\n")
    }()

    static func opened() throws -> AppState {
        let opened = try WorkspaceLoader.loadForEditing(text: brokenText, file: "workspace.yml")
        return AppState(opened: opened, workspacePath: "workspace.yml", maskedWriteKeys: [:])
    }

    private func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        keys.flatMap { state.update(.key($0)) }
    }

    @Test func theLoaderForEditingKeepsWhatItCanReadAndNamesWhatEachProblemIsIn() throws {
        let opened = try WorkspaceLoader.loadForEditing(text: Self.brokenText, file: "workspace.yml")
        #expect(opened.workspace.mappings.map(\.name) == ["Identify users", "Track orders", "Archive users"])
        let subjects = opened.problems.map(\.subject)
        #expect(subjects.contains(.mapping("Identify users")))
        #expect(subjects.contains(.mapping("Track orders")))
        #expect(subjects.contains(.destination("archive")))
        #expect(opened.leftOutBySaving.map(\.diagnostic.keyPath) == ["mappings[1].colour"])
        #expect(opened.problems.allSatisfy { $0.diagnostic.location.line > 1 })
    }

    @Test func aFileThatIsNotYAMLIsStillRefusedWithItsLine() throws {
        let error = #expect(throws: WorkspaceLoadError.self) {
            try WorkspaceLoader.loadForEditing(text: "version: 1\nmodels: {a: 1\nmappings: []\n", file: "workspace.yml")
        }
        #expect(error?.diagnostics.first?.location.line ?? 0 > 1)
        #expect(error?.diagnostics.first?.location.file == "workspace.yml")
    }

    @Test func theEditorOpensOnTheProblemsPaneListingEachProblem() throws {
        let state = try Self.opened()
        #expect(state.problemsPane.isShowing)
        #expect(state.problemRows.count == 3)
        #expect(state.problemRows[0].isLeftOutBySaving && state.problemRows[0].problem.diagnostic.keyPath == "mappings[1].colour")
    }

    @Test func enterOnAMappingProblemOpensItsFormOnTheFieldItConcerns() throws {
        var state = try Self.opened()
        let index = try #require(state.problemRows.firstIndex { $0.problem.subject == .mapping("Identify users") })
        state.problemsPane.selected = index
        let effects = press([.enter], on: &state)
        let editing = try #require(state.editor)
        #expect(editing.step == .form && editing.originalName == "Identify users")
        #expect(state.editorFormRows(editing)[editing.selected] == .field("user_id"))
        #expect(effects.contains { if case .testDraft = $0 { return true } else { return false } })
        #expect(!state.problemsPane.isShowing)
    }

    @Test func enterOnADestinationProblemOpensTheDestinationForm() throws {
        var state = try Self.opened()
        state.problemsPane.selected = try #require(state.problemRows.firstIndex { $0.problem.subject == .destination("archive") })
        _ = press([.enter], on: &state)
        #expect(state.destinationEditor?.originalName == "archive")
    }

    @Test func fixingAProblemAndApplyingClearsIt() throws {
        var state = try Self.opened()
        state.problemsPane.selected = try #require(state.problemRows.firstIndex { $0.problem.subject == .mapping("Identify users") })
        _ = press([.enter], on: &state)
        _ = state.setValue(.column("user_id"), at: ["user_id"])
        _ = press([.character("a")], on: &state)
        #expect(!state.problems.contains { $0.subject == .mapping("Identify users") })
        #expect(state.problems.count == 1)
    }

    @Test func savingWithProblemsAsksAndOnlyYesWrites() throws {
        var state = try Self.opened()
        _ = press([.escape, .character(" ")], on: &state)
        #expect(press([.character("w")], on: &state).isEmpty)
        guard case .saveWithProblems(let summary)? = state.confirmation else {
            Issue.record("w did not ask: \(String(describing: state.confirmation))")
            return
        }
        #expect(summary.hasPrefix("2 problems (destinations.archive.region: expected one of us-west-2, eu-west-1"))
        #expect(summary.hasSuffix("1 part of the file the editor cannot hold, which saving leaves out"))
        #expect(press([.character("n")], on: &state).isEmpty)
        _ = press([.character("w")], on: &state)
        #expect(press([.character("y")], on: &state) == [.save(state.workspace)])
    }

    @Test func pListsTheProblemsFromTheSaveQuestion() throws {
        var state = try Self.opened()
        _ = press([.escape, .character(" "), .character("w"), .character("p")], on: &state)
        #expect(state.problemsPane.isShowing && state.confirmation == nil)
    }

    @Test func aSavedWorkspaceHasNothingLeftOutAndItsProblemsAreFoundAgain() throws {
        var state = try Self.opened()
        _ = press([.escape, .character(" ")], on: &state)
        _ = state.update(.saved(state.workspace))
        #expect(state.leftOutBySaving.isEmpty)
        #expect(state.problems.count == 2)
        #expect(state.notice?.text == "saved workspace.yml with 2 problems (p lists them)")
    }

    @Test func theProblemsPaneGoldens() throws {
        var state = try Self.opened()
        for (width, height) in [(80, 24), (120, 36), (200, 60)] {
            try GoldenScreen.expect(AppView.render(state, width: width, height: height), named: "problems-\(width)x\(height)")
        }
        _ = press([.escape], on: &state)
        try GoldenScreen.expect(AppView.render(state, width: 80, height: 24), named: "problems-closed-80x24")
    }
}

/// Whatever the editor saves loads again: edits of every kind, each saved through the effect runner
/// into a real file and read back by the strict loader.
@Suite("TUI saved workspaces load")
struct TUISavedWorkspaceRoundTripTests {
    private func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        keys.flatMap { state.update(.key($0)) }
    }

    private func type(_ text: String, on state: inout AppState) {
        for character in text { _ = state.update(.key(.character(character))) }
    }

    /// Saves `state`'s workspace into a copy of the fixture file and opens it back as the commands
    /// do, with the loader's and the catalog's checks.
    private func saveAndLoad(_ state: AppState) throws -> Workspace {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backflow-roundtrip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("backflow.yml").path
        try FileManager.default.copyItem(atPath: TUIFixture.workspacePath, toPath: path)
        let runner = EffectRunner(
            session: WorkspaceSession(workspace: state.workspace, path: path, environment: [:]), mailbox: Mailbox(),
            environment: [:])
        let events = runner.perform(.save(state.workspace))
        guard case .saved = events.first else { throw SaveFailed(events: "\(events)") }
        return try WorkspaceSession.open(path: path).workspace
    }

    @Test func everySettingOfTheMappingFormSavesAndLoads() throws {
        var state = try TUIFixture.state()
        _ = press([.character("e"), .character("R"), .end, .enter, .character("S"), .end, .enter], on: &state)
        state.prompt?.text = "0 */2 * * 1-5 Europe/Berlin"
        _ = press([.enter, .character("T")], on: &state)
        type("usr_007", on: &state)
        _ = press([.enter, .character("Z"), .character("N"), .control("u")], on: &state)
        type("Identify everyone", on: &state)
        _ = press([.enter, .character("a")], on: &state)
        let mapping = try #require(state.workspace.mapping(named: "Identify everyone"))
        #expect(mapping.records == .deleted && mapping.testRecord == "usr_007" && !mapping.syncNulls)
        #expect(mapping.schedule.label == "cron 0 */2 * * 1-5 (Europe/Berlin)")
        #expect(try saveAndLoad(state) == state.workspace)
    }

    @Test func aDestinationAndAProfileSpaceAddedInTheEditorSaveAndLoad() throws {
        var state = try TUIFixture.state()
        _ = press([.character("o"), .character("n")], on: &state)
        var rows = try #require(state.destinationEditor).rows
        state.destinationEditor?.selected = try #require(rows.firstIndex(of: .type))
        _ = press([.enter, .down, .enter], on: &state)
        #expect(state.destinationEditor?.draft.type == DestinationConfig.profilesType)
        rows = try #require(state.destinationEditor).rows
        state.destinationEditor?.selected = try #require(rows.firstIndex(of: .addSpace))
        _ = press([.enter], on: &state)
        type("main", on: &state)
        _ = press([.enter], on: &state)
        type("MAIN_SPACE_WRITE_KEY", on: &state)
        _ = press([.enter, .character("a")], on: &state)
        #expect(state.problems.isEmpty)
        let loaded = try saveAndLoad(state)
        #expect(loaded == state.workspace)
        #expect(loaded.destination(named: "New destination")?.profileSpaces.first?.writeKey == .environment("MAIN_SPACE_WRITE_KEY"))
    }

    @Test func aWriteKeyTypedWhereItsVariableBelongsIsRefusedAndNotKept() throws {
        var state = try TUIFixture.state()
        _ = press([.character("o"), .character("e"), .end, .enter, .control("u")], on: &state)
        type("sk4Yq8wP2mZr7TnB5vXc9LdA3hGf6JkQ", on: &state)
        _ = press([.enter], on: &state)
        #expect(state.destinationEditor?.draft.writeKey == .environment("TUI_TEST_WRITE_KEY"))
        #expect(state.destinationEditor?.message?.contains("was not kept") == true)
        _ = press([.enter, .control("u")], on: &state)
        type("SEGMENT_PROD_KEY", on: &state)
        _ = press([.enter, .character("a")], on: &state)
        #expect(state.workspace.destination(named: "segment")?.writeKey == .environment("SEGMENT_PROD_KEY"))
        #expect(try saveAndLoad(state) == state.workspace)
    }

    @Test func theDestinationFormShowsTheWriteKeyByItsVariableOnly() throws {
        var state = try TUIFixture.state()
        _ = press([.character("o"), .character("e")], on: &state)
        let grid = AppView.render(state, width: 80, height: 24)
        #expect(grid.text.contains("$TUI_TEST_WRITE_KEY"))
        #expect(!grid.text.contains("wk_live_secret_value"))
        try GoldenScreen.expect(grid, named: "destination-form-80x24")
    }

    @Test func renamingADestinationCarriesOverToItsMappings() throws {
        var state = try TUIFixture.state()
        _ = press([.character("o"), .character("e"), .enter, .control("u")], on: &state)
        type("production", on: &state)
        _ = press([.enter, .character("a")], on: &state)
        #expect(state.workspace.mappings.filter { $0.destination == "production" }.count == 2)
        #expect(state.problems.filter { $0.subject == .destination("production") }.isEmpty)
        #expect(try saveAndLoad(state) == state.workspace)
    }
}

private struct SaveFailed: Error {
    let events: String
}

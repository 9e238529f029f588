import Foundation
import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// A mapping built in the editor is saved with every default of its action, hidden fields included,
/// as Segment's editor saves it.
@Suite("TUI new mapping defaults")
struct TUINewMappingDefaultsTests {
    @Test func aNewMappingStartsWithEveryDefaultOfItsAction() throws {
        let state = try TUIMappingEditorTests.openForm(action: "sendTrack", model: 1)
        let fields = try #require(state.editor?.draft.fields)
        #expect(fields["message_id"] == ["@path": "$.messageId"])
        #expect(fields["consent"] == ["@path": "$.context.consent"])
    }

    @Test func aMappingCreatedInTheEditorHasEveryDefaultInTheSavedFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backflow-new-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("backflow.yml").path
        try FileManager.default.copyItem(atPath: TUIFixture.workspacePath, toPath: path)

        var state = try TUIMappingEditorTests.openForm(action: "sendTrack", model: 1)
        let name = try #require(state.editor?.draft.name)
        _ = state.update(.key(.character("a")))
        let runner = EffectRunner(
            session: WorkspaceSession(workspace: state.workspace, path: path, environment: [:]), mailbox: Mailbox(),
            environment: [:])
        guard case .saved = runner.perform(.save(state.workspace)).first else {
            Issue.record("the workspace was not saved")
            return
        }

        let saved = try #require(try WorkspaceLoader.load(path: path).mapping(named: name))
        let action = try #require(Catalog.destination(.connections).action("sendTrack"))
        let defaults = MappingDefaults.newMappingFields(of: action)
        #expect(!defaults.isEmpty)
        for (key, value) in defaults.entries {
            #expect(saved.fields[key] == value, "\(key) in the saved mapping")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains(#"message_id: {"@path": "$.messageId"}"#))
    }
}

import Testing

@testable import BackflowCore

/// `WorkspaceLoader.loadForEditing`: a file with problems is read as far as it can be, each
/// problem names the mapping or destination it is in, and what a save would leave out is known.
@Suite("Workspace loaded for editing")
struct WorkspaceLoadForEditingTests {
    static let text = """
        version: 1
        sources:
          warehouse: {type: sqlite, path: w.sqlite}
        models:
          users: {source: warehouse, id_column: user_id, query: SELECT * FROM users}
        destinations:
          segment: {type: actions-segment, write_key_env: SEGMENT_KEY}
        mappings:
          - name: Identify users
            destination: segmnt
            model: users
            action: sendIdentify
            records: added
            fields:
              user_id: {"@path": "$.properties.user_id"}
          - name: No records
            destination: segment
            model: users
            action: sendIdentify
            fields: {}

        """

    @Test func anEntryThatCannotBeReadIsLeftOutAndSaid() throws {
        let opened = try WorkspaceLoader.loadForEditing(text: Self.text, file: "backflow.yml")
        #expect(opened.workspace.mappings.map(\.name) == ["Identify users"])
        #expect(opened.leftOutBySaving.map(\.subject) == [.mapping("No records")])
        #expect(opened.leftOutBySaving.first?.diagnostic.location.line == 16)
    }

    @Test func aMappingThatCanBeReadKeepsItsProblemWithItsSubject() throws {
        let opened = try WorkspaceLoader.loadForEditing(text: Self.text, file: "backflow.yml")
        let problem = try #require(opened.problems.first { $0.diagnostic.keyPath == "mappings[0].destination" })
        #expect(problem.subject == .mapping("Identify users"))
        #expect(problem.diagnostic.location.line == 10)
        #expect(!opened.leftOutBySaving.contains(problem))
    }

    @Test func theProblemsOfAFixedWorkspaceAreNone() throws {
        var workspace = try WorkspaceLoader.loadForEditing(text: Self.text, file: "backflow.yml").workspace
        workspace.mappings[0].destination = "segment"
        #expect(WorkspaceLoader.problems(of: workspace, savedOver: Self.text, file: "backflow.yml").isEmpty)
        let saved = WorkspaceWriter.render(workspace, preservingFrom: Self.text)
        #expect(try WorkspaceLoader.load(text: saved) == workspace)
    }
}

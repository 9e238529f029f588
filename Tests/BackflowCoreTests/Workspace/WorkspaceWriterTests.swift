import Foundation
import Testing
@testable import BackflowCore

@Suite struct WorkspaceWriterTests {
    private func loadedExample() throws -> Workspace { try WorkspaceLoader.load(text: WorkspaceExample.text) }

    @Test func anUneditedWorkspaceRendersBackToItsOwnFile() throws {
        let rendered = WorkspaceWriter.render(try loadedExample(), preservingFrom: WorkspaceExample.text)
        let expectedChanges = [
            // Defaults the file left out stay out (a save adds no line nobody changed); the day list
            // is written in weekday order.
            ("    schedule: {days: [wed, mon]", "    schedule: {days: [mon, wed]"),
            ("        vip: on\n", "        vip: \"on\"\n"),
        ]
        let expected = expectedChanges.reduce(WorkspaceExample.text) { $0.replacingOccurrences(of: $1.0, with: $1.1) } + "\n"
        #expect(rendered == expected)
    }

    @Test func theDocumentedLayoutIsWrittenBackByteForByte() throws {
        let workspace = try WorkspaceLoader.load(text: WorkspaceExample.documented)
        #expect(WorkspaceWriter.render(workspace, preservingFrom: WorkspaceExample.documented) == WorkspaceExample.documented)
    }

    @Test func loadingTheSavedTextGivesAnEqualWorkspace() throws {
        let workspace = try loadedExample()
        #expect(try WorkspaceLoader.load(text: WorkspaceWriter.render(workspace, preservingFrom: WorkspaceExample.text)) == workspace)
        #expect(try WorkspaceLoader.load(text: WorkspaceWriter.render(workspace, preservingFrom: nil)) == workspace)
    }

    @Test func commentsFollowAMappingThatMoves() throws {
        var workspace = try loadedExample()
        workspace.mappings.reverse()
        let rendered = WorkspaceWriter.render(workspace, preservingFrom: WorkspaceExample.text)
        #expect(rendered.contains("""
                records: added
                schedule: {days: [mon, wed], at: "09:00"}
                fields:
                  engage_space: main
                  user_id: {"@path": "$.properties.user_id"}
              # Identify every user with their email
              - name: Identify users
            """))
        #expect(try WorkspaceLoader.load(text: rendered) == workspace)
    }

    @Test func endOfLineCommentsStayOnEditedValues() throws {
        var workspace = try loadedExample()
        workspace.mappings[0].records = .deleted
        let rendered = WorkspaceWriter.render(workspace, preservingFrom: WorkspaceExample.text)
        #expect(rendered.contains("    records: deleted                       # added | updated | added_or_updated | deleted\n"))
    }

    @Test func commentsOfRemovedEntriesGoWithThem() throws {
        var workspace = try loadedExample()
        workspace.mappings.removeFirst()
        workspace.sources.removeFirst()
        workspace.models[0].source = "prod"
        let rendered = WorkspaceWriter.render(workspace, preservingFrom: WorkspaceExample.text)
        #expect(!rendered.contains("# Identify every user"))
        #expect(!rendered.contains("# source name"))
        #expect(rendered.hasPrefix("# comments are allowed anywhere\nversion: 1\n"))
        #expect(rendered.hasSuffix("# end of file\n"))
        #expect(try WorkspaceLoader.load(text: rendered) == workspace)
    }

    @Test func aHashInsideAQueryIsNotTakenForAComment() throws {
        var workspace = try loadedExample()
        workspace.models[0].query = "SELECT 1\n"
        let rendered = WorkspaceWriter.render(workspace, preservingFrom: WorkspaceExample.text)
        #expect(!rendered.contains("not a comment"))
    }

    @Test func awkwardStringsSurviveARoundTrip() throws {
        let awkward = [
            "", " leading space", "trailing space ", "yes", "on", "123", "1.5", "null", "~", "true", "key: value",
            "a #b", "#hash", "- dash", "[x]", "{y}", "@at", "*star", "&amp", "!bang", "%pct", "'single'", "\"double\"",
            "tab\there", "two\nlines", "ends with newline\n", "two trailing\n\n", "\n starts with newline",
            "  indented\nblock", "café ☕", "bell\u{07}", "1:30", "0x1F", "0o17", ".inf", "=", "<<", "http://x:1/y",
        ]
        var fields = JSONObject()
        for (index, text) in awkward.enumerated() { fields["f\(index)"] = .string(text) }
        fields["nested"] = ["list": [1, 2.5, "three", nil, true, ["@path": "$.x"]], "empty": [:], "none": []]
        fields["odd key: #1"] = .integer(Int64.max)
        var workspace = Workspace(
            sources: [SourceConfig(name: "main db", kind: .sqlite(path: "data/my warehouse.sqlite"))],
            models: awkward.enumerated().map { index, text in
                ModelConfig(name: "m\(index)", source: "main db", idColumn: "id", description: text.isEmpty ? nil : text,
                            query: text.isEmpty ? "SELECT 1" : text)
            },
            destinations: [DestinationConfig(name: "d", type: "actions-segment", enabled: false, writeKey: .environment("K"))],
            settings: WorkspaceSettings(maxRequestsPerSecond: 1))
        workspace.mappings = [
            MappingConfig(name: "yes", destination: "d", model: "m1", action: "sendTrack", records: .updated,
                          schedule: .weekly(days: Set(Weekday.allCases), hour: 0), testRecord: "007", fields: fields)
        ]
        let rendered = WorkspaceWriter.render(workspace, preservingFrom: nil)
        #expect(try WorkspaceLoader.load(text: rendered) == workspace)
    }

    @Test func aFirstSaveOfTheDemoChangesOnlyTheEditedLine() throws {
        let text = DemoWorkspaceFile.text(workspaceID: "writer-test")
        var workspace = try WorkspaceLoader.load(text: text)
        workspace.mappings[0].enabled = false
        let rendered = WorkspaceWriter.render(workspace, preservingFrom: text)
        let before = text.split(separator: "\n", omittingEmptySubsequences: false)
        let after = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(after.count == before.count + 1)
        #expect(Array(after.filter { !before.contains($0) }) == ["    enabled: false"])
        #expect(rendered.contains(#"message_id: {"@path": "$.messageId"}     # the id Segment de-duplicates on; keep it"#))
    }
}

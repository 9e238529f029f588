import Testing

/// A malformed workspace file gets one clear message per problem, with its line, and no crash.
@Suite struct CLIWorkspaceErrorTests {
    static let valid = """
        version: 1
        sources:
          warehouse:
            type: sqlite
            path: warehouse.sqlite
        models:
          users:
            source: warehouse
            id_column: user_id
            query: SELECT * FROM users
        destinations:
          segment:
            type: actions-segment
            write_key_env: SEGMENT_WRITE_KEY
        mappings:
          - name: Identify users
            destination: segment
            model: users
            action: sendIdentify
            records: added
            fields:
              user_id: {"@path": "$.properties.user_id"}
              traits:
                email: {"@path": "$.properties.email"}

        """

    func check(_ text: String) throws -> BackflowProcess.Outcome {
        let folder = try TemporaryFolder()
        try folder.write(text, to: "backflow.yml")
        return try BackflowProcess.run(["check", "-w", "backflow.yml"], in: folder.path)
    }

    @Test func wrongTypeIsReportedAtItsLine() throws {
        let outcome = try check(Self.valid.replacingOccurrences(of: "records: added", with: "records: [added]"))
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("backflow.yml:20:14: mappings[0].records: expected one of added, updated, added_or_updated, deleted but found a list"))
        #expect(outcome.standardError.contains("mappings[0].records"))
    }

    @Test func unknownActionIsReportedWithASuggestion() throws {
        let outcome = try check(Self.valid.replacingOccurrences(of: "action: sendIdentify", with: "action: sendIdentity"))
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains(
            "backflow.yml:19:13: mappings[0].action: unknown action \"sendIdentity\" for Segment Connections; did you mean \"sendIdentify\"?"))
    }

    @Test func unknownFieldKeyIsReportedWithASuggestion() throws {
        let outcome = try check(Self.valid.replacingOccurrences(of: "traits:\n", with: "trait:\n"))
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains(
            "backflow.yml:23:7: mappings[0].fields.trait: unknown field \"trait\" for Send Identify (Segment Connections); did you mean \"traits\"?"))
    }

    @Test func malformedMappingIsReportedWithItsJSONPath() throws {
        let outcome = try check(Self.valid.replacingOccurrences(of: #"{"@path": "$.properties.user_id"}"#, with: #"{"@path": true}"#))
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains(
            "invalid mapping: /user_id/@path should be a string or a mapping directive but it is a boolean."))
    }

    @Test func badYAMLIsOneMessageWithALine() throws {
        let outcome = try check(Self.valid.replacingOccurrences(of: "  users:\n    source", with: "  users:\n  source: [\n    source"))
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("backflow.yml:"))
        #expect(outcome.standardError.contains("1 problem"))
    }

    @Test func missingModelIsReported() throws {
        let outcome = try check(Self.valid.replacingOccurrences(of: "model: users", with: "model: customers"))
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("backflow.yml:18:12: mappings[0].model: model \"customers\" is not defined; defined models: users"))
        #expect(outcome.standardError.contains("customers"))
    }

    @Test func severalProblemsAreAllReported() throws {
        let broken = Self.valid
            .replacingOccurrences(of: "action: sendIdentify", with: "action: sendIdentity")
            .replacingOccurrences(of: "records: added", with: "records: sometimes")
            .replacingOccurrences(of: "model: users", with: "model: customers")
        let outcome = try check(broken)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("mappings[0].records"))
        #expect(outcome.standardError.contains("mappings[0].model"))
    }

    @Test func aMissingWorkspaceFileIsAClearError() throws {
        let folder = try TemporaryFolder()
        let outcome = try BackflowProcess.run(["check"], in: folder.path)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("backflow.yml"))
    }
}

import Testing
@testable import BackflowCore

/// Defaults as Segment's editor applies them: hidden fields always hold theirs, new mappings start
/// with every default, and every path from a mapping to a message sees the hidden ones.
@Suite struct MappingDefaultsTests {
    static let connectionsIdentify = ConnectionsCatalog.destination.action("sendIdentify")!
    static let profilesIdentify = ProfilesCatalog.destination.action("sendIdentify")!

    /// A mapping written in a workspace file with these fields (YAML, indented under `fields:`).
    static func mapping(destination: String = "segment", action: String = "sendIdentify", fields: String) throws
        -> ResolvedMapping
    {
        let text = """
            version: 1
            sources:
              warehouse: {type: sqlite, path: warehouse.sqlite}
            models:
              users: {source: warehouse, id_column: user_id, query: SELECT * FROM users}
            destinations:
              segment: {type: actions-segment, write_key_env: TEST_WRITE_KEY}
              profiles:
                type: actions-segment-profiles
                profile_spaces:
                  main: {write_key_env: TEST_PROFILES_WRITE_KEY}
            mappings:
              - name: Mapped
                destination: \(destination)
                model: users
                action: \(action)
                records: added
                fields:
            \(fields.split(separator: "\n").map { "          " + $0 }.joined(separator: "\n"))

            """
        let workspace = try WorkspaceLoader.load(text: text)
        return try WorkspaceSession(workspace: workspace, path: "backflow.yml", environment: [:]).mapping(named: "Mapped")
    }

    static let user = ModelRecord(id: "u1", columns: ["user_id": "u1", "email": "ada@example.com"])

    @Test func aHiddenFieldTheMappingDoesNotMentionTakesItsDefault() {
        let fields: JSONObject = ["user_id": ["@path": "$.properties.user_id"]]
        let completed = MappingDefaults.withHiddenDefaults(fields, of: Self.connectionsIdentify)
        #expect(completed.keys == ["user_id", "message_id", "consent"])
        #expect(completed["message_id"] == ["@path": "$.messageId"])
        #expect(completed["consent"] == ["@path": "$.context.consent"])
    }

    @Test func aHiddenFieldTheMappingSetsKeepsItsValueEvenNull() {
        let fields: JSONObject = ["message_id": .null, "consent": ["@path": "$.properties.consent"]]
        let completed = MappingDefaults.withHiddenDefaults(fields, of: Self.connectionsIdentify)
        #expect(completed == fields)
    }

    @Test func aVisibleFieldTheMappingDoesNotMentionStaysUnmapped() {
        let completed = MappingDefaults.withHiddenDefaults([:], of: Self.profilesIdentify)
        #expect(completed.keys == ["message_id", "consent"])
    }

    @Test func aNewMappingStartsWithEveryDefaultVisibleOnesIncluded() {
        #expect(MappingDefaults.newMappingFields(of: Self.profilesIdentify).keys == ["timestamp", "message_id", "consent"])
        for destination in Catalog.destinations {
            for action in destination.actions {
                let fields = MappingDefaults.newMappingFields(of: action)
                #expect(fields["message_id"] == ["@path": "$.messageId"], "\(destination.name) \(action.key)")
                #expect(fields["consent"] == ["@path": "$.context.consent"], "\(destination.name) \(action.key)")
            }
        }
    }

    @Test func theHiddenDefaultsKeepAMappingPlannable() throws {
        let fields: JSONObject = ["user_id": ["@path": "$.properties.user_id"]]
        let prepared = try PreparedMapping(MappingDefaults.withHiddenDefaults(fields, of: Self.connectionsIdentify))
        #expect(prepared.eventMembersRead == [["properties", "user_id"], ["messageId"], ["context"]])
    }

    @Test func testMappingOfAMappingWithoutMessageIdSendsTheRecordsMessageId() throws {
        let mapping = try Self.mapping(fields: #"user_id: {"@path": "$.properties.user_id"}"#)
        let result = mapping.test(Self.user)
        let eventMessageID = try #require(result.event["messageId"]?.stringValue)
        #expect(result.problems.isEmpty)
        #expect(result.message?["messageId"] == .string(eventMessageID))
    }

    @Test func aMappingThatClearsMessageIdSendsNone() throws {
        let mapping = try Self.mapping(fields: "user_id: {\"@path\": \"$.properties.user_id\"}\nmessage_id: null")
        let result = mapping.test(Self.user)
        #expect(result.problems.isEmpty)
        #expect(result.message?["messageId"] == nil)
    }

    @Test func everyDemoMappingHoldsEveryDefaultOfItsAction() throws {
        let workspace = try WorkspaceLoader.load(text: DemoWorkspaceFile.text(workspaceID: Workspace.newID()))
        for mapping in workspace.mappings {
            let destination = try #require(workspace.destination(named: mapping.destination)?.catalogEntry)
            let action = try #require(destination.action(mapping.action))
            let missing = MappingDefaults.newMappingFields(of: action).keys.filter { mapping.fields[$0] == nil }
            #expect(missing.isEmpty, "\(mapping.name) lacks \(missing)")
        }
    }
}

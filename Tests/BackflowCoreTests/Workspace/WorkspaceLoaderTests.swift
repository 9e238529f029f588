import Testing
@testable import BackflowCore

@Suite struct WorkspaceLoaderTests {
    @Test func loadsTheDocumentedExample() throws {
        let workspace = try WorkspaceLoader.load(text: WorkspaceExample.text)
        #expect(workspace.version == 1)
        #expect(workspace.sources.map(\.name) == ["warehouse", "prod"])
        #expect(workspace.sources[0].kind == .sqlite(path: "warehouse.sqlite"))
        #expect(workspace.sources[1].kind == .postgres(url: .environment("BACKFLOW_PG_URL")))
        let model = try #require(workspace.model(named: "users"))
        #expect(model.source == "warehouse")
        #expect(model.idColumn == "user_id")
        #expect(model.description == "Every signed-up user")
        #expect(model.query == "SELECT * FROM users\n# not a comment: part of the query\n")
        #expect(workspace.destinations.map(\.name) == ["connections", "profiles"])
        let connections = workspace.destinations[0]
        #expect(connections.type == "actions-segment")
        #expect(connections.enabled)
        #expect(connections.region == "us-west-2")
        #expect(connections.writeKey == .environment("SEGMENT_WRITE_KEY"))
        #expect(connections.endpoint == "http://127.0.0.1:8710/v1")
        let profiles = workspace.destinations[1]
        #expect(profiles.profileSpaces == [ProfileSpaceConfig(name: "main", writeKey: .environment("PROFILES_WRITE_KEY"))])
        #expect(workspace.settings == WorkspaceSettings(theme: "default", maxRequestsPerSecond: 200, stateDirectory: ".backflow"))
    }

    @Test func loadsMappingsWithTheirOptionsAndSchedules() throws {
        let workspace = try WorkspaceLoader.load(text: WorkspaceExample.text)
        #expect(workspace.mappings.map(\.name) == ["Identify users", "Profiles"])
        let identify = workspace.mappings[0]
        #expect(identify.destination == "connections")
        #expect(identify.model == "users")
        #expect(identify.action == "sendIdentify")
        #expect(identify.records == .addedOrUpdated)
        #expect(identify.enabled)
        #expect(!identify.syncNulls)
        #expect(identify.schedule == .interval(minutes: 60))
        #expect(identify.testRecord == "usr_00001")
        let profiles = workspace.mappings[1]
        #expect(profiles.records == .added)
        #expect(profiles.enabled && profiles.syncNulls)
        #expect(profiles.schedule == .weekly(days: [.mon, .wed], hour: 9))
        #expect(profiles.testRecord == nil)
    }

    @Test func convertsFieldValuesByTheCoreSchemaKeepingOrder() throws {
        let fields = try WorkspaceLoader.load(text: WorkspaceExample.text).mappings[0].fields
        let expected: JSONObject = [
            "user_id": ["@path": "$.properties.user_id"],
            "traits": [
                "email": ["@path": "$.properties.email"],
                "plan": "123", "count": 3, "ratio": 0.5, "vip": "on", "active": true, "nothing": nil,
            ],
        ]
        #expect(fields == expected)
        #expect(fields.keys == ["user_id", "traits"])
        #expect(fields["traits"]?.objectValue?.keys == ["email", "plan", "count", "ratio", "vip", "active", "nothing"])
        #expect(fields["traits"]?.objectValue?["count"] == .integer(3))
        #expect(fields["traits"]?.objectValue?["plan"] == .string("123"))
    }

    @Test func keepsLocationsForLaterChecks() throws {
        let workspace = try WorkspaceLoader.load(text: WorkspaceExample.text)
        let mapping = workspace.mappings[0]
        #expect(mapping.locations.element == SourceLocation(file: "backflow.yml", line: 36, column: 5))
        #expect(mapping.locations["action"] == SourceLocation(file: "backflow.yml", line: 39, column: 13))
        #expect(mapping.locations["destination"]?.line == 37)
        #expect(mapping.locations["model"]?.line == 38)
        #expect(mapping.fieldLocations["user_id"] == SourceLocation(file: "backflow.yml", line: 46, column: 7))
        #expect(mapping.fieldLocations["traits"] == SourceLocation(file: "backflow.yml", line: 47, column: 7))
        #expect(workspace.models[0].locations["source"] == SourceLocation(file: "backflow.yml", line: 15, column: 13))
        #expect(workspace.destinations[0].locations["type"]?.line == 23)
        #expect(workspace.destinations[0].locations["region"]?.line == 25)
    }

    @Test func treatsAFileOfOnlyCommentsAsEmpty() {
        expectDiagnostics("# nothing yet\n\n", ["backflow.yml:1:1: the workspace file is empty"])
        expectDiagnostics("", ["backflow.yml:1:1: the workspace file is empty"])
    }
}

/// Loads `text` and expects it to fail with exactly these diagnostic descriptions, in order.
func expectDiagnostics(_ text: String, _ expected: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    do {
        let workspace = try WorkspaceLoader.load(text: text)
        Issue.record("expected diagnostics but loaded \(workspace)", sourceLocation: sourceLocation)
    } catch {
        #expect(error.diagnostics.map(\.description) == expected, sourceLocation: sourceLocation)
    }
}

import Foundation
import Testing
@testable import BackflowCore

/// A message plan writes exactly the bytes Test Mapping builds, or leaves the record to Test Mapping.
@Suite struct MessagePlanTests {
    /// Column values of every class a plan tells apart, and texts that need escaping or look like
    /// numbers, dates and booleans.
    static let values: [JSONValue] = [
        .null, true, false, "", "x", "Ada \"the first\" \\ Lovelace\n", "0", "42", "true", "2024-02-29T12:00:00Z",
        "2024-02-30", "1700000000", "é", 0, 1, -7, .integer(.max), 0.0, 2.5, -1e-7, 3.0, 1e21,
    ]

    static let columnNames = ["id", "email", "name", "age", "score", "seen_at", "plan"]

    /// Records whose columns all hold one of ``values`` (so that, say, both ids are null at once),
    /// then records whose columns pick from ``values`` independently, the same every run.
    static func records(count: Int = 1_000) -> [ModelRecord] {
        var uniform = values.enumerated().map { index, value in
            ModelRecord(id: "u\(index)", columns: JSONObject(distinctKeys: columnNames.map { ($0, value) }))
        }
        var generator = SeededGenerator(seed: 2_026)
        for index in 0..<count {
            let columns = columnNames.map { ($0, values[Int(generator.next() % UInt64(values.count))]) }
            uniform.append(ModelRecord(id: "\(index)", columns: JSONObject(distinctKeys: columns)))
        }
        return uniform
    }

    /// A record whose columns are all non-empty strings, the date column a date, as most rows' are.
    static let plainRecord = ModelRecord(
        id: "7",
        columns: JSONObject(
            distinctKeys: columnNames.map { name in
                (name, name == "seen_at" ? "2024-02-29T12:00:00Z" : .string("value of \(name)"))
            }))

    /// Mappings that copy values verbatim, over the demo's mappings of each action.
    static let plannedMappings: [(base: String, fields: String)] = [
        (
            "Identify users",
            #"""
            {"user_id": {"@template": "{{properties.id}}"}, "message_id": {"@path": "$.messageId"},
             "traits": {"email": {"@path": "$.properties.email"}, "name": {"@path": "$.properties.name"},
                        "age": {"@path": "$.properties.age"}, "score": {"@path": "$.properties.score"},
                        "id": {"@path": "$.properties.id"}}}
            """#
        ),
        (
            "Identify users",
            #"""
            {"anonymous_id": {"@path": "$.properties.email"}, "timestamp": {"@path": "$.properties.seen_at"},
             "traits": {"label": {"@template": "{{properties.name}} ({{properties.plan}})"}, "constant": 5,
                        "2": {"@path": "$.properties.age"}, "record": {"@path": "$.__segment_id"}}}
            """#
        ),
        (
            "Track orders",
            #"""
            {"user_id": {"@path": "$.properties.email"}, "event_name": {"@template": "Plan {{properties.plan}}"},
             "timestamp": {"@path": "$.properties.seen_at"}, "message_id": {"@path": "$.messageId"},
             "properties": {"score": {"@path": "$.properties.score"}, "change": {"@path": "$.event"}},
             "traits": {"name": {"@path": "$.properties.name"}}}
            """#
        ),
        (
            "Track orders",
            #"""
            {"user_id": {"@path": "$.properties.email"}, "anonymous_id": {"@path": "$.properties.name"},
             "event_name": "Scored", "properties": {"score": {"@path": "$.properties.score"}}}
            """#
        ),
        (
            "Page views",
            #"""
            {"user_id": {"@path": "$.properties.id"}, "page_name": {"@path": "$.properties.name"},
             "page": {"path": {"@path": "$.properties.plan"}, "title": {"@path": "$.properties.name"}},
             "properties": {"name": "overridden", "age": {"@path": "$.properties.age"}}}
            """#
        ),
        (
            "App screens",
            #"""
            {"user_id": {"@path": "$.properties.email"}, "screen_name": {"@path": "$.properties.plan"},
             "properties": {"score": {"@path": "$.properties.score"}}}
            """#
        ),
        (
            "Group accounts",
            #"""
            {"user_id": {"@path": "$.properties.email"}, "group_id": {"@path": "$.properties.id"},
             "traits": {"name": {"@path": "$.properties.name"}, "seen": {"@path": "$.properties.seen_at"}}}
            """#
        ),
        (
            "Profiles identify users",
            #"""
            {"engage_space": "demo-space", "user_id": {"@path": "$.properties.id"},
             "traits": {"email": {"@path": "$.properties.email"}, "age": {"@path": "$.properties.age"}}}
            """#
        ),
        (
            "Profiles track orders",
            #"""
            {"engage_space": "demo-space", "user_id": {"@path": "$.properties.email"},
             "event_name": {"@path": "$.properties.plan"}, "timestamp": {"@path": "$.properties.seen_at"},
             "properties": {"score": {"@path": "$.properties.score"}}}
            """#
        ),
    ]

    @Test(arguments: plannedMappings.indices)
    func planWritesTestMappingsBytesOrLeavesTheRecordToIt(index: Int) throws {
        let fixture = try DemoWorkspaceFixture()
        for syncNulls in [true, false] {
            let mapping = try Self.mapping(Self.plannedMappings[index], syncNulls: syncNulls, fixture: fixture)
            for change in RecordChange.allCases {
                let made = MessagePlan(mapping: mapping, change: change, columnNames: Self.columnNames)
                // A deleted record's columns are all null: most mappings' messages then lack what they need.
                guard change != .deleted || made != nil else { continue }
                let plan = try #require(made)
                var planned = 0
                for record in Self.records() + [Self.plainRecord] {
                    let messageID = MessageID(high: StableHash.fnv1a64(record.id), low: 7)
                    guard let bytes = plan.message(for: record, messageID: messageID) else { continue }
                    planned += 1
                    let tested = mapping.test(record, change: change, messageID: messageID.description)
                    #expect(bytes == tested.messageBytes, "\(mapping.name) \(change) \(record.columns)")
                    #expect(plan.profileSpace == tested.payload?[ProfileSpaceField.key]?.stringValue)
                }
                #expect(plan.message(for: Self.plainRecord) != nil)
                #expect(planned > 0)
            }
        }
    }

    @Test func aTemplatePlaceholderWritesANumberAsText() throws {
        let fixture = try DemoWorkspaceFixture()
        let mapping = try Self.mapping(Self.plannedMappings[0], syncNulls: true, fixture: fixture)
        let plan = try #require(MessagePlan(mapping: mapping, change: .added, columnNames: Self.columnNames))
        var columns = Self.plainRecord.columns
        columns["id"] = 42
        columns["age"] = 31
        let bytes = try #require(plan.message(for: ModelRecord(id: "42", columns: columns), messageID: MessageID(high: 42, low: 42)))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix(#"{"userId":"42","messageId":"bf-000000000000002a000000000000002a","#))
        #expect(text.contains(#""age":31,"#))
        #expect(text.contains(#""id":42}"#))
    }

    @Test func aRecordOfOtherColumnsOrOverTheSizeLimitIsLeftToTestMapping() throws {
        let fixture = try DemoWorkspaceFixture()
        let mapping = try Self.mapping(Self.plannedMappings[0], syncNulls: true, fixture: fixture)
        let plan = try #require(MessagePlan(mapping: mapping, change: .added, columnNames: Self.columnNames))
        var reordered = JSONObject(Self.plainRecord.columns.entries.reversed())
        #expect(plan.message(for: ModelRecord(id: "7", columns: reordered)) == nil)
        reordered = Self.plainRecord.columns
        reordered["extra"] = 1
        #expect(plan.message(for: ModelRecord(id: "7", columns: reordered)) == nil)
        var large = Self.plainRecord.columns
        large["email"] = .string(String(repeating: "a", count: TrackingAPILimits.maximumMessageBytes))
        #expect(plan.message(for: ModelRecord(id: "7", columns: large)) == nil)
        var nested = Self.plainRecord.columns
        nested["name"] = ["an", "array"]
        #expect(plan.message(for: ModelRecord(id: "7", columns: nested)) == nil)
    }

    @Test func aColumnTheMappingNeverReadsTakesAnyValue() throws {
        let fixture = try DemoWorkspaceFixture()
        // The first mapping reads every column but `seen_at` and `plan`.
        let mapping = try Self.mapping(Self.plannedMappings[0], syncNulls: true, fixture: fixture)
        let plan = try #require(MessagePlan(mapping: mapping, change: .added, columnNames: Self.columnNames))
        var columns = Self.plainRecord.columns
        columns["plan"] = ["an", "array"]
        columns["seen_at"] = ["nested": true]
        let record = ModelRecord(id: "7", columns: columns)
        let messageID = MessageID(high: 7, low: 7)
        let bytes = try #require(plan.message(for: record, messageID: messageID))
        #expect(bytes == mapping.test(record, change: .added, messageID: messageID.description).messageBytes)
    }

    @Test func aDateFieldTakesOnlyDateLikeTextFromThePlan() throws {
        let fixture = try DemoWorkspaceFixture()
        // Segment Profiles' timestamp is a date field (Segment Connections' is text).
        let profilesTrack = try #require(Self.plannedMappings.first { $0.base == "Profiles track orders" })
        let mapping = try Self.mapping(profilesTrack, syncNulls: true, fixture: fixture)
        let plan = try #require(MessagePlan(mapping: mapping, change: .added, columnNames: Self.columnNames))
        var columns = Self.plainRecord.columns
        #expect(plan.message(for: ModelRecord(id: "7", columns: columns)) != nil)
        columns["seen_at"] = "yesterday"
        #expect(plan.message(for: ModelRecord(id: "7", columns: columns)) == nil)
        #expect(!mapping.test(ModelRecord(id: "7", columns: columns), change: .added, messageID: MessageID(high: 7, low: 7).description).isValid)
    }

    @Test(arguments: [
        // A directive that reads text.
        ("Identify users", #"{"user_id": {"@case": {"operator": "lower", "value": {"@path": "$.properties.email"}}}}"#),
        // A path into a string: its characters.
        ("Identify users", #"{"user_id": {"@path": "$.properties.email.0"}}"#),
        // A value that must be an object: the markers are text.
        ("Identify users", #"{"user_id": {"@path": "$.properties.email"}, "traits": {"@path": "$.properties.name"}}"#),
        // A Profile Space picked by each record.
        (
            "Profiles identify users",
            #"{"engage_space": {"@path": "$.properties.plan"}, "user_id": {"@path": "$.properties.id"}}"#
        ),
    ])
    func noPlanWhereTheMessageDependsOnText(base: String, fields: String) throws {
        let fixture = try DemoWorkspaceFixture()
        let mapping = try Self.mapping((base, fields), syncNulls: true, fixture: fixture)
        #expect(MessagePlan(mapping: mapping, change: .added, columnNames: Self.columnNames) == nil)
    }

    @Test func sendSubscriptionsHasNoPlan() throws {
        let fixture = try DemoWorkspaceFixture()
        let mapping = try fixture.session().mapping(named: "Subscriptions")
        let record = try fixture.session().testRecord(for: mapping)
        #expect(MessagePlan(mapping: mapping, change: .added, columnNames: record.columns.keys) == nil)
    }

    /// The demo mapping `base` with `fields` instead of its own.
    static func mapping(_ entry: (base: String, fields: String), syncNulls: Bool, fixture: DemoWorkspaceFixture) throws
        -> ResolvedMapping
    {
        let base = try fixture.session().mapping(named: entry.base)
        let fields = try #require(try JSONReader.parse(entry.fields).objectValue)
        let config = MappingConfig(
            name: "Planned", destination: base.config.destination, model: base.config.model, action: base.config.action,
            syncNulls: syncNulls, fields: fields)
        return ResolvedMapping(
            config: config, destinationConfig: base.destinationConfig, destination: base.destination,
            action: base.action, model: base.model)
    }
}

extension MessagePlan {
    /// ``message(for:messageID:scratch:)`` with a scratch array of its own.
    fileprivate func message(for record: ModelRecord, messageID: MessageID = MessageID(high: 7, low: 7)) -> [UInt8]? {
        var scratch: [UInt8] = []
        return message(for: record, messageID: messageID, scratch: &scratch)
    }
}

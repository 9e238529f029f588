import Foundation
import Testing
@testable import BackflowCore

/// Random records over every column type: whatever a plan writes is Test Mapping's message, byte for
/// byte, compared here rather than by the sync's debug assertion, so that release builds check it too.
@Suite struct MessagePlanRandomRecordTests {
    static let columnNames = ["id", "n", "r", "t", "flag", "other"]

    /// Mappings that put each column type in a date field (Segment Profiles' `timestamp`) as a template's
    /// text and as a value, and in text and JSON elsewhere.
    static let mappings: [(base: String, fields: String)] = [
        (
            "Profiles track orders",
            #"""
            {"engage_space": "demo-space", "user_id": {"@path": "$.properties.id"}, "event_name": "Scored",
             "timestamp": {"@template": "{{properties.n}}"},
             "properties": {"r": {"@path": "$.properties.r"}, "t": {"@path": "$.properties.t"},
                            "label": {"@template": "{{properties.flag}} {{properties.other}}"}}}
            """#
        ),
        (
            "Profiles track orders",
            #"""
            {"engage_space": "demo-space", "user_id": {"@path": "$.properties.id"}, "event_name": "Scored",
             "timestamp": {"@path": "$.properties.n"}, "properties": {"n": {"@template": "{{properties.n}}"}}}
            """#
        ),
        (
            "Profiles track orders",
            #"""
            {"engage_space": "demo-space", "user_id": {"@path": "$.properties.id"}, "event_name": "Scored",
             "timestamp": {"@template": "{{properties.r}}"}, "properties": {"r": {"@path": "$.properties.r"}}}
            """#
        ),
        (
            "Profiles track orders",
            #"""
            {"engage_space": "demo-space", "user_id": {"@path": "$.properties.id"}, "event_name": "Scored",
             "timestamp": {"@path": "$.properties.t"}, "properties": {"other": {"@path": "$.properties.other"}}}
            """#
        ),
        (
            "Profiles identify users",
            #"""
            {"engage_space": "demo-space", "user_id": {"@template": "{{properties.id}}"},
             "timestamp": {"@template": "{{properties.other}}"},
             "traits": {"n": {"@path": "$.properties.n"}, "r": {"@path": "$.properties.r"},
                        "t": {"@template": "<{{properties.t}}>"}, "flag": {"@path": "$.properties.flag"}}}
            """#
        ),
        (
            "Identify users",
            #"""
            {"user_id": {"@path": "$.properties.id"}, "timestamp": {"@template": "{{properties.n}}"},
             "traits": {"n": {"@path": "$.properties.n"}, "r": {"@template": "{{properties.r}}"},
                        "t": {"@path": "$.properties.t"}, "flag": {"@path": "$.properties.flag"}}}
            """#
        ),
    ]

    @Test(arguments: mappings.indices)
    func planWritesTestMappingsBytesForRandomRecords(index: Int) throws {
        let fixture = try DemoWorkspaceFixture()
        let mapping = try MessagePlanTests.mapping(Self.mappings[index], syncNulls: true, fixture: fixture)
        let plan = try #require(MessagePlan(mapping: mapping, change: .added, columnNames: Self.columnNames))
        var generator = SeededGenerator(seed: UInt64(7_919 + index))
        var planned = 0
        for number in 0..<4_000 {
            let columns = Self.columnNames.map { name in
                (name, name == "id" ? .string("user-\(number)") : RandomColumnValue.next(using: &generator))
            }
            let record = ModelRecord(id: "r\(number)", columns: JSONObject(distinctKeys: columns))
            let messageID = MessageID(high: UInt64(number), low: 1)
            var scratch: [UInt8] = []
            guard let bytes = plan.message(for: record, messageID: messageID, scratch: &scratch) else { continue }
            planned += 1
            let tested = mapping.test(record, change: .added, messageID: messageID.description)
            #expect(bytes == tested.messageBytes, "\(record.columns)")
        }
        #expect(planned > 0)
    }

    /// The same random values stored in SQLite and read back as a scan keeps them (``RowValues``): the
    /// plan writes from the row in place what Test Mapping writes for the row as an object, and plans
    /// the same records as from the object.
    @Test(arguments: mappings.indices)
    func planWritesTestMappingsBytesForRandomSQLiteRows(index: Int) throws {
        let fixture = try DemoWorkspaceFixture()
        let mapping = try MessagePlanTests.mapping(Self.mappings[index], syncNulls: true, fixture: fixture)
        let plan = try #require(MessagePlan(mapping: mapping, change: .added, columnNames: Self.columnNames))
        let connection = try SQLiteConnection(path: ":memory:", mode: .readWriteCreate)
        try connection.execute("CREATE TABLE t (\(Self.columnNames.joined(separator: ", ")))")
        let insert = try connection.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)")
        var generator = SeededGenerator(seed: UInt64(104_729 + index))
        for number in 0..<2_000 {
            try insert.bind(
                Self.columnNames.map { $0 == "id" ? .string("user-\(number)") : RandomColumnValue.next(using: &generator) })
            while try insert.step() {}
            try insert.reset()
        }
        let select = try connection.prepare("SELECT * FROM t ORDER BY rowid")
        let layout = JSONObject.RowLayout(columns: Self.columnNames)
        var planned = 0
        var number = 0
        while try select.step() {
            let row = select.rowValues(layout: layout)
            let record = ModelRecord(id: "r\(number)", columns: JSONObject(layout: layout, value: select.value(at:)))
            let messageID = MessageID(high: UInt64(number), low: 1)
            number += 1
            var scratch: [UInt8] = []
            let fromRow = plan.message(recordID: record.id, values: .row(row), messageID: messageID, scratch: &scratch)
            #expect(fromRow == plan.message(for: record, messageID: messageID, scratch: &scratch), "\(record.columns)")
            guard let fromRow else { continue }
            planned += 1
            #expect(fromRow == mapping.test(record, change: .added, messageID: messageID.description).messageBytes)
        }
        #expect(number == 2_000)
        #expect(planned > 0)
    }

    @Test func aTemplatedIntegerOutsideTheDateRangeIsLeftToTestMapping() throws {
        let fixture = try DemoWorkspaceFixture()
        let mapping = try MessagePlanTests.mapping(Self.mappings[0], syncNulls: true, fixture: fixture)
        let plan = try #require(MessagePlan(mapping: mapping, change: .added, columnNames: Self.columnNames))
        var columns = JSONObject(distinctKeys: Self.columnNames.map { ($0, .string($0)) })
        var scratch: [UInt8] = []
        columns["n"] = 1_700_000_000
        #expect(plan.message(for: ModelRecord(id: "1", columns: columns), messageID: MessageID(high: 1, low: 1), scratch: &scratch) != nil)
        columns["n"] = .integer(100_000_000_000_000_000)
        let record = ModelRecord(id: "1", columns: columns)
        #expect(plan.message(for: record, messageID: MessageID(high: 1, low: 1), scratch: &scratch) == nil)
        #expect(!mapping.test(record, change: .added, messageID: MessageID(high: 1, low: 1).description).isValid)
    }

    @Test func aDateFieldMixingAValueWithOtherTextHasNoPlan() throws {
        let fixture = try DemoWorkspaceFixture()
        let fields = #"""
            {"engage_space": "demo-space", "user_id": {"@path": "$.properties.id"}, "event_name": "Scored",
             "timestamp": {"@template": "{{properties.t}} {{properties.other}}"}}
            """#
        let mapping = try MessagePlanTests.mapping(("Profiles track orders", fields), syncNulls: true, fixture: fixture)
        #expect(MessagePlan(mapping: mapping, change: .added, columnNames: Self.columnNames) == nil)
    }
}

/// A random column value of any type a warehouse gives: null, booleans, integers over the whole 64-bit
/// range and near the edges of dates in seconds, reals of every magnitude, and text of every kind,
/// date-like included.
enum RandomColumnValue {
    static let texts: [JSONValue] = [
        "", " ", "x", "Ada \"the first\" \\ Lovelace\n", "0", "42", "1e21", "true", "t", "é", "2024-02-29T12:00:00Z",
        "2024-02-30", "2024-05-02 10:00:00+00", "2024-05-02 10:00:00 UTC", "2024-05-02 10:00:00.000 -0700",
        "2024-05-02T10:00:00+0000", "05/02/2024", "May 2024", "10:00:00", "infinity", "2024-05-02 BC",
        "1.7146440E9", "1700000000", "8640000000001", "+275760-09-13T00:00:00.001Z", "Hello, 01 Nov 2022",
    ]

    static func next(using generator: inout some RandomNumberGenerator) -> JSONValue {
        switch generator.next() % 8 {
        case 0: return .null
        case 1: return .bool(generator.next() % 2 == 0)
        case 2: return .integer(Int64(bitPattern: generator.next()))
        case 3:
            let edges: [Int64] = [0, -1, 8_640_000_000_000, 8_640_000_000_001, -8_640_000_000_001, 1 << 53, .min, .max]
            return .integer(edges.randomElement(using: &generator)! &+ Int64.random(in: -1...1, using: &generator))
        case 4:
            let double = Double(bitPattern: generator.next())
            return double.isFinite ? .number(double) : .number(-0.0)
        case 5:
            let extremes: [Double] = [
                .leastNonzeroMagnitude, .greatestFiniteMagnitude, -0.0, 1e21, 2.5e-5, 1e-7, 8.64e12, 8.64e12 + 1, 0.5,
            ]
            return .number(extremes.randomElement(using: &generator)!)
        default: return texts.randomElement(using: &generator)!
        }
    }
}

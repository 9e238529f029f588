import Foundation
import Testing

@testable import BackflowCore

/// A PostgreSQL copy row kept as ``RowValues``: the same values as the row read as an object, and the
/// same messages, byte for byte, as Test Mapping's for that object.
@Suite("Postgres rows kept as their values")
struct PostgresRowValuesTests {
    private typealias OID = PostgresValueDecoder.TypeOID

    /// Types of every conversion the decoder makes; 2950 is `uuid`, read as its text.
    private static let types: [UInt32] = [
        OID.int2, OID.int4, OID.int8, OID.oid, OID.float4, OID.float8, OID.numeric, OID.bool, OID.text, OID.varchar,
        OID.timestamptz, OID.bytea, OID.json, OID.jsonb, 2950,
    ]

    /// A text the server could send for a value of `type` (some it never would, to reach the decoder's
    /// fallbacks), or nil for NULL.
    private static func text(of type: UInt32, using generator: inout SeededGenerator) -> String? {
        func pick(_ texts: [String]) -> String { texts.randomElement(using: &generator)! }
        if generator.next() % 7 == 0 { return nil }
        switch type {
        case OID.int2, OID.int4, OID.int8, OID.oid:
            return pick(["0", "-1", "42", "-9223372036854775808", "9223372036854775807", "99999999999999999999", "1x"])
        case OID.float4, OID.float8:
            return pick(["1.5", "-0", "Infinity", "-Infinity", "NaN", "1e+300", "3.14159", "2.5e-05", "x"])
        case OID.numeric: return pick(["42.000", "1.5", "150000000000000000000000", "-7", "NaN", "0.0001"])
        case OID.bool: return pick(["t", "f"])
        case OID.timestamptz: return pick(["2024-05-01 10:30:00.5+00", "2024-05-01 10:30:00+00", "infinity"])
        case OID.bytea: return pick(["\\x", "\\x00ff41", "\\xdeadbeef"])
        case OID.json, OID.jsonb: return pick(["{\"a\": [1, \"x\\ty\"]}", "[1, 2]", "\"text\"", "5", "true", "null"])
        default:
            let text = RandomColumnValue.texts.randomElement(using: &generator)!
            guard case .string(let string) = text else { return "?" }
            return string + pick(["", "\t", "\\", "\r\n", "zoë 名前", "\u{0}"])
        }
    }

    /// A copy's line of `texts`, escaped as the server escapes it.
    private static func line(_ texts: [String?]) -> [UInt8] {
        var rows = PostgresCopyRows()
        for text in texts { rows.append(text) }
        return rows.bytes
    }

    private static func withRow<Result>(
        _ line: [UInt8], types: [UInt32], _ body: (PostgresCopyRow) throws -> Result
    ) rethrows -> Result {
        var fields: [PostgresCopyRow.Field] = []
        return try line.withUnsafeBufferPointer { bytes in
            PostgresCopyRow.split(bytes, into: &fields)
            return try fields.withUnsafeBufferPointer { fields in
                try types.withUnsafeBufferPointer { types in
                    try body(PostgresCopyRow(line: bytes, fields: fields, types: types))
                }
            }
        }
    }

    @Test func readsWhatValuesReadForEveryType() throws {
        var generator = SeededGenerator(seed: 20_261_207)
        let names = ["a", "b", "c", "d", "e", "f", "g", "a", "list[0]"]
        let layout = JSONObject.RowLayout(columns: names)
        var rows = 0
        for _ in 0..<5_000 {
            let types = names.map { _ in Self.types.randomElement(using: &generator)! }
            let texts = types.map { Self.text(of: $0, using: &generator) }
            Self.withRow(Self.line(texts), types: types) { row in
                let object = JSONObject(layout: layout, value: row.value)
                // Every column counts, those a repeated name hides included.
                let holdsObjects = (0..<names.count).contains {
                    switch row.value($0) {
                    case .array, .object: true
                    default: false
                    }
                }
                let kept = row.rowValues(layout: layout)
                #expect((kept == nil) == holdsObjects, "\(texts)")
                guard let kept else { return }
                rows += 1
                let keptEntries = kept.object.entries
                #expect(keptEntries.map(\.key) == object.entries.map(\.key))
                for (keptEntry, entry) in zip(keptEntries, object.entries) {
                    #expect(Self.isSame(keptEntry.value, entry.value), "\(entry.key): \(texts)")
                }
            }
        }
        #expect(rows > 1_000)
    }

    /// The same kind and value, numbers compared by their bits (NaN and -0 included).
    private static func isSame(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left, right) {
        case (.number(let a), .number(let b)): a.bitPattern == b.bitPattern
        case (.number, _), (_, .number): false
        default: left == right
        }
    }

    @Test func repairsEscapedTextThatIsNotUTF8() throws {
        // `\xff` unescapes to a lone 0xFF byte, which reads as U+FFFD, as `String(decoding:)` reads it.
        let line = Array("a\\xffb\tok".utf8)
        let layout = JSONObject.RowLayout(columns: ["s", "t"])
        try Self.withRow(line, types: [OID.text, OID.varchar]) { row in
            let kept = try #require(row.rowValues(layout: layout))
            #expect(kept.object == JSONObject(distinctKeys: [("s", "a\u{FFFD}b"), ("t", "ok")]))
        }
    }

    /// Rows of the message plan tests' columns over PostgreSQL's types: each message the plan writes
    /// from the row is the one it writes from the object and the one Test Mapping shows.
    @Test(arguments: MessagePlanRandomRecordTests.mappings.indices)
    func planWritesTestMappingsBytesForRandomRows(index: Int) throws {
        let fixture = try DemoWorkspaceFixture()
        let names = MessagePlanRandomRecordTests.columnNames
        let mapping = try MessagePlanTests.mapping(MessagePlanRandomRecordTests.mappings[index], syncNulls: true, fixture: fixture)
        let plan = try #require(MessagePlan(mapping: mapping, change: .added, columnNames: names))
        let layout = JSONObject.RowLayout(columns: names)
        var generator = SeededGenerator(seed: UInt64(6_151 + index))
        var planned = 0
        for number in 0..<2_000 {
            let types = names.map { $0 == "id" ? OID.text : Self.types.randomElement(using: &generator)! }
            let texts = zip(names, types).map { $0 == "id" ? "user-\(number)" : Self.text(of: $1, using: &generator) }
            Self.withRow(Self.line(texts), types: types) { row in
                let record = ModelRecord(id: "r\(number)", columns: JSONObject(layout: layout, value: row.value))
                guard let kept = row.rowValues(layout: layout) else { return }
                let messageID = MessageID(high: UInt64(number), low: 6_151)
                var scratch: [UInt8] = []
                let fromRow = plan.message(recordID: record.id, values: .row(kept), messageID: messageID, scratch: &scratch)
                #expect(fromRow == plan.message(for: record, messageID: messageID, scratch: &scratch), "\(texts)")
                guard let fromRow else { return }
                planned += 1
                #expect(fromRow == mapping.test(record, change: .added, messageID: messageID.description).messageBytes, "\(texts)")
            }
        }
        #expect(planned > 0)
    }
}

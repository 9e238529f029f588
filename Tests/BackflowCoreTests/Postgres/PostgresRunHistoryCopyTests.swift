import Foundation
import Testing

@testable import BackflowCore

/// `sync_changes` rows go into PostgreSQL as a copy: every text survives it as it was, and each row
/// keeps its time to the microsecond.
@Suite("Postgres run history copy")
struct PostgresRunHistoryCopyTests {
    @Test func copyFieldsEscapeTheFormatsSpecialBytesAndNulls() {
        var rows = PostgresCopyRows()
        rows.append("a\tb\nc\rd\\e")
        rows.append(nil as String?)
        rows.append("\\N")
        rows.append("")
        rows.endRow()
        rows.append("zoë\u{0}")
        rows.endRow()
        #expect(String(decoding: rows.bytes, as: UTF8.self) == "a\\tb\\nc\\rd\\\\e\t\\N\t\\\\N\t\nzoë\u{FFFD}\n")
    }

    /// Random texts of every length around the 8-byte words the writer tests at once, special bytes
    /// anywhere in them: each reads back as it was (a NUL as U+FFFD).
    @Test func randomTextsReadBackFromTheCopyAsTheyWere() {
        var generator = SeededGenerator(seed: 1_207)
        let pieces = ["a", "zoë", "名", "\\", "\t", "\n", "\r", "\u{0}", "\"", "\u{1}", "N", ".", "~"]
        for _ in 0..<3_000 {
            let texts: [String?] = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                guard generator.next() % 9 != 0 else { return nil }
                return (0..<Int.random(in: 0...20, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                    .joined()
            }
            var rows = PostgresCopyRows()
            for text in texts { rows.append(text) }
            var fields: [PostgresCopyRow.Field] = []
            let read: [String?] = rows.bytes.withUnsafeBufferPointer { line in
                PostgresCopyRow.split(line, into: &fields)
                return fields.map { field in
                    guard !field.isNull else { return nil }
                    let raw = UnsafeBufferPointer(rebasing: line[field.start..<(field.start + field.count)])
                    return String(decoding: field.isEscaped ? PostgresCopyRow.unescape(raw) : Array(raw), as: UTF8.self)
                }
            }
            #expect(read == texts.map { $0?.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") }, "\(texts)")
        }
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000000Z"),
        (1_765_000_000.123456, "2025-12-06T05:46:40.123456Z"),
        (-0.5, "1969-12-31T23:59:59.500000Z"),
        (951_782_400, "2000-02-29T00:00:00.000000Z"),
        (Double.nan, "1970-01-01T00:00:00.000000Z"),
    ])
    func timesAreUTCTextToTheMicrosecond(seconds: Double, text: String) {
        #expect(UTCTimestampText.iso8601(microsecondsOf: seconds) == text)
    }

    @Test func everyTextSurvivesTheCopyAndEachRowKeepsItsTime() throws {
        let url = try TestPostgresServer.database()
        let history = try PostgresRunHistory(url: url)
        let run = try history.start(mapping: "Identify users", leaseToken: nil)
        let hostile = "id\twith\nnew\rlines \\ back \\N \"quoted\" 'single' zoë 名前"
        let payload = JSONValue.object(["traits": .object(["note": .string("tab\there\nline \\N")])])
        try history.addChanges([
            RunChange(
                runID: run, recordID: hostile, change: .added, outcome: .failed, code: .validation,
                reason: "Latitude must be a number\r\nbut it was a string.", messageID: nil, batch: nil,
                samplePayload: payload, time: 1_765_000_000.25),
            RunChange(
                runID: run, recordID: "\\N", change: .updated, outcome: .delivered, code: nil, reason: nil,
                messageID: MessageID(high: 0x0123, low: 0xabcdef), batch: 7, samplePayload: nil, time: 1_765_000_001.000001),
        ])
        let errors = try history.errors(runID: run, limit: 10)
        #expect(errors.map(\.recordID) == [hostile])
        #expect(errors.first?.reason == "Latitude must be a number\r\nbut it was a string.")
        #expect(errors.first?.code == .validation)
        #expect(errors.first?.samplePayload == payload)
        let admin = try PostgresConnection(url: url, readOnly: true)
        let stored = try admin.execute("""
            SELECT record_id, outcome, reason IS NULL, message_id, batch, to_char(at, 'YYYY-MM-DD HH24:MI:SS.US')
            FROM backflow.sync_changes WHERE run_id = $1 ORDER BY at
            """, [String(run)])
        #expect(stored.rowCount == 2)
        #expect(stored.text(row: 0, column: 5) == "2025-12-06 05:46:40.250000")
        #expect((0..<6).map { stored.text(row: 1, column: $0) } == ["\\N", "delivered", "t", "bf-00000000000001230000000000abcdef", "7", "2025-12-06 05:46:41.000001"])
    }
}

import Testing
@testable import BackflowCore

/// Test Mapping warns where a mapped integer is beyond ±2^53, which Backflow sends exactly and
/// Segment's JavaScript would change, naming the field and the value.
@Suite struct InexactIntegerWarningTests {
    /// The warnings of Test Mapping of Send Identify with `fields` (JSON) for a record `id` whose
    /// columns are `columns`, and whether it built a message.
    private func warnings(_ fields: String, id: String = "r1", columns: JSONObject) throws
        -> (warnings: [InexactIntegerWarning], isValid: Bool)
    {
        guard case .object(let mapping) = try JSONReader.parse(fields) else { throw ParseFailure() }
        let destination = Catalog.destination(.connections)
        let action = try #require(destination.action("sendIdentify"))
        let event = RecordEvent.event(
            for: ModelRecord(id: id, columns: columns), change: .added, messageId: "bf-test").objectValue ?? [:]
        let prepared = Result { () throws(MappingError) in try PreparedMapping(mapping) }
        let result = MappingTester.test(mapping: prepared, action: action, of: destination, event: event)
        return (InexactIntegerAudit.warnings(of: result, mapping: prepared), result.isValid)
    }

    private struct ParseFailure: Error {}

    @Test func anIntegerBeyondTwoToThe53InATraitIsNamedWithItsValue() throws {
        let result = try warnings(
            #"{"user_id": "u1", "traits": {"order_count": {"@path": "$.properties.n"}}}"#,
            columns: ["n": .integer(9_007_199_254_740_993)])
        #expect(result.isValid)
        let warning = try #require(result.warnings.first)
        #expect(result.warnings.count == 1)
        #expect(warning.field == "traits.order_count")
        #expect(warning.value == 9_007_199_254_740_993)
        #expect(!warning.isInText)
        #expect(warning.javaScriptText == "9007199254740992")
        #expect(warning.description.hasPrefix("traits.order_count: 9007199254740993 is beyond"))
        #expect(warning.description.hasSuffix("would read as 9007199254740992"))
    }

    @Test func textMadeFromSuchAnIntegerIsNamedToo() throws {
        let result = try warnings(
            #"{"user_id": {"@template": "user-{{properties.n}}"}}"#,
            columns: ["n": .integer(.max)])
        #expect(result.warnings == [InexactIntegerWarning(field: "user_id", value: .max, isInText: true)])
        #expect(result.warnings.first?.javaScriptText == "9223372036854776000")
    }

    @Test func theRecordIdsTextIsKeptByJavaScriptAndWarnsOfNothing() throws {
        let result = try warnings(
            #"{"user_id": {"@path": "$.__segment_id"}, "anonymous_id": {"@template": "{{properties.user_id}}"}}"#,
            id: "1234567890123456789", columns: ["user_id": .integer(1_234_567_890_123_456_789)])
        #expect(result.warnings.map(\.field) == ["anonymous_id"])
    }

    @Test func integersJavaScriptHoldsExactlyGetNoWarning() throws {
        let result = try warnings(
            #"{"user_id": "u1", "traits": {"safe": {"@path": "$.properties.safe"}, "power": {"@path": "$.properties.power"}, "negative": {"@path": "$.properties.negative"}}}"#,
            columns: [
                "safe": .integer(9_007_199_254_740_991), "power": .integer(9_007_199_254_740_992),
                "negative": .integer(-9_007_199_254_740_991),
            ])
        #expect(result.isValid)
        #expect(result.warnings.isEmpty)
    }

    @Test func aNegativeIntegerBeyondTheRangeIsNamed() throws {
        let result = try warnings(
            #"{"user_id": "u1", "traits": {"balance": {"@path": "$.properties.n"}}}"#,
            columns: ["n": .integer(-9_007_199_254_740_993)])
        #expect(result.warnings.map(\.field) == ["traits.balance"])
    }

    @Test func aValueTheActionDropsWarnsOfNothing() throws {
        let result = try warnings(
            #"{"user_id": "u1", "device": {"not_a_device_field": {"@path": "$.properties.n"}}}"#,
            columns: ["n": .integer(9_007_199_254_740_993)])
        #expect(result.isValid)
        #expect(result.warnings.isEmpty)
    }
}

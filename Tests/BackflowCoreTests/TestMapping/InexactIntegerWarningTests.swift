import Testing
@testable import BackflowCore

/// Test Mapping warns where a mapped integer is beyond ±2^53, which Backflow sends exactly and
/// Segment's JavaScript would change, naming the field and the value.
@Suite struct InexactIntegerWarningTests {
    /// Test Mapping of Send Identify with `fields` (JSON) for a record whose columns are `columns`.
    private func test(_ fields: String, columns: JSONObject) throws -> MappingTestResult {
        guard case .object(let mapping) = try JSONReader.parse(fields) else { throw ParseFailure() }
        let destination = Catalog.destination(.connections)
        let action = try #require(destination.action("sendIdentify"))
        let event = RecordEvent.event(
            for: ModelRecord(id: "r1", columns: columns), change: .added, messageId: "bf-test").objectValue ?? [:]
        return MappingTester.test(fields: mapping, action: action, of: destination, event: event)
    }

    private struct ParseFailure: Error {}

    @Test func anIntegerBeyondTwoToThe53InATraitIsNamedWithItsValue() throws {
        let result = try test(
            #"{"user_id": "u1", "traits": {"order_count": {"@path": "$.properties.n"}}}"#,
            columns: ["n": .integer(9_007_199_254_740_993)])
        #expect(result.isValid)
        let warning = try #require(result.inexactIntegers.first)
        #expect(result.inexactIntegers.count == 1)
        #expect(warning.field == "traits.order_count")
        #expect(warning.value == 9_007_199_254_740_993)
        #expect(!warning.isInText)
        #expect(warning.javaScriptText == "9007199254740992")
        #expect(warning.description.hasPrefix("traits.order_count: 9007199254740993 is beyond"))
        #expect(warning.description.hasSuffix("would read as 9007199254740992"))
    }

    @Test func textMadeFromSuchAnIntegerIsNamedToo() throws {
        let result = try test(
            #"{"user_id": {"@template": "user-{{properties.n}}"}}"#,
            columns: ["n": .integer(.max)])
        #expect(result.inexactIntegers == [
            InexactIntegerWarning(field: "user_id", value: .max, isInText: true)
        ])
        #expect(result.inexactIntegers.first?.javaScriptText == "9223372036854776000")
    }

    @Test func integersJavaScriptHoldsExactlyGetNoWarning() throws {
        let result = try test(
            #"{"user_id": "u1", "traits": {"safe": {"@path": "$.properties.safe"}, "power": {"@path": "$.properties.power"}, "negative": {"@path": "$.properties.negative"}}}"#,
            columns: [
                "safe": .integer(9_007_199_254_740_991), "power": .integer(9_007_199_254_740_992),
                "negative": .integer(-9_007_199_254_740_991),
            ])
        #expect(result.isValid)
        #expect(result.inexactIntegers.isEmpty)
    }

    @Test func aNegativeIntegerBeyondTheRangeIsNamed() throws {
        let result = try test(
            #"{"user_id": "u1", "traits": {"balance": {"@path": "$.properties.n"}}}"#,
            columns: ["n": .integer(-9_007_199_254_740_993)])
        #expect(result.inexactIntegers.map(\.field) == ["traits.balance"])
    }

    @Test func aValueTheActionDropsWarnsOfNothing() throws {
        let result = try test(
            #"{"user_id": "u1", "device": {"not_a_device_field": {"@path": "$.properties.n"}}}"#,
            columns: ["n": .integer(9_007_199_254_740_993)])
        #expect(result.isValid)
        #expect(result.inexactIntegers.isEmpty)
    }
}

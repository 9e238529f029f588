import Testing
@testable import BackflowCore

@Suite struct WorkspaceFieldValueTests {
    /// The value `text` gets as a field value in a minimal workspace.
    private func fieldValue(_ text: String) throws -> JSONValue? {
        let yaml = """
            version: 1
            sources: {s: {type: sqlite, path: w.sqlite}}
            models: {m: {source: s, id_column: id, query: SELECT 1}}
            destinations: {d: {type: actions-segment, write_key_env: KEY}}
            mappings:
              - {name: n, destination: d, model: m, action: sendTrack, records: added, fields: {value: \(text)}}

            """
        return try WorkspaceLoader.load(text: yaml).mappings[0].fields["value"]
    }

    @Test(arguments: [
        ("42", JSONValue.integer(42)), ("-7", .integer(-7)), ("+5", .integer(5)), ("0x1F", .integer(31)), ("0o17", .integer(15)),
        ("1.5", .number(1.5)), ("1e3", .number(1000)), (".5", .number(0.5)), ("-2.", .number(-2)),
        ("9223372036854775808", .number(9_223_372_036_854_775_808)),
    ])
    func plainNumbersFollowTheCoreSchema(text: String, expected: JSONValue) throws {
        #expect(try fieldValue(text) == expected)
    }

    @Test(arguments: ["yes", "no", "on", "off", "y", "1_000", "0b101", "09:30", "2024-01-02", "=", "<<", "True-ish"])
    func wordsThatYAML11ReadsAsOtherTypesStayStrings(text: String) throws {
        #expect(try fieldValue(text) == .string(text))
    }

    @Test func onlyTrueAndFalseAreBooleans() throws {
        #expect(try fieldValue("true") == .bool(true))
        #expect(try fieldValue("FALSE") == .bool(false))
    }

    @Test func nullSpellingsAreNull() throws {
        #expect(try fieldValue("~") == .null)
        #expect(try fieldValue("null") == .null)
    }

    @Test func quotedAndTaggedScalarsStayStrings() throws {
        #expect(try fieldValue(#""123""#) == .string("123"))
        #expect(try fieldValue("'true'") == .string("true"))
        #expect(try fieldValue("!!str 5") == .string("5"))
    }

    @Test func anExplicitTagThatDoesNotFitIsReported() {
        let error = #expect(throws: WorkspaceLoadError.self) { try fieldValue("!!int abc") }
        #expect(error?.diagnostics.map(\.description) == [
            #"backflow.yml:6:92: mappings[0].fields.value: "abc" is not a valid !!int value"#
        ])
    }

    @Test func infinityIsNotAJSONNumber() {
        let error = #expect(throws: WorkspaceLoadError.self) { try fieldValue(".inf") }
        #expect(error?.diagnostics.first?.message == ".inf is not a JSON number")
    }
}

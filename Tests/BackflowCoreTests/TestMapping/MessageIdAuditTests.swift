import Testing
@testable import BackflowCore

/// `backflow check`'s warnings about a mapping's messageIds.
@Suite struct MessageIdAuditTests {
    private func warning(_ messageID: String?) throws -> MessageIdWarning? {
        let fields = #"user_id: {"@path": "$.properties.user_id"}"# + (messageID.map { "\nmessage_id: \($0)" } ?? "")
        return MessageIdAudit.warning(for: try MappingDefaultsTests.mapping(fields: fields))
    }

    @Test func theDefaultMessageIdDeservesNoWarning() throws {
        #expect(try warning(nil) == nil)
        #expect(try warning(#"{"@path": "$.messageId"}"#) == nil)
    }

    @Test func anIdBuiltAroundTheMessageIdDeservesNoWarning() throws {
        #expect(try warning(#"{"@template": "crm-{{messageId}}"}"#) == nil)
        #expect(try warning(#"{"@excludeWhenNull": {"@path": "$.messageId"}}"#) == nil)
    }

    @Test func aColumnCanLeaveAMessageWithoutAnId() throws {
        let found = try #require(try warning(#"{"@path": "$.properties.event_id"}"#))
        #expect(found.kind == .canBeMissing)
        #expect(found.location?.line == 20)
        #expect(found.description.hasPrefix("backflow.yml:20:"))
        #expect(found.message.contains(#"{"@path":"$.properties.event_id"}"#))
        #expect(found.message.hasSuffix(#"map it to {"@path": "$.messageId"}, or remove the key to get that default"#))
    }

    @Test func excludeWhenNullAndEmptyValuesCanLeaveAMessageWithoutAnId() throws {
        #expect(try warning(#"{"@excludeWhenNull": {"@path": "$.properties.event_id"}}"#)?.kind == .canBeMissing)
        #expect(try warning(#"{"@template": "{{properties.event_id}}"}"#)?.kind == .canBeMissing)
        #expect(try warning("null")?.kind == .canBeMissing)
        #expect(try warning(#""""#)?.kind == .canBeMissing)
    }

    @Test func aLiteralGivesEveryMessageTheSameId() throws {
        #expect(try warning("import-2024")?.kind == .sameForEveryMessage)
        #expect(try warning(#"{"@literal": "import-2024"}"#)?.kind == .sameForEveryMessage)
        #expect(try warning(#"{"@template": "import-2024"}"#)?.kind == .sameForEveryMessage)
    }

    @Test func anIdReadFromTheRecordAloneRepeatsWithItsValues() throws {
        #expect(try warning(#"{"@path": "$.__segment_id"}"#)?.kind == .repeatsWithValues)
        #expect(try warning(#"{"@template": "user-{{properties.user_id}}"}"#)?.kind == .repeatsWithValues)
    }

    @Test func theJSONDocumentNamesTheMappingFieldAndKind() throws {
        let found = try #require(try warning("import-2024"))
        #expect(found.document.objectValue?["mapping"] == "Mapped")
        #expect(found.document.objectValue?["field"] == "message_id")
        #expect(found.document.objectValue?["kind"] == "same_for_every_message")
    }
}

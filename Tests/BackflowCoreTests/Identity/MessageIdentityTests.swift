import Testing
@testable import BackflowCore

@Suite struct MessageIdentityTests {
    private let mapping = MappingIdentity(workspaceID: "ws_aaaaaaaaaaaaaaaaaaaa", mappingID: "m1", mappingName: "Identify")

    private func id(
        _ mapping: MappingIdentity? = nil, generation: String = "g1", record: String = "u1", version: Int64 = 1,
        checksum: String = "c1", change: RecordChange = .added
    ) -> MessageID {
        MessageIdentity(mapping: mapping ?? self.mapping, generation: generation)
            .messageID(recordID: record, version: version, checksum: checksum, change: change)
    }

    @Test func aResendOfTheSameVersionCarriesTheSameId() {
        #expect(id() == id())
    }

    @Test func everyPartOfTheIdentityGivesADifferentId() {
        let ids = [
            id(),
            id(MappingIdentity(workspaceID: "ws_bbbbbbbbbbbbbbbbbbbb", mappingID: "m1", mappingName: "Identify")),
            id(MappingIdentity(workspaceID: "ws_aaaaaaaaaaaaaaaaaaaa", mappingID: "m2", mappingName: "Identify")),
            id(generation: "g2"), id(record: "u2"), id(version: 2), id(checksum: "c2"), id(change: .updated),
        ]
        #expect(Set(ids).count == ids.count)
    }

    @Test func theDisplayNameIsNotPartOfTheId() {
        #expect(id(MappingIdentity(workspaceID: mapping.workspaceID, mappingID: "m1", mappingName: "Renamed")) == id())
    }

    @Test func partsCannotRunIntoEachOther() {
        #expect(id(record: "u1", checksum: "c1") != id(record: "u1c", checksum: "1"))
    }

    @Test func theIdIsShortAndPrefixed() {
        let text = id().description
        #expect(text.hasPrefix("bf-"))
        #expect(text.count == 35)
        #expect(text.dropFirst(3).allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(id().withUTF8 { Array($0) } == Array(text.utf8))
    }
}

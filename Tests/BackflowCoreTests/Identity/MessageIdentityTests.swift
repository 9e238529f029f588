import Testing
@testable import BackflowCore

@Suite struct MessageIdentityTests {
    private let mapping = MappingIdentity(workspaceID: "ws_aaaaaaaaaaaaaaaaaaaa", mappingID: "m1", mappingName: "Identify")

    private func id(
        _ mapping: MappingIdentity? = nil, generation: String = "g1", record: String = "u1", version: Int64 = 1,
        checksum: String = "c1", change: RecordChange = .added
    ) -> String {
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
        #expect(id().hasPrefix("bf-"))
        #expect(id().count == 35)
    }
}

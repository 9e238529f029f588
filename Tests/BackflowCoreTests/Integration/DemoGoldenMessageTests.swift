import Foundation
import Testing
@testable import BackflowCore

/// Test Mapping on demo records gives exactly the message Segment's action would send, for every
/// action of both destinations (golden files in Fixtures/golden).
@Suite struct DemoGoldenMessageTests {
    static let goldens: [(mapping: String, file: String)] = [
        ("Identify users", "identify-users"),
        ("Track orders", "track-orders"),
        ("Track deleted users", "track-deleted-users"),
        ("Page views", "page-views"),
        ("App screens", "app-screens"),
        ("Group accounts", "group-accounts"),
        ("Profiles identify users", "profiles-identify-users"),
        ("Profiles group accounts", "profiles-group-accounts"),
        ("Profiles track orders", "profiles-track-orders"),
        ("Subscriptions", "subscriptions"),
    ]

    @Test(arguments: goldens)
    func messageMatchesGolden(mapping name: String, file: String) throws {
        let fixture = try DemoWorkspaceFixture()
        let session = try fixture.session()
        let mapping = try session.mapping(named: name)
        let record = try session.testRecord(for: mapping)
        let result = mapping.test(record)
        #expect(result.problems.isEmpty)
        let message = try #require(result.message)
        let url = try #require(Bundle.module.url(forResource: file, withExtension: "json", subdirectory: "Fixtures/golden"))
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(JSONWriter.pretty(.object(message)) + "\n" == golden)
        // A sync's builder threads each work on a copy of the mapping: it must build the same bytes.
        let copy = try #require(mapping.unshared().test(record).message)
        #expect(JSONWriter.compact(.object(copy)) == JSONWriter.compact(.object(message)))
    }

    @Test func everyActionOfBothDestinationsHasAGolden() throws {
        let fixture = try DemoWorkspaceFixture()
        let session = try fixture.session()
        let covered = Set(try Self.goldens.map { golden in
            let mapping = try session.mapping(named: golden.mapping)
            return "\(mapping.destination.slug)/\(mapping.action.key)"
        })
        let all = Set(Catalog.destinations.flatMap { destination in destination.actions.map { "\(destination.slug)/\($0.key)" } })
        #expect(covered == all)
    }

    @Test func messageIdIsTheSameOnEveryTestOfAnUnchangedRecord() throws {
        let fixture = try DemoWorkspaceFixture()
        let session = try fixture.session()
        let mapping = try session.mapping(named: "Identify users")
        let record = try session.testRecord(for: mapping)
        #expect(mapping.test(record).message?["messageId"] == mapping.test(record).message?["messageId"])
        #expect(mapping.test(record, change: .updated).message?["messageId"] != mapping.test(record).message?["messageId"])
    }
}

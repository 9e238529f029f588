import BackflowSink
import Foundation
import Testing
@testable import BackflowCore

/// A mapping that does not mention `message_id` still sends Segment an id on every message: the
/// hidden field's default, `$.messageId`, as Segment's editor would have saved it.
@Suite struct SyncDefaultMessageIdTests {
    @Test func aMappingWithoutMessageIdSendsAMessageIdOnEveryMessage() async throws {
        let fixture = try await SyncFixture(users: 300)
        var mapping = SyncFixture.Mapping()
        mapping.fields = """
            user_id: {"@path": "$.properties.user_id"}
            traits:
              email: {"@path": "$.properties.email"}
            """
        let session = try fixture.session([mapping])
        let result = try await fixture.sync(session, "Identify users")
        #expect(result.progress.delivered == 300)
        let received = await fixture.received()
        #expect(received.count == 300)
        let ids = received.compactMap { $0["messageId"]?.stringValue }.filter { !$0.isEmpty }
        #expect(ids.count == 300)
        #expect(Set(ids).count == 300)
        try await fixture.stop()
    }
}

import BackflowCore
@testable import BackflowSink
import Testing

@Suite("Sink requirements, faults and configuration")
struct SinkUnitTests {
    static let requirementCases: [(JSONObject, String?)] = [
        (["type": "identify", "userId": "u"], nil),
        (["type": "page", "anonymousId": "a"], nil),
        (["type": "identify", "userId": ""], "no_user_anon_id"),
        (["type": "track", "userId": "u"], "no_event"),
        (["type": "track", "userId": "u", "event": "E"], nil),
        (["type": "group", "userId": "u"], "no_group_id"),
        (["type": "group", "userId": "u", "groupId": 42], nil),
        (["type": "alias", "userId": "u"], "no_alias_ids"),
        (["type": "alias", "userId": "u", "previousId": "p"], nil),
        (["type": "purchase", "userId": "u"], "invalid_type"),
        (["userId": "u"], "invalid_type"),
    ]

    @Test(arguments: requirementCases)
    func requiredFieldsFollowTheTrackingAPI(message: JSONObject, reason: String?) {
        #expect(MessageRequirements.dropReason(MessageFields(message)) == reason)
    }

    @Test func theSameSeedReplaysTheSameFaults() {
        let faults = SinkFaults(failRate: 0.2, failStatus: 503, dropRate: 0.1, seed: 42)
        var first = FaultInjector(faults: faults)
        var second = FaultInjector(faults: faults)
        let sequence = (0..<200).map { _ in first.next() }
        #expect(sequence == (0..<200).map { _ in second.next() })
        let failures = sequence.filter { $0 == .fail(status: 503) }.count
        let drops = sequence.filter { $0 == .dropConnection }.count
        #expect((20...60).contains(failures))
        #expect((5...35).contains(drops))
    }

    @Test func noFaultsMeansEveryRequestProceeds() {
        var injector = FaultInjector(faults: .none)
        #expect((0..<50).allSatisfy { _ in injector.next() == .proceed })
    }

    @Test func aNonLoopbackHostNeedsAllowRemote() throws {
        #expect(throws: SinkConfigurationError.remoteHostNeedsOptIn("0.0.0.0")) {
            try SinkConfiguration(host: "0.0.0.0").validate()
        }
        try SinkConfiguration(host: "0.0.0.0", allowsRemoteClients: true).validate()
    }

    @Test func faultSettingsOutOfRangeAreRefused() {
        #expect(throws: SinkConfigurationError.invalidFaults("--fail-status must be 429, 500 or 503, not 404")) {
            try SinkConfiguration(faults: SinkFaults(failRate: 0.5, failStatus: 404)).validate()
        }
        #expect(throws: SinkConfigurationError.invalidFaults("--fail-rate plus --drop-rate must not exceed 1")) {
            try SinkConfiguration(faults: SinkFaults(failRate: 0.7, dropRate: 0.5)).validate()
        }
    }

    @Test func writeKeyFingerprintIsTheStartOfItsSHA256() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let twoBlocks = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(twoBlocks) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(WriteKeyFingerprint.of("abc") == "ba7816bf8f01cfea")
    }

    @Test func basicCredentialsReadTheUserNameBeforeTheColon() {
        #expect(BasicCredentials.writeKey(fromAuthorization: "Basic YWJjOg==") == .writeKey("abc"))
        #expect(BasicCredentials.writeKey(fromAuthorization: "basic YWJj") == .writeKey("abc"))
        #expect(BasicCredentials.writeKey(fromAuthorization: nil) == .absent)
        #expect(BasicCredentials.writeKey(fromAuthorization: "Basic !!!") == .malformed)
    }
}

import BackflowCore
import Testing

@Suite("HTTP endpoint policy")
struct HTTPEndpointPolicyTests {
    @Test(arguments: [
        "https://api.segment.io/v1", "https://events.eu1.segmentapis.com/v1/", "http://127.0.0.1:8710/v1",
        "http://127.42.0.9/v1", "http://localhost:8710/v1", "http://LOCALHOST/v1", "http://[::1]:8710/v1",
    ])
    func acceptsHTTPSAnywhereAndHTTPOnLoopback(base: String) throws {
        try EndpointPolicy.validate(base)
    }

    @Test func refusesPlainHTTPToARemoteHost() {
        #expect(throws: EndpointPolicyError.plainHTTPToRemoteHost("example.com")) {
            try EndpointPolicy.validate("http://example.com/v1")
        }
        #expect(
            EndpointPolicyError.plainHTTPToRemoteHost("example.com").description
                == "refusing to send over plain http to example.com: only loopback receivers may use http")
    }

    @Test(arguments: ["http://128.0.0.1/v1", "http://127.0.0.1.example.com/v1", "http://10.0.0.5:8710/v1"])
    func refusesPlainHTTPToLookalikesOfLoopback(base: String) {
        #expect(throws: EndpointPolicyError.self) { try EndpointPolicy.validate(base) }
    }

    @Test func refusesOtherSchemes() {
        #expect(throws: EndpointPolicyError.unsupportedScheme("ftp")) { try EndpointPolicy.validate("ftp://api.segment.io/v1") }
    }

    @Test func refusesTextThatIsNotAURL() {
        #expect(throws: EndpointPolicyError.notAURL("api.segment.io")) { try EndpointPolicy.validate("api.segment.io") }
    }

    @Test func refusesCredentialsInTheURLWithoutRepeatingThem() {
        #expect(throws: EndpointPolicyError.credentialsInURL) {
            try EndpointPolicy.validate("https://wk_123:@api.segment.io/v1")
        }
        #expect(!EndpointPolicyError.credentialsInURL.description.contains("wk_123"))
    }

    @Test func batchURLAppendsBatchWhateverTheTrailingSlash() {
        #expect(EndpointPolicy.batchURL(base: "https://api.segment.io/v1") == "https://api.segment.io/v1/batch")
        #expect(EndpointPolicy.batchURL(base: "https://api.segment.io/v1/") == "https://api.segment.io/v1/batch")
    }

    @Test func loopbackHostRejectsOutOfRangeOctets() {
        #expect(LoopbackHost.contains("127.255.255.254"))
        #expect(!LoopbackHost.contains("127.0.0.256"))
        #expect(!LoopbackHost.contains("127.0.0"))
    }
}

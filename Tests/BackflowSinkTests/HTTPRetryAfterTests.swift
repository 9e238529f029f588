import BackflowCore
import Foundation
import Testing

@Suite("HTTP Retry-After")
struct HTTPRetryAfterTests {
    @Test func readsDeltaSeconds() {
        #expect(RetryAfterHeader.seconds(retryAfter: "7", rateLimitReset: nil) == 7)
        #expect(RetryAfterHeader.seconds(retryAfter: " 1.5 ", rateLimitReset: nil) == 1.5)
    }

    @Test func readsAnHTTPDateAsSecondsFromNow() {
        let now = Date(timeIntervalSince1970: 784_111_747)  // Sun, 06 Nov 1994 08:49:07 GMT
        let seconds = RetryAfterHeader.seconds(retryAfter: "Sun, 06 Nov 1994 08:49:37 GMT", rateLimitReset: nil, now: now)
        #expect(seconds == 30)
    }

    @Test func aDateInThePastMeansRetryNow() {
        let now = Date(timeIntervalSince1970: 784_111_800)
        #expect(RetryAfterHeader.seconds(retryAfter: "Sun, 06 Nov 1994 08:49:37 GMT", rateLimitReset: nil, now: now) == 0)
    }

    @Test func fallsBackToRateLimitReset() {
        #expect(RetryAfterHeader.seconds(retryAfter: nil, rateLimitReset: "12") == 12)
        #expect(RetryAfterHeader.seconds(retryAfter: "soon", rateLimitReset: "3") == 3)
    }

    @Test func givesNilWithoutAUsableHeader() {
        #expect(RetryAfterHeader.seconds(retryAfter: nil, rateLimitReset: nil) == nil)
        #expect(RetryAfterHeader.seconds(retryAfter: "-4", rateLimitReset: "later") == nil)
    }
}

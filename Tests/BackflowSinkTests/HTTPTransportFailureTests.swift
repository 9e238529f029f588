import AsyncHTTPClient
@testable import BackflowCore
import Foundation
import NIOCore
import Testing

@Suite("HTTP transport failures")
struct HTTPTransportFailureTests {
    func reason(_ error: any Error) -> String {
        TransportFailure.describe(error, host: "api.example.com", timeout: 2.5).reason
    }

    @Test(arguments: [HTTPClientError.deadlineExceeded, .readTimeout, .connectTimeout, .tlsHandshakeTimeout])
    func aTimeoutSaysHowLongItWaited(error: HTTPClientError) {
        #expect(reason(error) == "no answer from api.example.com within 2.5 s (timed out)")
    }

    @Test func aRefusedConnectionNamesTheHost() {
        #expect(reason(IOError(errnoCode: ECONNREFUSED, reason: "connect")) == "api.example.com refused the connection")
    }

    @Test(arguments: [
        HTTPClientError.remoteConnectionClosed as any Error, IOError(errnoCode: ECONNRESET, reason: "read"), ChannelError.eof,
    ])
    func aConnectionClosedBeforeTheAnswerIsADrop(error: any Error) {
        #expect(reason(error) == "api.example.com dropped the connection without an answer")
    }

    @Test func anUnknownErrorIsNamedByItsTypeNeverByItsText() {
        struct Chatty: Error, CustomStringConvertible {
            var description: String { "Authorization: Basic \(testWriteKey)" }
        }
        #expect(reason(Chatty()) == "the request to api.example.com failed before an answer (Chatty)")
    }
}

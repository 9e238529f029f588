import BackflowCore
import Foundation
import NIOCore
import NIOHTTP1

/// Serves the requests of one keep-alive connection in order.
struct SinkConnection: Sendable {
    let ledger: SinkLedger
    let inspector: TrackingRequestInspector
    let faults: SinkFaults
    let requestLog: (@Sendable (String) -> Void)?

    /// Bytes kept of a request body: one more than the largest the sink accepts, enough to tell
    /// it is too large without holding more of it.
    private static let bodyKeepLimit = TrackingAPILimits.maximumBatchBytes + 1

    private enum Answer {
        case respond(SinkResponse)
        case closeWithoutAnswer
    }

    func serve(_ channel: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        await ledger.connectionOpened()
        try? await channel.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            var bodyByteCount = 0
            for try await part in inbound {
                switch part {
                case .head(let requestHead):
                    head = requestHead
                    body.removeAll(keepingCapacity: true)
                    bodyByteCount = 0
                    if requestHead.headers[canonicalForm: "expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                        try await outbound.write(.head(HTTPResponseHead(version: requestHead.version, status: .continue)))
                    }
                case .body(let chunk):
                    bodyByteCount += chunk.readableBytes
                    let room = Self.bodyKeepLimit - body.count
                    if room > 0 { body.append(contentsOf: chunk.readableBytesView.prefix(room)) }
                case .end:
                    guard let requestHead = head else { return }
                    switch await answer(requestHead, body: body, bodyByteCount: bodyByteCount) {
                    case .closeWithoutAnswer:
                        return
                    case .respond(let response):
                        try await write(response, for: requestHead, to: outbound)
                        if !requestHead.isKeepAlive { return }
                    }
                    head = nil
                }
            }
        }
    }

    private func answer(_ head: HTTPRequestHead, body: [UInt8], bodyByteCount: Int) async -> Answer {
        switch SinkRoute(method: head.method.rawValue, uri: head.uri) {
        case .stats:
            return .respond(.json(200, await ledger.currentStats.json))
        case .notFound:
            return .respond(.failure(404, "no such endpoint: \(head.method.rawValue) \(head.uri)"))
        case .methodNotAllowed(let allowed):
            return .respond(.failure(405, "\(head.uri) takes \(allowed)", headers: [("Allow", allowed)]))
        case .tracking(let call):
            let decision = await ledger.admit(bodyByteCount: bodyByteCount)
            if faults.slowMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(faults.slowMilliseconds)) }
            let answer: Answer
            let summary: String
            switch decision {
            case .dropConnection:
                answer = .closeWithoutAnswer
                summary = "dropped the connection (injected)"
            case .fail(let status):
                answer = .respond(injectedFailure(status))
                summary = "\(status) (injected)"
            case .proceed:
                let request = TrackingRequest(
                    call: call, authorization: head.headers.first(name: "authorization"),
                    contentEncoding: head.headers.first(name: "content-encoding"), body: body,
                    bodyByteCount: bodyByteCount, receivedAt: Date())
                let verdict = inspector.inspect(request)
                let response = await ledger.record(verdict)
                answer = .respond(response)
                summary = Self.describe(verdict, status: response.status)
            }
            requestLog?("\(head.method.rawValue) \(head.uri) \(summary)")
            return answer
        }
    }

    private func injectedFailure(_ status: Int) -> SinkResponse {
        guard status == 429 else { return .failure(status, "injected failure") }
        let seconds = String(faults.retryAfterSeconds)
        return .failure(429, "rate limited (injected)", headers: [("Retry-After", seconds), ("X-RateLimit-Reset", seconds)])
    }

    private func write(
        _ response: SinkResponse, for request: HTTPRequestHead,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
        headers.add(name: "Content-Length", value: String(response.body.count))
        headers.add(name: "Connection", value: request.isKeepAlive ? "keep-alive" : "close")
        let head = HTTPResponseHead(version: request.version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        try await outbound.write(contentsOf: [
            .head(head), .body(.byteBuffer(ByteBuffer(bytes: response.body))), .end(nil),
        ])
    }

    private static func describe(_ verdict: TrackingVerdict, status: Int) -> String {
        switch verdict {
        case .rejected(let status, let reason):
            return "\(status): \(reason)"
        case .received(let received):
            return "\(status): \(received.valid.count) valid, \(received.dropReasons.count) dropped"
        }
    }
}

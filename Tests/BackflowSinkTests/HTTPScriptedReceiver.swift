import NIOCore
import NIOHTTP1
import NIOPosix

/// One answer a `ScriptedReceiver` gives to every request.
struct ScriptedAnswer: Sendable {
    var status: HTTPResponseStatus
    var headers: [(String, String)] = []
    var body = ""
}

/// A loopback HTTP/1.1 server that records each request's head and answers them all alike: for
/// what the sink does not do (redirects, long answers) or does not show (request headers).
struct ScriptedReceiver {
    let port: Int
    let log: ReceivedRequests

    var url: String { "http://127.0.0.1:\(port)/v1/batch" }
}

actor ReceivedRequests {
    private(set) var heads: [HTTPRequestHead] = []
    /// Each request's body, as text.
    private(set) var bodies: [String] = []
    private(set) var connections = 0

    func connectionOpened() { connections += 1 }
    func received(_ head: HTTPRequestHead) { heads.append(head) }
    func received(body: String) { bodies.append(body) }
}

/// Starts a `ScriptedReceiver` on a free loopback port, runs `body` against it and stops it.
func withScriptedReceiver<T>(
    answering answer: ScriptedAnswer, _ body: (ScriptedReceiver) async throws -> T
) async throws -> T {
    let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .bind(host: "127.0.0.1", port: 0) { child in
            child.eventLoop.makeCompletedFuture {
                try child.pipeline.syncOperations.configureHTTPServerPipeline()
                return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: child)
            }
        }
    let log = ReceivedRequests()
    let serving = Task {
        await withDiscardingTaskGroup { group in
            try? await listener.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask { await serve(connection, answer: answer, log: log) }
                }
            }
            group.cancelAll()
        }
    }
    defer {
        listener.channel.close(promise: nil)
        serving.cancel()
    }
    return try await body(ScriptedReceiver(port: listener.channel.localAddress?.port ?? 0, log: log))
}

private func serve(
    _ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, answer: ScriptedAnswer,
    log: ReceivedRequests
) async {
    await log.connectionOpened()
    try? await connection.executeThenClose { inbound, outbound in
        var body = ByteBuffer()
        for try await part in inbound {
            switch part {
            case .head(let head):
                await log.received(head)
                body.clear()
            case .body(var chunk):
                body.writeBuffer(&chunk)
            case .end:
                await log.received(body: String(buffer: body))
                var headers = HTTPHeaders(answer.headers)
                headers.add(name: "Content-Length", value: String(answer.body.utf8.count))
                try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: answer.status, headers: headers)))
                try await outbound.write(.body(.byteBuffer(ByteBuffer(string: answer.body))))
                try await outbound.write(.end(nil))
            }
        }
    }
}

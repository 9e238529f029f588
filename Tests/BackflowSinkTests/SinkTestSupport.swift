import BackflowCore
import BackflowSink
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A sink started on a free loopback port for one test.
struct RunningSink {
    let server: SinkServer
    let port: Int

    var base: String { "http://127.0.0.1:\(port)/v1" }
    var batchURL: String { EndpointPolicy.batchURL(base: base) }
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }
}

/// Starts a sink on port 0 with `configuration`, runs `body` against it and stops it.
func withSink<T>(
    _ configuration: SinkConfiguration = SinkConfiguration(), _ body: (RunningSink) async throws -> T
) async throws -> T {
    var configuration = configuration
    configuration.port = 0
    let server = SinkServer(configuration: configuration)
    let port = try await server.start()
    do {
        let result = try await body(RunningSink(server: server, port: port))
        try await server.stop()
        return result
    } catch {
        try? await server.stop()
        throw error
    }
}

let testWriteKey = "wk_Secret_9f3a7c1e"

enum TestMessages {
    static func identify(_ userId: String, messageId: String? = nil) -> JSONValue {
        var message: JSONObject = ["type": "identify", "userId": .string(userId), "traits": ["plan": "pro"]]
        if let messageId { message["messageId"] = .string(messageId) }
        return .object(message)
    }

    static func batchBody(_ messages: [JSONValue], extra: JSONObject = [:]) -> [UInt8] {
        var root: JSONObject = ["batch": .array(messages)]
        root.merge(extra)
        return Array(JSONWriter.compact(.object(root)).utf8)
    }

    static func batchRequest(
        _ sink: RunningSink, _ messages: [JSONValue], writeKey: String = testWriteKey, allowsGzip: Bool = true
    ) -> BatchRequest {
        BatchRequest(url: sink.batchURL, writeKey: writeKey, body: batchBody(messages), allowsGzip: allowsGzip)
    }
}

/// A POST with exactly these headers, for requests the transport would never make.
func rawPost(_ url: String, headers: [String: String] = [:], body: [UInt8]) async throws -> (status: Int, body: String) {
    var request = URLRequest(url: URL(string: url)!)
    request.httpMethod = "POST"
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    request.httpBody = Data(body)
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as! HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
}

func rawGet(_ url: String) async throws -> (status: Int, body: String) {
    let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
    return ((response as! HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
}

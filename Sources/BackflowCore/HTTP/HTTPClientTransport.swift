import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The real `TrackingAPITransport`, on AsyncHTTPClient: one `HTTPClient` whose connections (at most
/// `maximumConnectionsPerHost` to a host) are kept alive and reused across batches. It refuses
/// endpoints `EndpointPolicy` refuses, never follows redirects (they would carry the write key
/// elsewhere) and never puts the write key in an error.
///
/// The transport owns its client, so whoever holds a transport (a `SyncEngine`, a test) has nothing to
/// close: the client runs on NIO's process-wide event loops, so a transport starts no threads of its
/// own, and when the last reference to the transport goes, the client is shut down in the background
/// (its idle connections closed) without blocking the thread that dropped it.
public final class HTTPClientTransport: TrackingAPITransport {
    public static let userAgent = "backflow/0.1"
    /// How much of an answer's body `BatchResponse.bodyExcerpt` keeps.
    static let excerptLength = 512

    private let client: HTTPClient
    private let timeout: Double
    private let timeLimit: TimeAmount

    /// - Parameters:
    ///   - timeout: seconds a request may go without an answer (and an answer without its next bytes)
    ///     before it fails as a `TransportError`.
    ///   - maximumConnectionsPerHost: the most HTTP/1.1 connections open to one host at once.
    public init(timeout: Double = 30, maximumConnectionsPerHost: Int = 8) {
        let timeLimit = TimeAmount.nanoseconds(Int64(timeout * 1_000_000_000))
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(connect: timeLimit, read: timeLimit, write: timeLimit))
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = maximumConnectionsPerHost
        // A connection that cannot be made fails its request at once, with its cause (refused,
        // unresolvable), instead of being retried until the timeout: `BatchDeliverer` retries it
        // under its own policy and budget.
        configuration.connectionPool.retryConnectionEstablishment = false
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.timeout = timeout
        self.timeLimit = timeLimit
    }

    deinit {
        client.shutdown { _ in }
    }

    public func send(_ request: BatchRequest) async throws(TransportError) -> BatchResponse {
        let host = try Self.permittedHost(of: request.url)
        do {
            let response = try await client.execute(Self.makeRequest(request), timeout: timeLimit)
            let excerpt = try await Self.excerpt(of: response.body)
            let retryAfter = RetryAfterHeader.seconds(
                retryAfter: response.headers.first(name: "Retry-After"),
                rateLimitReset: response.headers.first(name: "X-RateLimit-Reset"))
            return BatchResponse(status: Int(response.status.code), retryAfter: retryAfter, bodyExcerpt: excerpt)
        } catch {
            throw TransportFailure.describe(error, host: host, timeout: timeout)
        }
    }

    /// The host of `url`, for error reasons, once `EndpointPolicy` allows sending there.
    private static func permittedHost(of url: String) throws(TransportError) -> String {
        do {
            try EndpointPolicy.validate(url)
        } catch {
            throw TransportError(reason: error.description)
        }
        return URLComponents(string: url)?.host ?? "the receiver"
    }

    private static func makeRequest(_ request: BatchRequest) -> HTTPClientRequest {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = .POST
        outgoing.headers.add(name: "Content-Type", value: "application/json")
        outgoing.headers.add(name: "User-Agent", value: userAgent)
        outgoing.headers.add(name: "Authorization", value: basicAuthorization(writeKey: request.writeKey))
        var body = request.body
        if request.allowsGzip {
            let compressed = Gzip.compress(body)
            if compressed.count < body.count {
                body = compressed
                outgoing.headers.add(name: "Content-Encoding", value: "gzip")
            }
        }
        outgoing.body = .bytes(ByteBuffer(bytes: body))
        return outgoing
    }

    /// The first `excerptLength` bytes of the body as text. The whole body is read, so the
    /// connection is left at the end of the answer and can carry the next request.
    static func excerpt(of body: HTTPClientResponse.Body) async throws -> String {
        var kept: [UInt8] = []
        for try await chunk in body where kept.count < excerptLength {
            kept += chunk.readableBytesView.prefix(excerptLength - kept.count)
        }
        return String(decoding: kept, as: UTF8.self)
    }

    /// Segment's Basic auth: the write key as user name and an empty password (the colon stays).
    static func basicAuthorization(writeKey: String) -> String {
        "Basic " + Data((writeKey + ":").utf8).base64EncodedString()
    }
}

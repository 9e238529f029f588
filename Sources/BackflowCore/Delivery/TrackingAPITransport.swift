import Foundation

/// One HTTP request to the Tracking API's batch endpoint, ready to send.
public struct BatchRequest: Sendable {
    /// The full URL, e.g. `https://api.segment.io/v1/batch`.
    public let url: String
    /// The write key for Basic auth (`writeKey:`). Never logged or printed.
    public let writeKey: String
    /// The JSON body, uncompressed.
    public let body: [UInt8]
    /// Compress the body with gzip (`Content-Encoding: gzip`) when that makes it smaller. A sync
    /// asks for it only where it pays (see ``gzipPays(sendingTo:)``).
    public let allowsGzip: Bool

    public init(url: String, writeKey: String, body: [UInt8], allowsGzip: Bool = true) {
        self.url = url
        self.writeKey = writeKey
        self.body = body
        self.allowsGzip = allowsGzip
    }

    /// Whether gzip'ing bodies sent to `url` is worth its CPU. Across a network it is: batch JSON
    /// shrinks several times over, which saves upload time and bandwidth. Not to a receiver on this
    /// machine (a loopback host): the bytes never leave the kernel, so compressing here and inflating
    /// there would only cost both processes CPU.
    public static func gzipPays(sendingTo url: String) -> Bool {
        guard let host = URLComponents(string: url)?.host else { return true }
        return !LoopbackHost.contains(host)
    }
}

/// What the receiver answered.
public struct BatchResponse: Sendable {
    public let status: Int
    /// `Retry-After` (or `X-RateLimit-Reset`) in seconds, when the answer carried one.
    public let retryAfter: Double?
    /// The start of the body, for error reports.
    public let bodyExcerpt: String

    public init(status: Int, retryAfter: Double?, bodyExcerpt: String) {
        self.status = status
        self.retryAfter = retryAfter
        self.bodyExcerpt = bodyExcerpt
    }
}

/// Why a request got no HTTP answer at all (refused, reset, timed out): always worth a retry.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public let reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}

/// Sends one batch request. The real one speaks HTTP; retries and pacing are the caller's job.
public protocol TrackingAPITransport: Sendable {
    func send(_ request: BatchRequest) async throws(TransportError) -> BatchResponse
}

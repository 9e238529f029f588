import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real `TrackingAPITransport`: one `URLSession` whose connections are kept alive and reused
/// across batches. It refuses endpoints `EndpointPolicy` refuses, never follows redirects (they
/// would carry the write key elsewhere) and never puts the write key in an error.
public final class URLSessionTransport: TrackingAPITransport {
    public static let userAgent = "backflow/0.1"
    /// How much of an answer's body `BatchResponse.bodyExcerpt` keeps.
    static let excerptLength = 512

    private let session: URLSession
    private let timeout: Double

    /// - Parameters:
    ///   - timeout: seconds a request may go without an answer before it fails as a `TransportError`.
    ///   - maximumConnectionsPerHost: the most requests in flight to one host at once.
    public init(timeout: Double = 30, maximumConnectionsPerHost: Int = 8) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpMaximumConnectionsPerHost = maximumConnectionsPerHost
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        self.session = URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
        self.timeout = timeout
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    public func send(_ request: BatchRequest) async throws(TransportError) -> BatchResponse {
        let urlRequest = try makeURLRequest(request)
        let host = urlRequest.url?.host ?? "the receiver"
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch {
            throw TransportFailure.describe(error, host: host, timeout: timeout)
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError(reason: "\(host) answered with something other than HTTP")
        }
        let retryAfter = RetryAfterHeader.seconds(
            retryAfter: Self.header("Retry-After", in: http),
            rateLimitReset: Self.header("X-RateLimit-Reset", in: http))
        let excerpt = String(decoding: data.prefix(Self.excerptLength), as: UTF8.self)
        return BatchResponse(status: http.statusCode, retryAfter: retryAfter, bodyExcerpt: excerpt)
    }

    private func makeURLRequest(_ request: BatchRequest) throws(TransportError) -> URLRequest {
        do {
            try EndpointPolicy.validate(request.url)
        } catch {
            throw TransportError(reason: error.description)
        }
        guard let url = URL(string: request.url) else {
            throw TransportError(reason: EndpointPolicyError.notAURL(request.url).description)
        }
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = "POST"
        urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
        urlRequest.setValue(Self.userAgent, forHTTPHeaderField: "User-Agent")
        urlRequest.setValue(Self.basicAuthorization(writeKey: request.writeKey), forHTTPHeaderField: "Authorization")
        var body = request.body
        if request.allowsGzip {
            let compressed = Gzip.compress(body)
            if compressed.count < body.count {
                body = compressed
                urlRequest.setValue("gzip", forHTTPHeaderField: "Content-Encoding")
            }
        }
        urlRequest.httpBody = Data(body)
        return urlRequest
    }

    /// Segment's Basic auth: the write key as user name and an empty password (the colon stays).
    static func basicAuthorization(writeKey: String) -> String {
        "Basic " + Data((writeKey + ":").utf8).base64EncodedString()
    }

    private static func header(_ name: String, in response: HTTPURLResponse) -> String? {
        for (key, value) in response.allHeaderFields {
            if let key = key as? String, key.caseInsensitiveCompare(name) == .orderedSame {
                return value as? String
            }
        }
        return nil
    }
}

/// Answers every redirect with "don't follow": the 3xx itself becomes the batch's response.
private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore

/// Why a webhook did not take a notice. The reason names the host, never the URL: webhook URLs
/// carry their own credential.
public struct WebhookError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String

    public var description: String { reason }
}

/// Posts a JSON body to a webhook (a Slack incoming webhook, a chat bridge, an on-call service):
/// https only, plain http only to this machine, no redirects, a short timeout and a couple of retries
/// for answers worth retrying, so that a receiver that is down costs a sync seconds, not minutes.
public final class WebhookPoster: Sendable {
    private let client: HTTPClient
    private let timeout: Double
    private let retryDelays: [Double]

    /// - Parameters:
    ///   - timeout: seconds one attempt may take.
    ///   - retryDelays: the pause before each retry; their count is the number of retries.
    public init(timeout: Double = 5, retryDelays: [Double] = [0.5, 2]) {
        let timeLimit = TimeAmount.nanoseconds(Int64(timeout * 1_000_000_000))
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(connect: timeLimit, read: timeLimit, write: timeLimit))
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.timeout = timeout
        self.retryDelays = retryDelays
    }

    deinit {
        client.shutdown { _ in }
    }

    /// Posts `body` to `url` until it is answered 2xx, answered something not worth retrying, or the
    /// retries are spent.
    public func post(_ body: [UInt8], to url: String) async throws(WebhookError) {
        let host = try Self.permittedHost(of: url)
        var failure = WebhookError(reason: "")
        for delay in [0] + retryDelays {
            if delay > 0 { try? await Task.sleep(for: .seconds(delay)) }
            switch await attempt(body, to: url, host: host) {
            case .accepted: return
            case .refused(let reason): throw WebhookError(reason: reason)
            case .retryable(let reason): failure = WebhookError(reason: reason)
            }
        }
        throw retryDelays.isEmpty ? failure : WebhookError(reason: failure.reason + " (after \(retryDelays.count + 1) attempts)")
    }

    private enum Attempt {
        case accepted
        case refused(String)
        case retryable(String)
    }

    private func attempt(_ body: [UInt8], to url: String, host: String) async -> Attempt {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: HTTPClientTransport.userAgent)
        request.body = .bytes(ByteBuffer(bytes: body))
        let status: Int
        let excerpt: String
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout * 1_000_000_000)))
            status = Int(response.status.code)
            excerpt = try await HTTPClientTransport.excerpt(of: response.body)
        } catch {
            return .retryable(TransportFailure.describe(error, host: host, timeout: timeout).reason)
        }
        if (200..<300).contains(status) { return .accepted }
        let answer = excerpt.isEmpty ? "" : ": " + excerpt.replacingOccurrences(of: url, with: SecretMask.mask(url))
        let reason = "\(host) answered HTTP \(status)\(answer)"
        return status == 408 || status == 429 || status >= 500 ? .retryable(reason) : .refused(reason)
    }

    /// The host of `url` once ``EndpointPolicy`` allows posting there, with reasons that never repeat the URL.
    private static func permittedHost(of url: String) throws(WebhookError) -> String {
        do {
            try EndpointPolicy.validate(url)
        } catch {
            switch error {
            case .notAURL, .missingHost:
                throw WebhookError(reason: "the webhook URL is not a URL with a host, such as https://hooks.slack.com/services/…")
            case .credentialsInURL:
                throw WebhookError(reason: "the webhook URL carries a user name or password, which Backflow does not send")
            case .unsupportedScheme, .plainHTTPToRemoteHost:
                throw WebhookError(reason: error.description)
            }
        }
        return URLComponents(string: url)?.host ?? "the webhook"
    }
}

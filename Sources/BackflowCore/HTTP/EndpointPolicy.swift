import Foundation

/// Why Backflow refuses to send to an endpoint.
public enum EndpointPolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    case notAURL(String)
    case unsupportedScheme(String)
    case missingHost(String)
    /// Credentials in the URL would travel and be logged with it; the write key has its own setting.
    case credentialsInURL
    case plainHTTPToRemoteHost(String)

    public var description: String {
        switch self {
        case .notAURL(let text):
            "\"\(text)\" is not a URL: expected something like https://api.segment.io/v1"
        case .unsupportedScheme(let scheme):
            "unsupported scheme \"\(scheme)\": Backflow sends over https (or http to a loopback receiver)"
        case .missingHost(let text):
            "\"\(text)\" names no host"
        case .credentialsInURL:
            "the endpoint URL carries a user name or password: remove it and set the write key instead"
        case .plainHTTPToRemoteHost(let host):
            "refusing to send over plain http to \(host): only loopback receivers may use http"
        }
    }
}

/// Where Backflow may send write keys: https anywhere, plain http only to this machine
/// (a `backflow sink` or another local receiver), because Basic auth over http exposes the key.
public enum EndpointPolicy {
    /// Checks a base such as `https://api.segment.io/v1` or `http://127.0.0.1:8710/v1`.
    public static func validate(_ base: String) throws(EndpointPolicyError) {
        guard let components = URLComponents(string: base), let scheme = components.scheme?.lowercased() else {
            throw .notAURL(base)
        }
        guard scheme == "https" || scheme == "http" else { throw .unsupportedScheme(scheme) }
        guard let host = components.host, !host.isEmpty else { throw .missingHost(base) }
        guard components.user == nil, components.password == nil else { throw .credentialsInURL }
        if scheme == "http", !LoopbackHost.contains(host) { throw .plainHTTPToRemoteHost(host) }
    }

    /// The batch endpoint under `base`: `https://api.segment.io/v1` and `https://api.segment.io/v1/`
    /// both give `https://api.segment.io/v1/batch`.
    public static func batchURL(base: String) -> String {
        var trimmed = Substring(base)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return trimmed + "/batch"
    }
}

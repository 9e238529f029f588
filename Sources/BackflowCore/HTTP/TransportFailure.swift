import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Turns a URL loading failure into a `TransportError` whose reason names the host and what went
/// wrong. It is built from the error's code only, never from its message or the request, so no
/// header (and so no write key) can leak into it.
enum TransportFailure {
    static func describe(_ error: any Error, host: String, timeout: Double) -> TransportError {
        guard let urlError = error as? URLError else {
            return TransportError(reason: "the request to \(host) failed before an answer (\(type(of: error)))")
        }
        let reason: String
        switch urlError.code {
        case .timedOut:
            reason = "no answer from \(host) within \(JSONWriter.formatNumber(timeout)) s (timed out)"
        case .cannotConnectToHost:
            reason = "\(host) refused the connection"
        case .networkConnectionLost, .badServerResponse, .zeroByteResource:
            reason = "\(host) dropped the connection without an answer"
        case .cannotFindHost, .dnsLookupFailed:
            reason = "cannot resolve the host \(host)"
        case .notConnectedToInternet:
            reason = "no network connection to reach \(host)"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            reason = "the TLS connection to \(host) failed (URLError \(urlError.code.rawValue))"
        case .cancelled:
            reason = "the request to \(host) was cancelled"
        default:
            reason = "the request to \(host) failed without an answer (URLError \(urlError.code.rawValue))"
        }
        return TransportError(reason: reason)
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Turns a failed request into a `TransportError` whose reason names the host and what went wrong.
/// It is built from the error's kind and code only, never from its message or the request, so no
/// header (and so no write key) can leak into it.
enum TransportFailure {
    static func describe(_ error: any Error, host: String, timeout: Double) -> TransportError {
        TransportError(reason: reason(for: error, host: host, timeout: timeout))
    }

    private static func reason(for error: any Error, host: String, timeout: Double) -> String {
        let timedOut = "no answer from \(host) within \(JSONWriter.formatNumber(timeout)) s (timed out)"
        let dropped = "\(host) dropped the connection without an answer"
        switch error {
        case let clientError as HTTPClientError:
            switch clientError {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout,
                .getConnectionFromPoolTimeout:
                return timedOut
            case .remoteConnectionClosed:
                return dropped
            case .cancelled:
                return "the request to \(host) was cancelled"
            default:
                return "the request to \(host) failed without an answer (HTTPClientError)"
            }
        case let connectionError as NIOConnectionError:
            // Happy Eyeballs' summary of connecting to a host name: the first address's failure says why.
            if let first = connectionError.connectionErrors.first {
                return reason(for: first.error, host: host, timeout: timeout)
            }
            return "cannot resolve the host \(host)"
        case let ioError as IOError:
            switch ioError.errnoCode {
            case ECONNREFUSED: return "\(host) refused the connection"
            case ECONNRESET, EPIPE: return dropped
            case ETIMEDOUT: return timedOut
            case ENETUNREACH, EHOSTUNREACH, ENETDOWN: return "no network connection to reach \(host)"
            default: return "the request to \(host) failed without an answer (errno \(ioError.errnoCode))"
            }
        case ChannelError.connectTimeout:
            return timedOut
        case ChannelError.eof, ChannelError.ioOnClosedChannel, ChannelError.alreadyClosed, ChannelError.outputClosed,
            ChannelError.inputClosed:
            return dropped
        case is HTTPParserError:
            return "\(host) answered with something other than HTTP"
        case is NIOSSLError, is NIOSSLExtraError, is BoringSSLError:
            return "the TLS connection to \(host) failed (\(type(of: error)))"
        case is CancellationError:
            return "the request to \(host) was cancelled"
        default:
            return "the request to \(host) failed before an answer (\(type(of: error)))"
        }
    }
}

import Foundation
@testable import BackflowCore

/// The real HTTP transport, keeping the body of every request the receiver accepted: the sink stores
/// messages parsed and written again, which would hide a difference of number text, key order or
/// escaping, so tests that compare a sync's messages byte for byte read the bytes it sent.
final class RecordingTransport: TrackingAPITransport, @unchecked Sendable {
    private let transport = HTTPClientTransport()
    // `lock` guards `accepted`: batches of one sync are sent concurrently.
    private let lock = NSLock()
    private var accepted: [[UInt8]] = []

    func send(_ request: BatchRequest) async throws(TransportError) -> BatchResponse {
        let response = try await transport.send(request)
        if response.status == 200 {
            lock.withLock { accepted.append(request.body) }
        }
        return response
    }

    /// The messages of the bodies accepted since the last call, each as the exact bytes sent.
    func takeMessages() -> [String] {
        let bodies = lock.withLock {
            defer { accepted.removeAll() }
            return accepted
        }
        return bodies.flatMap(Self.messages(inBatch:))
    }

    /// A message with every `bf-` id written as one placeholder, to compare a sync's messages with
    /// others': a sync's message ids are its own (see ``MessageIdentity``).
    static func withoutMessageIDs(_ message: String) -> String {
        message.replacing(messageIDPattern, with: "bf-<message id>")
    }

    nonisolated(unsafe) private static let messageIDPattern = try! Regex("bf-[0-9a-f]{32}")

    /// The messages of a `{"batch":[m1,m2,…],"sentAt":…}` body (``BatchAssembler``'s form), cut at the
    /// commas between them.
    static func messages(inBatch body: [UInt8]) -> [String] {
        let opening = Array(#"{"batch":["#.utf8)
        guard body.starts(with: opening) else { return [] }
        var messages: [String] = []
        var depth = 0
        var inString = false
        var escaped = false
        var start = opening.count
        for index in opening.count..<body.count {
            let byte = body[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard depth > 0 else {
                    messages.append(String(decoding: body[start..<index], as: UTF8.self))
                    return messages
                }
                depth -= 1
            case UInt8(ascii: ",") where depth == 0:
                messages.append(String(decoding: body[start..<index], as: UTF8.self))
                start = index + 1
            default:
                break
            }
        }
        return messages
    }
}

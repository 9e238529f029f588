import BackflowCore
import Foundation

/// Checks a tracking request the way the Tracking API does: the write key, the size limits, the
/// JSON and each message's required fields. Pure, so connections run it side by side.
struct TrackingRequestInspector: Sendable {
    /// Only this key is let in; nil lets in any non-empty key.
    let acceptedWriteKey: String?
    /// Whether the sink stores what it accepts (in a file or in memory), so that each valid
    /// message needs its stored form, built from the body parsed into a tree.
    let storesMessages: Bool

    func inspect(_ request: TrackingRequest) -> TrackingVerdict {
        let headerKey = BasicCredentials.writeKey(fromAuthorization: request.authorization)
        if let refusal = authorizationRefusal(headerKey) { return refusal }

        let limit = request.call == .batch ? TrackingAPILimits.maximumBatchBytes : TrackingAPILimits.maximumMessageBytes
        let subject = request.call == .batch ? "the batch body" : "the message"
        let body: [UInt8]
        switch decodedBody(request, limit: limit, subject: subject) {
        case .success(let decoded): body = decoded
        case .failure(let rejection): return rejection.verdict
        }

        // The scanner reads what the checks need; the body is parsed into a tree only when it
        // declines (and the tree words the error) or when messages are stored.
        let facts: TrackingBodyFacts
        var tree: JSONObject?
        let scanned = TrackingBodyScanner.facts(of: body, call: request.call)
        if let scanned, !storesMessages {
            facts = scanned
        } else {
            do {
                guard let object = try JSONReader.parse(bytes: body).objectValue else {
                    return .rejected(status: 400, reason: "the body must be a JSON object")
                }
                tree = object
                facts = scanned ?? TrackingBodyFacts(root: object, call: request.call)
            } catch {
                return .rejected(status: 400, reason: "the body is not valid JSON: \(error.description)")
            }
        }

        let writeKey: String
        switch headerKey {
        case .writeKey(let key): writeKey = key
        case .absent, .malformed:
            guard let bodyKey = facts.writeKey else {
                return .rejected(
                    status: 401, reason: "no write key: send Authorization: Basic base64(writeKey:) or a writeKey field")
            }
            if let refusal = authorizationRefusal(.writeKey(bodyKey)) { return refusal }
            writeKey = bodyKey
        }

        guard let messages = facts.messages else {
            return .rejected(status: 400, reason: "the body needs a \"batch\" array of messages")
        }
        let stored = storesMessages ? tree.map { StoredForms(root: $0, call: request.call, receivedAt: request.receivedAt) } : nil
        return sortMessages(messages, call: request.call, writeKey: writeKey, storedForms: stored)
    }

    private func authorizationRefusal(_ outcome: BasicCredentials.Outcome) -> TrackingVerdict? {
        switch outcome {
        case .absent:
            return nil
        case .malformed:
            return .rejected(status: 401, reason: "the Authorization header is not Basic base64(writeKey:)")
        case .writeKey(let key) where key.isEmpty:
            return .rejected(status: 401, reason: "the write key is empty")
        case .writeKey(let key):
            if let acceptedWriteKey, key != acceptedWriteKey {
                return .rejected(status: 401, reason: "this write key is not accepted by this sink")
            }
            return nil
        }
    }

    private struct Rejection: Error {
        let verdict: TrackingVerdict
    }

    private func decodedBody(_ request: TrackingRequest, limit: Int, subject: String) -> Result<[UInt8], Rejection> {
        let tooLarge = { (size: String) in
            Rejection(verdict: .rejected(status: 400, reason: "\(subject) \(size), over the \(limit)-byte limit"))
        }
        if request.bodyByteCount > limit { return .failure(tooLarge("is \(request.bodyByteCount) bytes")) }
        switch request.contentEncoding?.lowercased() {
        case nil, "identity":
            return .success(request.body)
        case "gzip":
            do {
                let inflated = try Gzip.decompress(request.body, limit: limit)
                return .success(inflated)
            } catch .tooLarge {
                return .failure(tooLarge("inflates to more than \(limit) bytes"))
            } catch {
                return .failure(Rejection(verdict: .rejected(status: 400, reason: error.description)))
            }
        case let other?:
            return .failure(Rejection(verdict: .rejected(status: 415, reason: "unsupported Content-Encoding \(other)")))
        }
    }

    /// Splits the messages into kept and dropped. A message over 32 KB fails the whole request,
    /// as the Tracking API answers 400 to it; past the 2,500th the rest are dropped with a 200.
    private func sortMessages(
        _ messages: [MessageFacts], call: TrackingCall, writeKey: String, storedForms: StoredForms?
    ) -> TrackingVerdict {
        for (index, message) in messages.enumerated() where message.compactByteCount > TrackingAPILimits.maximumMessageBytes {
            let name = call == .batch ? "batch[\(index)]" : "the message"
            return .rejected(
                status: 400,
                reason: "\(name) is \(message.compactByteCount) bytes, over the \(TrackingAPILimits.maximumMessageBytes)-byte limit")
        }
        let fingerprint = WriteKeyFingerprint.of(writeKey)
        var received = ReceivedMessages(writeKeyFingerprint: fingerprint, valid: [], dropReasons: [])
        received.valid.reserveCapacity(min(messages.count, TrackingAPILimits.maximumBatchMessages))
        for (index, message) in messages.enumerated() {
            guard index < TrackingAPILimits.maximumBatchMessages else {
                received.dropReasons.append("over_batch_message_limit")
                continue
            }
            guard var fields = message.fields else {
                received.dropReasons.append("not_an_object")
                continue
            }
            if call != .batch { fields.type = call.rawValue }
            if let reason = MessageRequirements.dropReason(fields) {
                received.dropReasons.append(reason)
            } else {
                received.valid.append(
                    ValidMessage(messageId: fields.messageId, stored: storedForms?.message(at: index, writeKeyHash: fingerprint)))
            }
        }
        return .received(received)
    }
}

/// Builds valid messages as the sink stores them, from the body parsed into a tree: without the
/// write key, with a batch's `context` and `integrations` applied (a single call's `type` set
/// from its path instead), and with `receivedAt` and `writeKeyHash` added.
private struct StoredForms {
    let root: JSONObject
    let call: TrackingCall
    let messages: [JSONValue]
    let receivedAt: String

    init(root: JSONObject, call: TrackingCall, receivedAt: Date) {
        self.root = root
        self.call = call
        self.messages = TrackingBodyFacts.messages(in: root, call: call) ?? []
        self.receivedAt = Self.timestamp(receivedAt)
    }

    func message(at index: Int, writeKeyHash: String) -> StoredMessage? {
        guard var object = messages[index].objectValue else { return nil }
        object["writeKey"] = nil
        if call == .batch {
            object = inheritingBatchFields(object)
        } else {
            object["type"] = .string(call.rawValue)
        }
        object["receivedAt"] = .string(receivedAt)
        object["writeKeyHash"] = .string(writeKeyHash)
        return StoredMessage(object: object, line: JSONWriter.compact(.object(object)))
    }

    /// A batch's top-level `context` and `integrations` apply to each message; the message's own
    /// keys win.
    private func inheritingBatchFields(_ message: JSONObject) -> JSONObject {
        var message = message
        for field in ["context", "integrations"] {
            guard let shared = root[field]?.objectValue else { continue }
            var merged = shared
            if let own = message[field]?.objectValue { merged.merge(own) }
            message[field] = .object(merged)
        }
        return message
    }

    /// ISO-8601 in UTC with milliseconds, as Segment writes `receivedAt`.
    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}

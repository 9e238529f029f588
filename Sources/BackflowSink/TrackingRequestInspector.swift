import BackflowCore

/// Checks a tracking request the way the Tracking API does: the write key, the size limits, the
/// JSON and each message's required fields. Pure, so connections run it side by side.
struct TrackingRequestInspector: Sendable {
    /// Only this key is let in; nil lets in any non-empty key.
    let acceptedWriteKey: String?

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

        let root: JSONObject
        do {
            guard let object = try JSONReader.parse(bytes: body).objectValue else {
                return .rejected(status: 400, reason: "the body must be a JSON object")
            }
            root = object
        } catch {
            return .rejected(status: 400, reason: "the body is not valid JSON: \(error.description)")
        }

        let writeKey: String
        switch headerKey {
        case .writeKey(let key): writeKey = key
        case .absent, .malformed:
            guard let bodyKey = root["writeKey"]?.stringValue else {
                return .rejected(
                    status: 401, reason: "no write key: send Authorization: Basic base64(writeKey:) or a writeKey field")
            }
            if let refusal = authorizationRefusal(.writeKey(bodyKey)) { return refusal }
            writeKey = bodyKey
        }

        let messages: [JSONValue]
        if request.call == .batch {
            guard let batch = root["batch"]?.arrayValue else {
                return .rejected(status: 400, reason: "the body needs a \"batch\" array of messages")
            }
            messages = batch
        } else {
            messages = [.object(root)]
        }
        return sortMessages(messages, call: request.call, root: root, writeKey: writeKey, receivedAt: request.receivedAt)
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
        _ messages: [JSONValue], call: TrackingCall, root: JSONObject, writeKey: String, receivedAt: String
    ) -> TrackingVerdict {
        for (index, message) in messages.enumerated() {
            let size = JSONWriter.compactByteCount(message)
            if size > TrackingAPILimits.maximumMessageBytes {
                let name = call == .batch ? "batch[\(index)]" : "the message"
                return .rejected(
                    status: 400,
                    reason: "\(name) is \(size) bytes, over the \(TrackingAPILimits.maximumMessageBytes)-byte limit")
            }
        }
        let fingerprint = WriteKeyFingerprint.of(writeKey)
        var received = ReceivedMessages(writeKeyFingerprint: fingerprint, valid: [], dropReasons: [])
        for (index, message) in messages.enumerated() {
            guard index < TrackingAPILimits.maximumBatchMessages else {
                received.dropReasons.append("over_batch_message_limit")
                continue
            }
            guard var object = message.objectValue else {
                received.dropReasons.append("not_an_object")
                continue
            }
            object["writeKey"] = nil
            if call == .batch {
                object = inheritingBatchFields(object, root: root)
            } else {
                object["type"] = .string(call.rawValue)
            }
            if let reason = MessageRequirements.dropReason(object) {
                received.dropReasons.append(reason)
            } else {
                object["receivedAt"] = .string(receivedAt)
                object["writeKeyHash"] = .string(fingerprint)
                received.valid.append(
                    StorableMessage(
                        messageId: object["messageId"]?.stringValue, stored: object, line: JSONWriter.compact(.object(object))))
            }
        }
        return .received(received)
    }

    /// A batch's top-level `context` and `integrations` apply to each message; the message's own
    /// keys win.
    private func inheritingBatchFields(_ message: JSONObject, root: JSONObject) -> JSONObject {
        var message = message
        for field in ["context", "integrations"] {
            guard let shared = root[field]?.objectValue else { continue }
            var merged = shared
            if let own = message[field]?.objectValue { merged.merge(own) }
            message[field] = .object(merged)
        }
        return message
    }
}

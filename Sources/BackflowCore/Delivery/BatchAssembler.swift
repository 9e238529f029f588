import Foundation

/// Packs encoded messages into `/batch` request bodies `{"batch":[m1,m2,...],"sentAt":"<UTC ms>"}` that
/// never exceed the body size or message count limits.
///
/// Bodies are built by appending bytes: the messages are not decoded or re-encoded, which matters on the
/// hot path of a large sync. `sentAt` is stamped when a batch receives its first message, so the exact
/// size of the closing envelope is known before any message is accepted into it.
public struct BatchAssembler<Tag: Sendable>: Sendable {
    public let limits: BatchLimits
    private let now: @Sendable () -> Date
    private var body: [UInt8] = []
    private var tags: [Tag] = []
    /// How many messages the last closed batch held: room for as many is kept for the next one's tags,
    /// which grew by doubling, copying every tag each time.
    private var lastBatchCount = 0
    private var closing: [UInt8] = []

    private static var opening: [UInt8] { Array(#"{"batch":["#.utf8) }

    /// - Parameter now: the clock for `sentAt`; injectable so tests get a fixed body.
    /// `limits` must leave room for one largest message in its envelope.
    public init(limits: BatchLimits = .trackingAPI, now: @escaping @Sendable () -> Date = { Date() }) {
        precondition(
            limits.maximumMessages >= 1
                && Self.envelopeByteCount(messageCount: 1, sentAt: SentAtTimestamp.text(for: Date(timeIntervalSince1970: 0)))
                    + limits.maximumMessageBytes <= limits.maximumBodyBytes,
            "batch limits leave no room for a largest message"
        )
        self.limits = limits
        self.now = now
    }

    /// Adds one message. Returns the batch that the message closed (because it did not fit, or because the
    /// batch reached its message count), or `nil` while the current batch is still filling.
    ///
    /// A message over the per-message limit is refused alone by throwing; the open batch is unchanged.
    public mutating func add(_ message: EncodedMessage<Tag>) throws(OversizedMessage<Tag>) -> ReadyBatch<Tag>? {
        let size = message.bytes.count
        guard size <= limits.maximumMessageBytes else {
            throw OversizedMessage(tag: message.tag, byteCount: size, limit: limits.maximumMessageBytes)
        }
        var closed: ReadyBatch<Tag>?
        if !tags.isEmpty && body.count + 1 + size + closing.count > limits.maximumBodyBytes {
            closed = close()
        }
        if tags.isEmpty {
            open()
        } else {
            body.append(UInt8(ascii: ","))
        }
        body.append(contentsOf: message.bytes)
        tags.append(message.tag)
        if closed == nil && tags.count >= limits.maximumMessages {
            closed = close()
        }
        return closed
    }

    /// Closes and returns the batch being filled, if it holds any message.
    public mutating func flush() -> ReadyBatch<Tag>? {
        tags.isEmpty ? nil : close()
    }

    /// Bytes the envelope adds around `count` messages: the opening, the commas and the closing with `sentAt`.
    public static func envelopeByteCount(messageCount count: Int, sentAt: String) -> Int {
        opening.count + max(count - 1, 0) + closingBytes(sentAt: sentAt).count
    }

    private mutating func open() {
        closing = Self.closingBytes(sentAt: SentAtTimestamp.text(for: now()))
        body = []
        body.reserveCapacity(limits.maximumBodyBytes)
        body.append(contentsOf: Self.opening)
        tags.reserveCapacity(lastBatchCount)
    }

    private mutating func close() -> ReadyBatch<Tag> {
        body.append(contentsOf: closing)
        let batch = ReadyBatch(body: body, tags: tags)
        lastBatchCount = tags.count
        body = []
        tags = []
        return batch
    }

    private static func closingBytes(sentAt: String) -> [UInt8] {
        Array(#"],"sentAt":""#.utf8) + Array(sentAt.utf8) + Array(#""}"#.utf8)
    }
}

/// One message already written as compact JSON (UTF-8), with the caller's handle on the record it came from.
///
/// The tag travels with the message through batching and delivery and comes back in every outcome, so the
/// caller can tell which records were acknowledged without parsing anything.
public struct EncodedMessage<Tag: Sendable>: Sendable {
    public let bytes: [UInt8]
    public let tag: Tag

    public init(bytes: [UInt8], tag: Tag) {
        self.bytes = bytes
        self.tag = tag
    }
}

/// A complete `/batch` request body and the tags of the messages inside it, in order.
public struct ReadyBatch<Tag: Sendable>: Sendable {
    public let body: [UInt8]
    public let tags: [Tag]

    public init(body: [UInt8], tags: [Tag]) {
        self.body = body
        self.tags = tags
    }
}

/// A message the Tracking API would refuse for its size; only this record fails, the batch goes on.
public struct OversizedMessage<Tag: Sendable>: Error, Sendable, CustomStringConvertible {
    public let tag: Tag
    public let byteCount: Int
    public let limit: Int

    public init(tag: Tag, byteCount: Int, limit: Int) {
        self.tag = tag
        self.byteCount = byteCount
        self.limit = limit
    }

    public var reason: String {
        "message is \(byteCount) bytes as JSON; the Tracking API accepts at most \(limit) bytes per message"
    }

    public var description: String { reason }
}

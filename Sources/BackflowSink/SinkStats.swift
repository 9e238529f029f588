import BackflowCore

/// What a sink has received since it started. `GET /stats` answers with `json`.
public struct SinkStats: Sendable, Equatable {
    /// TCP connections opened; fewer than `requests` when senders keep connections alive.
    public var connections = 0
    /// Tracking API requests (`POST /v1/...`), whatever their answer.
    public var requests = 0
    /// Request body bytes as they arrived on the wire (compressed when gzipped).
    public var bytesReceived = 0
    /// Messages stored: valid, within the limits and not seen before.
    public var acceptedMessages = 0
    /// Messages answered 200 but not stored because they lacked a required field or came past
    /// the 2,500th of a batch (the Tracking API drops these silently too).
    public var droppedMessages = 0
    /// Dropped messages by reason, e.g. `no_user_anon_id`.
    public var droppedByReason: [String: Int] = [:]
    /// Messages whose `messageId` was already accepted under the same write key; not stored again.
    public var duplicateMessages = 0
    /// Requests answered 4xx: bad auth, too large, not JSON, no batch.
    public var rejectedRequests = 0
    /// Requests answered with the injected fault status.
    public var injectedFailures = 0
    /// Requests whose connection was closed on purpose without an answer.
    public var droppedConnections = 0

    public init() {}

    public var json: JSONValue {
        var reasons = JSONObject()
        for reason in droppedByReason.keys.sorted() { reasons[reason] = .integer(Int64(droppedByReason[reason]!)) }
        return .object([
            "connections": .integer(Int64(connections)),
            "requests": .integer(Int64(requests)),
            "bytesReceived": .integer(Int64(bytesReceived)),
            "acceptedMessages": .integer(Int64(acceptedMessages)),
            "droppedMessages": .integer(Int64(droppedMessages)),
            "droppedByReason": .object(reasons),
            "duplicateMessages": .integer(Int64(duplicateMessages)),
            "rejectedRequests": .integer(Int64(rejectedRequests)),
            "injectedFailures": .integer(Int64(injectedFailures)),
            "droppedConnections": .integer(Int64(droppedConnections)),
        ])
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// One line for a console, e.g. at shutdown.
    public var summary: String {
        "\(Self.count(requests, "request")) on \(Self.count(connections, "connection")), \(bytesReceived) bytes: "
            + "\(acceptedMessages) accepted, \(droppedMessages) dropped, \(duplicateMessages) duplicate; "
            + "\(rejectedRequests) rejected, \(Self.count(injectedFailures, "injected failure")), "
            + "\(Self.count(droppedConnections, "dropped connection"))"
    }
}

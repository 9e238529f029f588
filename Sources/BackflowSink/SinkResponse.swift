import BackflowCore

/// An answer the sink writes, before HTTP framing.
struct SinkResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// A JSON answer; Segment answers `{"success": true}` to anything it takes.
    static func json(_ status: Int, _ value: JSONValue, headers: [(name: String, value: String)] = []) -> SinkResponse {
        SinkResponse(
            status: status, headers: [("Content-Type", "application/json")] + headers,
            body: Array(JSONWriter.compact(value).utf8))
    }

    static let success = json(200, .object(["success": .bool(true)]))

    static func failure(_ status: Int, _ message: String, headers: [(name: String, value: String)] = []) -> SinkResponse {
        json(status, .object(["success": .bool(false), "message": .string(message)]), headers: headers)
    }
}

/// The Tracking API call a `/v1/...` path names.
enum TrackingCall: String, Sendable, CaseIterable {
    case batch, identify, track, page, screen, group, alias
}

/// What the sink does with a request line.
enum SinkRoute: Sendable, Equatable {
    case tracking(TrackingCall)
    case stats
    case methodNotAllowed(allowed: String)
    case notFound

    init(method: String, uri: String) {
        let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        if path == "/stats" {
            self = method == "GET" ? .stats : .methodNotAllowed(allowed: "GET")
            return
        }
        guard path.hasPrefix("/v1/"), let call = TrackingCall(rawValue: String(path.dropFirst(4))) else {
            self = .notFound
            return
        }
        self = method == "POST" ? .tracking(call) : .methodNotAllowed(allowed: "POST")
    }
}

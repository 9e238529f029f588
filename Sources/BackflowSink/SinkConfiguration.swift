import BackflowCore

/// Why a sink cannot start with its configuration.
public enum SinkConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case remoteHostNeedsOptIn(String)
    case invalidPort(Int)
    case invalidFaults(String)
    case emptyAcceptedWriteKey
    case cannotOpenOutput(path: String, reason: String)
    case cannotListen(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case .remoteHostNeedsOptIn(let host):
            "refusing to listen on \(host): the sink listens on loopback only unless --allow-remote is given"
        case .invalidPort(let port):
            "the port must be between 0 and 65535, not \(port)"
        case .invalidFaults(let problem):
            problem
        case .emptyAcceptedWriteKey:
            "the accepted write key is empty: set the environment variable to a write key"
        case .cannotOpenOutput(let path, let reason):
            "cannot write messages to \(path): \(reason)"
        case .cannotListen(let host, let port, let reason):
            "cannot listen on \(host):\(port): \(reason)"
        }
    }
}

/// How a `SinkServer` listens, whom it lets in, where it stores what it accepts and which
/// faults it injects.
public struct SinkConfiguration: Sendable {
    public var host: String
    /// 0 picks any free port; `SinkServer.start()` returns the one bound.
    public var port: Int
    /// Listening on a non-loopback address needs this, since the sink accepts any write key.
    public var allowsRemoteClients: Bool
    /// Only this write key is let in; nil lets in any non-empty key.
    public var acceptedWriteKey: String?
    /// Accepted messages are appended here as NDJSON (the file is truncated at start).
    public var outputPath: String?
    /// Keep accepted messages for `SinkServer.acceptedMessages()`; turn off for large runs.
    public var keepsMessagesInMemory: Bool
    public var faults: SinkFaults
    /// Called with one line per tracking request (method, path, status, counts), for a console.
    public var requestLog: (@Sendable (String) -> Void)?

    public init(
        host: String = "127.0.0.1", port: Int = 8710, allowsRemoteClients: Bool = false,
        acceptedWriteKey: String? = nil, outputPath: String? = nil, keepsMessagesInMemory: Bool = true,
        faults: SinkFaults = .none, requestLog: (@Sendable (String) -> Void)? = nil
    ) {
        self.host = host
        self.port = port
        self.allowsRemoteClients = allowsRemoteClients
        self.acceptedWriteKey = acceptedWriteKey
        self.outputPath = outputPath
        self.keepsMessagesInMemory = keepsMessagesInMemory
        self.faults = faults
        self.requestLog = requestLog
    }

    public func validate() throws(SinkConfigurationError) {
        if !allowsRemoteClients, !LoopbackHost.contains(host) { throw .remoteHostNeedsOptIn(host) }
        if !(0...65_535).contains(port) { throw .invalidPort(port) }
        if let problem = faults.problem { throw .invalidFaults(problem) }
        if acceptedWriteKey?.isEmpty == true { throw .emptyAcceptedWriteKey }
    }
}

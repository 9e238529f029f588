import BackflowCore
import NIOCore
import NIOHTTP1
import NIOPosix

/// A local receiver that answers like the Segment Tracking API (`POST /v1/batch` and the single
/// calls), stores what it accepts and can inject faults. Start it, point a sender at
/// `http://127.0.0.1:<port>/v1`, read `stats` or `acceptedMessages()`, stop it.
public actor SinkServer {
    private typealias ListeningChannel = NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>

    public let configuration: SinkConfiguration
    private let ledger: SinkLedger
    private var serverChannel: ListeningChannel?
    private var serveTask: Task<Void, Never>?

    public init(configuration: SinkConfiguration) {
        self.configuration = configuration
        self.ledger = SinkLedger(faults: configuration.faults, keepsMessages: configuration.keepsMessagesInMemory)
    }

    /// Binds and starts answering; returns the bound port (useful with port 0).
    public func start() async throws -> Int {
        precondition(serveTask == nil, "SinkServer.start() called twice")
        try configuration.validate()
        if let path = configuration.outputPath { try await ledger.openOutput(path: path) }
        let channel: ListeningChannel
        do {
            channel = try await bind()
        } catch {
            try? await ledger.closeOutput()
            throw SinkConfigurationError.cannotListen(host: configuration.host, port: configuration.port, reason: "\(error)")
        }
        serverChannel = channel
        let connection = SinkConnection(
            ledger: ledger,
            inspector: TrackingRequestInspector(
                acceptedWriteKey: configuration.acceptedWriteKey,
                storesMessages: configuration.outputPath != nil || configuration.keepsMessagesInMemory),
            faults: configuration.faults,
            requestLog: configuration.requestLog)
        serveTask = Task {
            await withDiscardingTaskGroup { group in
                try? await channel.executeThenClose { inbound in
                    for try await child in inbound {
                        group.addTask { await connection.serve(child) }
                    }
                }
                group.cancelAll()
            }
        }
        return channel.channel.localAddress?.port ?? configuration.port
    }

    private func bind() async throws -> ListeningChannel {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: configuration.host, port: configuration.port) { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: child)
                }
            }
    }

    /// Stops listening, closes open connections and the output file (throwing when the file's
    /// last writes cannot be completed).
    public func stop() async throws {
        guard let serveTask, let serverChannel else { return }
        serverChannel.channel.close(promise: nil)
        serveTask.cancel()
        await serveTask.value
        self.serveTask = nil
        self.serverChannel = nil
        try await ledger.closeOutput()
    }

    public var stats: SinkStats {
        get async { await ledger.currentStats }
    }

    /// The messages stored so far, as stored (with `receivedAt` and `writeKeyHash`); empty when
    /// `keepsMessagesInMemory` is off.
    public func acceptedMessages() async -> [JSONValue] {
        await ledger.acceptedMessages
    }
}

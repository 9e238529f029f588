import NIOCore
import NIOPosix

extension SinkServer {
    /// `start()` for a synchronous caller such as a command's `run()`: blocks until bound.
    public nonisolated func startAndWait() throws -> Int {
        let promise = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: Int.self)
        promise.completeWithTask { try await self.start() }
        return try promise.futureResult.wait()
    }

    /// `stop()` for a synchronous caller: blocks until closed and returns the final stats.
    public nonisolated func stopAndWait() throws -> SinkStats {
        let promise = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: SinkStats.self)
        promise.completeWithTask {
            try await self.stop()
            return await self.stats
        }
        return try promise.futureResult.wait()
    }
}

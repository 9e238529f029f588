import Foundation

/// Runs async work to completion from a synchronous command. The commands stay synchronous so that
/// `backflow sink` can take its termination signals before any thread starts.
enum BlockingTask {
    static func run<Value: Sendable>(_ work: @escaping @Sendable () async -> Value) -> Value {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<Value>()
        Task {
            box.value = await work()
            done.signal()
        }
        done.wait()
        return box.value!
    }

    private final class ResultBox<Value>: @unchecked Sendable {
        // Written once by the task before it signals, read once after the wait.
        var value: Value?
    }
}

import Foundation

/// Runs a pure transform over chunks of work on background threads while the submitting thread goes
/// on with its own work, and hands the results back in the order the chunks were submitted.
///
/// A sync's scan thread owns SQLite and cannot give it away, but building each record's message
/// needs no database: with the building moved here the scan and the building overlap, one core each.
/// The submitter bounds memory by claiming: ``claim(leaving:)`` waits while more chunks than it
/// allows are unclaimed.
final class OrderedChunkPipeline<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    // `condition` guards `finished`, `submitted` and `claimed`; the transform runs outside it.
    private let condition = NSCondition()
    private var finished: [Int: [Output]] = [:]
    private var submitted = 0
    private var claimed = 0
    private let queue: DispatchQueue
    private let transform: @Sendable (consuming [Input]) -> [Output]

    /// - Parameter transform: pure work for one chunk, run on the pipeline's threads; what it returns
    ///   for a chunk is handed back as it is. A chunk at a time, so that it can set up what the chunk's
    ///   elements share. It owns the chunk, the only reference to it: it may move the inputs out.
    init(label: String, transform: @escaping @Sendable (consuming [Input]) -> [Output]) {
        self.transform = transform
        queue = DispatchQueue(label: label, qos: .userInitiated, attributes: .concurrent)
    }

    /// Starts transforming `chunk` in the background.
    func submit(_ chunk: consuming [Input]) {
        condition.lock()
        let index = submitted
        submitted += 1
        condition.unlock()
        let handed = HandedChunk(chunk)
        queue.async { [transform] in
            let results = transform(handed.take())
            self.condition.lock()
            self.finished[index] = results
            self.condition.signal()
            self.condition.unlock()
        }
    }

    /// The results of the oldest finished chunks, in submission order, first waiting until no more
    /// than `unclaimed` submitted chunks would be left unclaimed (0 waits for every chunk).
    func claim(leaving unclaimed: Int) -> [[Output]] {
        condition.lock()
        defer { condition.unlock() }
        var results: [[Output]] = []
        while claimed < submitted {
            if let chunk = finished.removeValue(forKey: claimed) {
                results.append(chunk)
                claimed += 1
            } else if submitted - claimed > unclaimed {
                condition.wait()
            } else {
                break
            }
        }
        return results
    }
}

/// A chunk on its way to a pipeline thread. A closure's capture holds its value until the closure is
/// freed; taken out of this box, the chunk's one reference passes to the transform.
private final class HandedChunk<Input: Sendable>: @unchecked Sendable {
    // Written once by the thread that takes it, after the submitter let go of it.
    private var chunk: [Input]

    init(_ chunk: consuming [Input]) {
        self.chunk = chunk
    }

    func take() -> [Input] {
        defer { chunk = [] }
        return chunk
    }
}

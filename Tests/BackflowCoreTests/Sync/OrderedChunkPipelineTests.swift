import Foundation
import Testing

@testable import BackflowCore

@Suite("Ordered chunk pipeline")
struct OrderedChunkPipelineTests {
    @Test func resultsComeBackInSubmissionOrderWhateverOrderChunksFinishIn() {
        // Earlier chunks sleep longer, so on a concurrent queue they finish after later ones.
        let pipeline = OrderedChunkPipeline<Int, String>(label: "test") { chunk in
            chunk.map { value in
                if value % 10 == 0 { Thread.sleep(forTimeInterval: Double(10 - value / 10) / 1_000) }
                return "#\(value)"
            }
        }
        for start in stride(from: 0, to: 100, by: 10) { pipeline.submit(Array(start..<start + 10)) }
        let results = pipeline.claim(leaving: 0).flatMap { $0 }
        #expect(results == (0..<100).map { "#\($0)" })
        #expect(pipeline.claim(leaving: 0).isEmpty)
    }

    @Test func claimingLeavesAtMostTheGivenNumberOfChunksUnclaimed() {
        let gate = DispatchSemaphore(value: 0)
        let pipeline = OrderedChunkPipeline<Int, Int>(label: "test") { chunk in
            chunk.map { value in
                if value == 0 { gate.wait() }
                return value * 2
            }
        }
        pipeline.submit([0])
        pipeline.submit([1])
        pipeline.submit([2])
        // The first chunk is held back, so nothing after it can be handed out yet.
        #expect(pipeline.claim(leaving: 3).isEmpty)
        gate.signal()
        // Waits for the first chunk: only one more may stay unclaimed.
        let claimed = pipeline.claim(leaving: 1)
        #expect(claimed.first == [0])
        let rest = pipeline.claim(leaving: 0)
        #expect((claimed + rest).flatMap { $0 } == [0, 2, 4])
    }

    @Test func anEmptyChunkStillTakesItsTurn() {
        let pipeline = OrderedChunkPipeline<Int, Int>(label: "test") { $0 }
        pipeline.submit([1])
        pipeline.submit([])
        pipeline.submit([2])
        #expect(pipeline.claim(leaving: 0) == [[1], [], [2]])
    }
}

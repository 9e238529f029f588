import Foundation
import Testing
@testable import BackflowCore

@Suite struct DeliveryBatchAssemblerTests {
    static let fixedNow: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_795_417_250.125) }

    func message(_ text: String, tag: Int) -> EncodedMessage<Int> {
        EncodedMessage(bytes: Array(text.utf8), tag: tag)
    }

    /// A message of exactly `size` bytes (at least 8): `{"p":"xxx…"}`.
    func message(ofSize size: Int, tag: Int) -> EncodedMessage<Int> {
        EncodedMessage(
            bytes: Array(#"{"p":""#.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: size - 8) + Array(#""}"#.utf8),
            tag: tag
        )
    }

    @Test func bodyIsTheBatchEnvelopeWithSentAtInUTCMilliseconds() throws {
        var assembler = BatchAssembler<Int>(now: Self.fixedNow)
        #expect(try assembler.add(message(#"{"type":"identify","userId":"u1"}"#, tag: 1)) == nil)
        #expect(try assembler.add(message(#"{"type":"track","event":"é"}"#, tag: 2)) == nil)
        let flushed = assembler.flush()
        let batch = try #require(flushed)
        let text = String(decoding: batch.body, as: UTF8.self)
        #expect(text == #"{"batch":[{"type":"identify","userId":"u1"},{"type":"track","event":"é"}],"sentAt":"2026-11-23T07:00:50.125Z"}"#)
        #expect(batch.tags == [1, 2])
        let parsed = try JSONReader.parse(bytes: batch.body)
        #expect(parsed == .object([
            "batch": .array([
                .object(["type": "identify", "userId": "u1"]), .object(["type": "track", "event": "é"]),
            ]),
            "sentAt": "2026-11-23T07:00:50.125Z",
        ]))
    }

    @Test func envelopeSizeIsCountedExactlyAgainstTheBodyLimit() throws {
        let envelope = BatchAssembler<Int>.envelopeByteCount(messageCount: 2, sentAt: "2026-11-23T07:00:50.125Z")
        #expect(envelope == 49)
        let exact = BatchLimits(maximumMessageBytes: 50, maximumBodyBytes: envelope + 100, maximumMessages: 10)
        var fits = BatchAssembler<Int>(limits: exact, now: Self.fixedNow)
        _ = try fits.add(message(ofSize: 50, tag: 1))
        _ = try fits.add(message(ofSize: 50, tag: 2))
        let flushed = fits.flush()
        let full = try #require(flushed)
        #expect(full.body.count == exact.maximumBodyBytes)
        #expect(full.tags == [1, 2])

        var tight = exact
        tight.maximumBodyBytes -= 1
        var overflows = BatchAssembler<Int>(limits: tight, now: Self.fixedNow)
        _ = try overflows.add(message(ofSize: 50, tag: 1))
        let closed = try overflows.add(message(ofSize: 50, tag: 2))
        let first = try #require(closed)
        #expect(first.tags == [1])
        #expect(overflows.flush()?.tags == [2])
    }

    @Test func batchClosesWhenItReachesTheMessageCountLimit() throws {
        var assembler = BatchAssembler<Int>(now: Self.fixedNow)
        for tag in 0..<(TrackingAPILimits.maximumBatchMessages - 1) {
            #expect(try assembler.add(message(#"{"n":1}"#, tag: tag)) == nil)
        }
        let closed = try assembler.add(message(#"{"n":1}"#, tag: 2_499))
        let full = try #require(closed)
        #expect(full.tags.count == 2_500)
        #expect(assembler.flush() == nil)
    }

    @Test func oversizedMessageIsRefusedAloneWithItsReason() throws {
        var assembler = BatchAssembler<Int>(now: Self.fixedNow)
        _ = try assembler.add(message(#"{"a":1}"#, tag: 1))
        let error = #expect(throws: OversizedMessage<Int>.self) {
            try assembler.add(message(ofSize: 32_769, tag: 2))
        }
        #expect(error?.tag == 2)
        #expect(error?.reason == "message is 32769 bytes as JSON; the Tracking API accepts at most 32768 bytes per message")
        _ = try assembler.add(message(#"{"b":2}"#, tag: 3))
        let flushed = assembler.flush()
        let batch = try #require(flushed)
        #expect(batch.tags == [1, 3])
        #expect(String(decoding: batch.body, as: UTF8.self).hasPrefix(#"{"batch":[{"a":1},{"b":2}],"#))
    }

    @Test func messageOfExactlyTheMessageLimitIsAccepted() throws {
        var assembler = BatchAssembler<Int>(now: Self.fixedNow)
        _ = try assembler.add(message(ofSize: TrackingAPILimits.maximumMessageBytes, tag: 7))
        #expect(assembler.flush()?.tags == [7])
    }

    @Test func flushWithNothingPendingReturnsNothing() throws {
        var assembler = BatchAssembler<Int>(now: Self.fixedNow)
        #expect(assembler.flush() == nil)
        _ = try assembler.add(message(#"{}"#, tag: 1))
        #expect(assembler.flush()?.tags == [1])
        #expect(assembler.flush() == nil)
    }

    @Test func randomStreamsPackIntoFullBatchesWithinEveryLimit() throws {
        var random = DemoRandom(seed: 42)
        for round in 0..<8 {
            let largest = [40, 300, 4_000, 32_768][round % 4]
            var assembler = BatchAssembler<Int>(now: Self.fixedNow)
            var sizes: [Int] = []
            var batches: [ReadyBatch<Int>] = []
            for tag in 0..<random.int(in: 1...3_000) {
                let size = random.int(in: 8...largest)
                sizes.append(size)
                if let batch = try assembler.add(message(ofSize: size, tag: tag)) { batches.append(batch) }
            }
            if let last = assembler.flush() { batches.append(last) }

            #expect(batches.flatMap(\.tags) == Array(sizes.indices))
            var next = 0
            for (index, batch) in batches.enumerated() {
                #expect(batch.body.count <= TrackingAPILimits.maximumBatchBytes)
                #expect(batch.tags.count <= TrackingAPILimits.maximumBatchMessages)
                let expected = BatchAssembler<Int>.envelopeByteCount(
                    messageCount: batch.tags.count, sentAt: "2026-11-23T07:00:50.125Z"
                ) + batch.tags.map { sizes[$0] }.reduce(0, +)
                #expect(batch.body.count == expected)
                next += batch.tags.count
                if index < batches.count - 1 {
                    let wasFull = batch.tags.count == TrackingAPILimits.maximumBatchMessages
                        || batch.body.count + 1 + sizes[next] > TrackingAPILimits.maximumBatchBytes
                    #expect(wasFull, "batch \(index) of round \(round) closed early")
                }
            }
            if let sample = batches.first {
                guard case .object(let envelope) = try JSONReader.parse(bytes: sample.body),
                      case .array(let messages) = envelope["batch"] else {
                    Issue.record("round \(round): the body is not a batch envelope")
                    continue
                }
                #expect(messages.count == sample.tags.count)
            }
        }
    }
}

import Foundation
@testable import BackflowCore

extension DemoRandom: RandomNumberGenerator {}

/// Answers requests from a script, in order (then 200 for ever), and records what it was sent.
actor ScriptedTransport: TrackingAPITransport {
    private var script: [Result<BatchResponse, TransportError>]
    private(set) var requests: [BatchRequest] = []
    private(set) var inFlight = 0
    private(set) var mostInFlight = 0

    init(_ script: [Result<BatchResponse, TransportError>] = []) {
        self.script = script
    }

    func send(_ request: BatchRequest) async throws(TransportError) -> BatchResponse {
        requests.append(request)
        inFlight += 1
        mostInFlight = max(mostInFlight, inFlight)
        for _ in 0..<5 {
            await Task.yield()
        }
        inFlight -= 1
        let answer = script.isEmpty ? .success(.status(200)) : script.removeFirst()
        return try answer.get()
    }
}

/// Holds every request until the test releases it, to observe how many are in flight.
actor GatedTransport: TrackingAPITransport {
    private var held: [CheckedContinuation<Void, Never>] = []

    var heldCount: Int { held.count }

    func send(_ request: BatchRequest) async throws(TransportError) -> BatchResponse {
        await withCheckedContinuation { held.append($0) }
        return .status(200)
    }

    func releaseOne() {
        held.removeFirst().resume()
    }

    func releaseAll() {
        for request in held {
            request.resume()
        }
        held = []
    }
}

/// Virtual time: sleeping advances it instantly and is recorded, so pacing and backoff cost no real time.
/// With `sleepsUntilCancelled`, a sleep instead lasts until its task is cancelled.
final class TestDeliveryClock: DeliveryClock, @unchecked Sendable {
    private let lock = NSLock()
    private var elapsed: Duration = .zero
    private var recordedSleeps: [Duration] = []
    private let sleepsUntilCancelled: Bool

    init(sleepsUntilCancelled: Bool = false) {
        self.sleepsUntilCancelled = sleepsUntilCancelled
    }

    var sleeps: [Duration] { lock.withLock { recordedSleeps } }

    func now() -> Duration {
        lock.withLock { elapsed }
    }

    func advance(by duration: Duration) {
        lock.withLock { elapsed += duration }
    }

    func sleep(for duration: Duration) async throws {
        lock.withLock { recordedSleeps.append(duration) }
        if sleepsUntilCancelled {
            try await Task.sleep(for: .seconds(3600))
        }
        try Task.checkCancellation()
        advance(by: duration)
    }
}

/// Every event a deliverer reported, in order.
actor DeliveryEventLog {
    private(set) var events: [DeliveryEvent<Int>] = []

    func append(_ event: DeliveryEvent<Int>) {
        events.append(event)
    }

    var retries: [DeliveryRetry] {
        events.compactMap { if case .retrying(let retry) = $0 { retry } else { nil } }
    }

    var deliveredTags: [Int] {
        events.flatMap { if case .delivered(let tags) = $0 { tags } else { [Int]() } }
    }

    var failures: [(tags: [Int], reason: String, code: FailureCode)] {
        events.compactMap { if case .failed(let tags, let reason, let code) = $0 { (tags, reason, code) } else { nil } }
    }

    var withheldTags: [Int] {
        events.flatMap { if case .withheld(let tags) = $0 { tags } else { [Int]() } }
    }

    var outages: [DestinationOutage] {
        events.compactMap { if case .destinationDown(let outage) = $0 { outage } else { nil } }
    }
}

extension BatchResponse {
    static func status(_ status: Int, retryAfter: Double? = nil, body: String = "") -> BatchResponse {
        BatchResponse(status: status, retryAfter: retryAfter, bodyExcerpt: body)
    }
}

extension ReadyBatch<Int> {
    static func tagged(_ tags: [Int]) -> ReadyBatch<Int> {
        ReadyBatch(body: Array(#"{"batch":[]}"#.utf8), tags: tags)
    }
}

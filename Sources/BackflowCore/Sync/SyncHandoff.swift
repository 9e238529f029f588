import Foundation

/// One message on its way: the record change to acknowledge once Segment has it, and the message
/// itself, kept as a sample for the run's error report should delivery fail.
struct PendingMessage: Sendable {
    let change: AcknowledgedChange
    let messageID: MessageID
    let message: [UInt8]
}

/// A batch handed from the sync thread to the delivery task, with the write key it goes out with.
struct BatchHandoff: Sendable {
    let lane: String
    let writeKey: String
    let batch: ReadyBatch<PendingMessage>
}

/// Delivery outcomes posted by the deliverers (on their own tasks) and drained by the sync thread,
/// which alone touches the scan's change tracker: SQLite connections must stay on one thread.
///
/// Each outcome carries the time it was posted, on the sync's clock: the sync thread may read it much
/// later (busy building, or short of a CPU), and a retry's back-off runs from when it was decided.
final class DeliveryInbox: @unchecked Sendable {
    typealias Posted = (event: DeliveryEvent<PendingMessage>, at: Double)

    // `lock` guards `events`; `arrived` is a semaphore the sync thread waits on for final outcomes
    // and retries.
    private let lock = NSLock()
    private var events: [Posted] = []
    private let arrived = DispatchSemaphore(value: 0)
    private let now: @Sendable () -> Double

    init(now: @escaping @Sendable () -> Double) {
        self.now = now
    }

    func post(_ event: DeliveryEvent<PendingMessage>) {
        let at = now()
        lock.lock()
        events.append((event, at))
        lock.unlock()
        switch event {
        case .delivered, .failed, .withheld, .retrying: arrived.signal()
        case .destinationDown: return
        }
    }

    /// Everything posted since the last call, oldest first.
    func take() -> [Posted] {
        lock.lock()
        defer { lock.unlock() }
        let taken = events
        events.removeAll(keepingCapacity: true)
        return taken
    }

    /// Blocks the sync thread until one more batch has a final outcome or is being retried: a retry
    /// wakes it too, so that the wait it starts is reported while it lasts, not after.
    func waitForOutcome() {
        arrived.wait()
    }
}

/// Bounds how many batches wait between the sync thread and the delivery task, so memory stays flat
/// however large the model: the sync thread blocks when they are all taken.
final class HandoffSlots: @unchecked Sendable {
    // A semaphore is itself thread-safe.
    private let semaphore: DispatchSemaphore

    init(count: Int) {
        semaphore = DispatchSemaphore(value: count)
    }

    func acquire() { semaphore.wait() }
    func release() { semaphore.signal() }
}

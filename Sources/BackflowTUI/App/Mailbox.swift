import Foundation

/// Hands events from background work (syncs, signals) to the UI thread and wakes it.
///
/// Posting appends under a lock and writes one byte to a pipe; the loop polls the pipe's read end
/// beside the terminal and drains the box. Progress of the same mapping is coalesced: only the
/// latest one waiting is kept, so a fast sync cannot flood the loop.
final class Mailbox: @unchecked Sendable {
    // Unchecked: `events` is only touched with `lock` held, and the descriptors never change.
    private let lock = NSLock()
    private var events: [AppEvent] = []
    let readDescriptor: Int32
    private let writeDescriptor: Int32

    init() {
        var descriptors: [Int32] = [0, 0]
        if pipe(&descriptors) != 0 { descriptors = [-1, -1] }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
        _ = fcntl(readDescriptor, F_SETFL, O_NONBLOCK)
        _ = fcntl(writeDescriptor, F_SETFL, O_NONBLOCK)
    }

    deinit {
        Foundation.close(readDescriptor)
        Foundation.close(writeDescriptor)
    }

    func post(_ event: AppEvent) {
        lock.withLock {
            if case .sync(.progress(let progress)) = event,
                let index = events.lastIndex(where: { queued in
                    if case .sync(.progress(let waiting)) = queued { return waiting.mapping == progress.mapping }
                    return false
                })
            {
                events[index] = event
            } else {
                events.append(event)
            }
        }
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Everything posted since the last drain, oldest first.
    func drain() -> [AppEvent] {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(readDescriptor, &buffer, buffer.count) > 0 {}
        return lock.withLock {
            defer { events.removeAll() }
            return events
        }
    }
}

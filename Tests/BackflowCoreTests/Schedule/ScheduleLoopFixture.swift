import Foundation

@testable import BackflowCore

struct FakeScheduledMapping: SchedulableMapping {
    let name: String
    let schedule: Schedule
    var isScheduleActive = true
}

/// A fake world for ``SchedulerLoop``: a clock that each tick's sleep moves on, a run history that
/// records when each sync started, and syncs that take as long as a test says.
final class ScheduleLoopFixture: @unchecked Sendable {
    // Every field is guarded by `lock`: the loop reads and writes them from its own actor.
    private let lock = NSLock()
    private var current: Date
    private var ticksLeft: Int
    private var history: [String: SyncRun] = [:]
    private var starts: [String: [Date]] = [:]
    private var running: Set<String> = []
    private var overlapped = false
    private var nextRunID: Int64 = 1
    private var recordedEvents: [SchedulerEvent] = []
    private let syncDuration: TimeInterval

    init(now: Date, ticks: Int, syncDuration: TimeInterval = 1) {
        current = now
        ticksLeft = ticks
        self.syncDuration = syncDuration
    }

    var now: Date { locked { current } }
    /// When each mapping's syncs started, by mapping name.
    var startTimes: [String: [Date]] { locked { starts } }
    /// True when a mapping's sync started while another of its syncs was running.
    var sawConcurrentSyncOfOneMapping: Bool { locked { overlapped } }
    var events: [SchedulerEvent] { locked { recordedEvents } }

    /// Sleeps `ticks` times, moving the clock on by the tick, then stops the loop as a cancellation does.
    var clock: SchedulerClock {
        SchedulerClock(
            now: { self.now },
            sleep: { duration in
                try self.locked { () throws(CancellationError) in
                    guard self.ticksLeft > 0 else { throw CancellationError() }
                    self.ticksLeft -= 1
                    self.current += TimeInterval(duration.components.seconds)
                }
            })
    }

    func advance(by seconds: TimeInterval) {
        locked { current += seconds }
    }

    func recordRun(of mapping: String, startedAt: Date, status: SyncRunStatus = .success) {
        locked { history[mapping] = Self.run(id: 0, mapping: mapping, status: status, startedAt: startedAt) }
    }

    func lastRun(_ mapping: String) -> SyncRun? {
        locked { history[mapping] }
    }

    func record(_ event: SchedulerEvent) {
        locked { recordedEvents.append(event) }
    }

    /// A sync: recorded in the history at its start, taking `syncDuration` on the clock.
    func sync(_ mappings: [FakeScheduledMapping]) -> [SyncResult] {
        var results: [SyncResult] = []
        for mapping in mappings {
            locked {
                if running.contains(mapping.name) { overlapped = true }
                running.insert(mapping.name)
                starts[mapping.name, default: []].append(current)
                history[mapping.name] = Self.run(id: nextRunID, mapping: mapping.name, status: .running, startedAt: current)
                nextRunID += 1
            }
            let run = locked {
                current += syncDuration
                running.remove(mapping.name)
                let finished = Self.run(
                    id: history[mapping.name]!.id, mapping: mapping.name, status: .success,
                    startedAt: history[mapping.name]!.startedAt.date)
                history[mapping.name] = finished
                return finished
            }
            results.append(
                SyncResult(
                    mapping: mapping.name, run: run, progress: SyncProgress(mapping: mapping.name), errors: [],
                    expired: [], error: nil))
        }
        return results
    }

    private static func run(id: Int64, mapping: String, status: SyncRunStatus, startedAt: Date) -> SyncRun {
        SyncRun(
            id: id, mapping: mapping, status: status, startedAt: startedAt.timeIntervalSince1970, finishedAt: nil,
            counts: ChangeCounts(), delivered: 0, failed: 0, expired: 0, error: nil, interrupted: false)
    }

    private func locked<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    func loop(_ mappings: [FakeScheduledMapping], tick: Duration = .seconds(1800)) -> SchedulerLoop<FakeScheduledMapping> {
        SchedulerLoop(
            mappings: mappings, calendar: ScheduleCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!),
            tick: tick, clock: clock, lastRun: { self.lastRun($0) }, runSync: { mappings, _ in self.sync(mappings) },
            events: { self.record($0) })
    }
}

extension Double {
    fileprivate var date: Date { Date(timeIntervalSince1970: self) }
}

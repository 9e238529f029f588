import Foundation

/// Starts the syncs of mappings whose schedules are due, checking every ``tick``.
///
/// Syncs run one at a time, in the order of the mappings, so a mapping is never synced twice at once
/// by the loop, and two extractions never compete in one warehouse. A mapping whose last run is still
/// running (a `backflow sync` in another process, or another host's scheduler) is left alone until it
/// finishes. A sync that takes longer than its interval is followed by one more sync, not by the ones
/// its length skipped.
///
/// **Many hosts.** The last start of each mapping comes from the shared run history (`lastRun`), so a
/// manual sync or another host's counts, and from the loop's own memory, so a sync refused before the
/// history recorded it (a lease held elsewhere) is not retried every tick. Each sync is handed the slot
/// it is for (`runSync`'s second argument, see ``SyncOptions/scheduledSlot``): holding the mapping's
/// lease, it syncs only when no run since the slot served it, so N hosts start each slot once; a slot
/// whose run was interrupted (its host died and its lease expired) is due again, on any host.
public actor SchedulerLoop<Mapping: SchedulableMapping> {
    public let mappings: [Mapping]
    public let calendar: ScheduleCalendar
    public let tick: Duration
    private let clock: SchedulerClock
    private let lastRun: @Sendable (String) -> SyncRun?
    private let runSync: @Sendable ([Mapping], Date) async -> [SyncResult]
    private let events: @Sendable (SchedulerEvent) -> Void
    private var startedHere: [String: Date] = [:]

    /// - Parameters:
    ///   - lastRun: the mapping's latest run in the history, by mapping name; nil when it never ran.
    ///   - runSync: syncs the mappings it is given (one at a time here) for the schedule slot they are due
    ///     since, and returns their results.
    public init(
        mappings: [Mapping], calendar: ScheduleCalendar = ScheduleCalendar(), tick: Duration = .seconds(30),
        clock: SchedulerClock = .system, lastRun: @escaping @Sendable (String) -> SyncRun?,
        runSync: @escaping @Sendable ([Mapping], Date) async -> [SyncResult],
        events: @escaping @Sendable (SchedulerEvent) -> Void
    ) {
        self.mappings = mappings
        self.calendar = calendar
        self.tick = tick
        self.clock = clock
        self.lastRun = lastRun
        self.runSync = runSync
        self.events = events
    }

    /// Runs until the calling task is cancelled. A sync under way when that happens finishes (the
    /// engine offers no way to stop it half-way, and its state is safe either way); no other starts.
    public func run() async {
        let since = clock.now()
        events(.scheduled(plan(since: since)))
        while !Task.isCancelled {
            await startDueSyncs(since: since)
            do {
                try await clock.sleep(tick)
            } catch {
                return
            }
        }
    }

    /// Syncs what is due now and returns, for running from cron. There is no earlier scheduler start
    /// to wait from, so a mapping that never ran is due at once, a day-and-time one included.
    public func runOnce() async -> [SyncResult] {
        events(.scheduled(plan(since: .distantPast)))
        return await startDueSyncs(since: .distantPast)
    }

    /// Every mapping with when it is next due, as of now.
    public func plan(since: Date) -> [PlannedRun] {
        let now = clock.now()
        return mappings.map { mapping in
            PlannedRun(
                mapping: mapping.name, schedule: mapping.schedule, isActive: mapping.isScheduleActive,
                next: nextRun(of: mapping, lastRun: lastRun(mapping.name), since: since, now: now))
        }
    }

    @discardableResult
    private func startDueSyncs(since: Date) async -> [SyncResult] {
        var results: [SyncResult] = []
        for mapping in mappings {
            guard !Task.isCancelled else { break }
            let now = clock.now()
            let last = lastRun(mapping.name)
            guard last?.status != .running,
                case .due(let dueSince) = nextRun(of: mapping, lastRun: last, since: since, now: now)
            else { continue }
            startedHere[mapping.name] = now
            events(.started(mapping: mapping.name, dueSince: dueSince))
            for result in await runSync([mapping], dueSince) {
                events(.finished(result))
                results.append(result)
            }
        }
        if !results.isEmpty { events(.scheduled(plan(since: since))) }
        return results
    }

    private func nextRun(of mapping: Mapping, lastRun: SyncRun?, since: Date, now: Date) -> NextRun {
        guard mapping.isScheduleActive else { return .never }
        // An interrupted run served no slot: its host died before it finished.
        let recorded = lastRun.flatMap { $0.interrupted ? nil : Date(timeIntervalSince1970: $0.startedAt) }
        let lastStart = [recorded, startedHere[mapping.name]].compactMap { $0 }.max()
        return calendar.nextRun(of: mapping.schedule, lastStart: lastStart, since: since, now: now)
    }
}

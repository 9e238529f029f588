import ArgumentParser
import BackflowCore
import Foundation

struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Run in the foreground and start each mapping's sync when its schedule is due.",
        discussion: """
            Prints the plan (each mapping, its schedule and when it is next due, in this machine's time \
            zone), then checks every --tick seconds and syncs the enabled mappings of enabled \
            destinations that are due, one at a time. Interval schedules are due at once when the \
            mapping never ran, then that long after the last run started (a `backflow sync` counts). \
            Day-and-time schedules are due at their hours; one that never ran waits for its first hour \
            after the scheduler started. Runs missed while the machine slept start once, not once each.

            Many hosts may run the scheduler on one workspace: each due slot is synced once, by the \
            host that takes the mapping's lease (kept in the warehouse beside its state); the others \
            see the run in the shared history and leave it. A slot whose run was interrupted (its \
            host died and its lease expired after settings.lease_seconds) is due again on any host.

            --once syncs what is due now and exits, for cron; a mapping that never ran is then due at \
            once, day-and-time ones included. It exits 1 when any sync failed (a sync left to another \
            host is not a failure).

            Ctrl-C (or SIGTERM) stops starting syncs and stops the one under way cleanly: the batches \
            in flight are settled, what was delivered is kept and the run is recorded as interrupted \
            with its counts; the exit status is then 130 (143 for SIGTERM). A second Ctrl-C quits at \
            once, which is safe too: an interrupted sync resumes where it was on its next run.
            """
    )

    @OptionGroup var workspace: WorkspaceOption

    @Flag(help: "Sync what is due now and exit.")
    var once = false

    @Option(help: ArgumentHelp("How often to look for due syncs.", valueName: "seconds"))
    var tick = 30

    func validate() throws {
        if tick < 1 { throw ValidationError("--tick must be at least 1 second") }
    }

    func run() throws {
        let console = Console.standard(environment: ProcessInfo.processInfo.environment)
        let session = try workspace.open(console: console)
        let mappings = try console.reportingErrors { () throws(WorkspaceError) in
            try session.mappings(enabledOnly: false)
        }
        let interruption = SyncInterruption()
        let runner: ScheduledSyncRunner
        do {
            runner = try ScheduledSyncRunner(session: session, interruption: interruption)
        } catch {
            console.printError(console.style("error: ", .failure) + "\(error)")
            throw ExitCode(2)
        }
        let calendar = ScheduleCalendar()
        let reporter = ScheduleReporter(console: console, timeZone: calendar.timeZone)
        let syncReporter = SyncReporter(console: console, json: false, live: isatty(STDERR_FILENO) == 1)
        let loop = SchedulerLoop(
            mappings: mappings, calendar: calendar, tick: .seconds(tick), lastRun: runner.lastRun,
            runSync: { await runner.sync($0, slot: $1, events: syncReporter.report) },
            events: { reporter.report($0, syncReporter: syncReporter) })
        if once {
            let signals = StopSignals(interruption: interruption) { console.printError(console.style($0, .muted)) }
            defer { signals.stop() }
            let results = BlockingTask.run { await loop.runOnce() }
            if let status = signals.exitStatus { throw ExitCode(status) }
            if results.isEmpty { console.print(console.style("nothing is due", .muted)) }
            if !results.allSatisfy({ $0.succeeded || $0.heldBy != nil }) { throw ExitCode(1) }
            return
        }
        let scheduling = Task { await loop.run() }
        let signals = StopSignals(interruption: interruption) { line in
            console.printError(console.style(line, .muted))
            scheduling.cancel()
        }
        defer { signals.stop() }
        BlockingTask.run { await scheduling.value }
        if let status = signals.exitStatus { throw ExitCode(status) }
    }
}

/// Syncs for the scheduler and reads its run history. The loop calls it from one actor, one call
/// at a time, so the engine and the history (usable from one task at a time) are never shared.
private final class ScheduledSyncRunner: @unchecked Sendable {
    // Safe because SchedulerLoop awaits each call before making the next.
    private let engine: SyncEngine
    private let session: WorkspaceSession
    private let interruption: SyncInterruption

    init(session: WorkspaceSession, interruption: SyncInterruption) throws {
        engine = SyncEngine(session: session)
        self.session = session
        self.interruption = interruption
    }

    /// Read afresh each time: other hosts' schedulers add runs to the shared history.
    func lastRun(_ mapping: String) -> SyncRun? {
        try? WorkspaceRunLog(session: session).lastRun(mapping: mapping)
    }

    func sync(_ mappings: [ResolvedMapping], slot: Date, events: @escaping @Sendable (SyncEvent) -> Void) async
        -> [SyncResult]
    {
        var options = SyncOptions()
        options.interruption = interruption
        options.scheduledSlot = slot
        return await engine.sync(mappings, options: options, events: events)
    }
}

/// Prints the plan, then a line as each sync starts and the sync's summary as it finishes.
private struct ScheduleReporter: Sendable {
    let console: Console
    let timeZone: TimeZone
    private let printedPlan = PlanFlag()

    init(console: Console, timeZone: TimeZone) {
        self.console = console
        self.timeZone = timeZone
    }

    func report(_ event: SchedulerEvent, syncReporter: SyncReporter) {
        switch event {
        case .scheduled(let plan):
            if printedPlan.set() {
                printNextRuns(plan)
            } else {
                printTable(plan)
            }
        case .started(let mapping, _):
            console.print("\(format(Date(), "HH:mm:ss"))  \(console.style(mapping, .heading))  sync started")
        case .finished(let result):
            if let served = result.slotServedBy {
                let host = served.host.map { " on \($0)" } ?? ""
                console.print(
                    "\(format(Date(), "HH:mm:ss"))  \(console.style(result.mapping, .heading))  "
                        + console.style("already synced for this slot by run \(served.id)\(host)", .muted))
            } else if let holder = result.heldBy {
                console.print(
                    "\(format(Date(), "HH:mm:ss"))  \(console.style(result.mapping, .heading))  "
                        + console.style("syncing on \(holder.host) (pid \(holder.pid)): left to it", .muted))
            } else {
                syncReporter.summarize([result], dryRun: false)
            }
        }
    }

    private func printTable(_ plan: [PlannedRun]) {
        var table = TextTable(columns: [.init("MAPPING"), .init("SCHEDULE"), .init("NEXT (\(timeZone.identifier))")])
        for run in plan {
            table.append([run.mapping, run.schedule.summary, describe(run)])
        }
        console.printTable(table)
    }

    private func printNextRuns(_ plan: [PlannedRun]) {
        let upcoming = plan.compactMap { run -> String? in
            guard case .at(let date) = run.next else { return nil }
            return "\(run.mapping) \(format(date, "EEE d MMM HH:mm"))"
        }
        guard !upcoming.isEmpty else { return }
        console.print(console.style("next: " + upcoming.joined(separator: ", "), .muted))
    }

    private func describe(_ run: PlannedRun) -> String {
        switch run.next {
        case .due: return "due now"
        case .at(let date): return format(date, "EEE d MMM HH:mm")
        case .never: return run.isActive ? "only with backflow sync" : "disabled"
        }
    }

    private func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}

/// Remembers that the first plan was printed, so later plans print as one line.
private final class PlanFlag: @unchecked Sendable {
    // Guarded by `lock`: plans are reported from the loop's actor, the first one possibly elsewhere.
    private let lock = NSLock()
    private var isSet = false

    /// Sets the flag; returns whether it was set before.
    func set() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        defer { isSet = true }
        return isSet
    }
}

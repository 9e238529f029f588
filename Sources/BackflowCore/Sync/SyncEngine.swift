import Foundation

/// Runs syncs: for each mapping, finds what changed in the model since the last acknowledged state,
/// sends what the mapping selects to the Tracking API in batches, and records the run.
///
/// The CLI and the TUI both drive it and read the same stream of ``SyncEvent``s. Syncs of one
/// engine share one request-rate limiter, so together they stay under the workspace's limit.
public final class SyncEngine {
    private let session: WorkspaceSession
    private let transport: any TrackingAPITransport
    private let environment: [String: String]
    private let rateLimiter: RequestRateLimiter
    private let retryPolicy: RetryPolicy
    private let clock: any DeliveryClock
    /// Whether this engine said that the workspace's id is kept only on this host (once is enough).
    private var toldOfLocalWorkspaceID = false

    /// - Parameter transport: by default an ``HTTPClientTransport`` of the engine's own, whose
    ///   connections are reused by every sync of the engine and closed when the engine goes.
    public init(
        session: WorkspaceSession,
        transport: any TrackingAPITransport = HTTPClientTransport(),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        retryPolicy: RetryPolicy = RetryPolicy(),
        clock: any DeliveryClock = ContinuousDeliveryClock()
    ) {
        self.session = session
        self.transport = transport
        self.environment = environment
        self.retryPolicy = retryPolicy
        self.clock = clock
        rateLimiter = RequestRateLimiter(
            requestsPerSecond: session.workspace.settings.requestsPerSecondLimit, clock: clock)
    }

    /// Syncs the mappings one after another; a mapping that fails does not stop the others, a stop
    /// requested through ``SyncOptions/interruption`` does: the mappings after it are not started
    /// and have no result.
    public func sync(
        _ mappings: [ResolvedMapping], options: SyncOptions = SyncOptions(),
        events: @escaping @Sendable (SyncEvent) -> Void
    ) async -> [SyncResult] {
        let output: DryRunOutput?
        do {
            output = try Self.openDryRunOutput(options)
        } catch {
            return mappings.map { refuse($0, reason: error.description, code: .configuration, history: nil, events: events) }
        }
        var results: [SyncResult] = []
        for mapping in mappings where !options.interruption.isRequested {
            results.append(await sync(mapping, options: options, dryRunOutput: output, events: events))
        }
        return results
    }

    public func sync(
        _ mapping: ResolvedMapping, options: SyncOptions = SyncOptions(),
        events: @escaping @Sendable (SyncEvent) -> Void
    ) async -> SyncResult {
        do {
            return await sync(mapping, options: options, dryRunOutput: try Self.openDryRunOutput(options), events: events)
        } catch {
            return refuse(mapping, reason: error.description, code: .configuration, history: nil, events: events)
        }
    }

    /// The file of a dry run's messages, opened once for all the mappings of a sync.
    private static func openDryRunOutput(_ options: SyncOptions) throws(DryRunOutputError) -> DryRunOutput? {
        guard options.dryRun, let path = options.dryRunOutput else { return nil }
        return try DryRunOutput(path: path)
    }

    /// Syncs `mapping`, then tells the workspace's alerts about the run it recorded.
    private func sync(
        _ mapping: ResolvedMapping, options: SyncOptions, dryRunOutput: DryRunOutput?,
        events: @escaping @Sendable (SyncEvent) -> Void
    ) async -> SyncResult {
        let result = await attempt(mapping, options: options, dryRunOutput: dryRunOutput, events: events)
        await tellAlerts(about: result, of: mapping, events: events)
        return result
    }

    /// Alerts hear of every recorded run but one stopped on request (the user chose to stop it); a sync
    /// refused for a lease held elsewhere records no run. An alert that cannot be told is a notice.
    private func tellAlerts(
        about result: SyncResult, of mapping: ResolvedMapping, events: @Sendable (SyncEvent) -> Void
    ) async {
        guard !session.workspace.alerts.isEmpty, let run = result.run, !result.interrupted else { return }
        let earlier = try? session.runHistory(for: mapping.model)
            .runs(mapping: session.historyMapping(named: mapping.name), limit: 20)
        let previous = earlier?.first { $0.id != run.id && $0.status != .running }
        for delivery in await session.alertDispatcher().runFinished(mapping: mapping.config, run: run, previous: previous) {
            if let warning = delivery.warning { events(.notice(warning)) }
        }
    }

    private func attempt(
        _ mapping: ResolvedMapping, options: SyncOptions, dryRunOutput: DryRunOutput?,
        events: @escaping @Sendable (SyncEvent) -> Void
    ) async -> SyncResult {
        let session = session
        let identity: MappingIdentity
        let lease: SyncLease?
        let context: MappingSyncJob.Context
        do {
            identity = try session.identity(of: mapping.config)
            // A dry run commits nothing, so it takes no lease and never holds up a real sync.
            lease =
                options.dryRun
                ? nil
                : try SyncLease(
                    mapping: mapping.name, stateKey: identity.stateKey,
                    duration: session.workspace.settings.leaseDuration, wait: options.leaseWait,
                    openStore: { try session.leaseStore(for: mapping.model) })
        } catch {
            var heldBy: LeaseHolder?
            if case .held(_, let holder) = error as? SyncLeaseError { heldBy = holder }
            return refuse(
                mapping, reason: "\(error)", code: FailureCode.of(runError: error), history: nil, heldBy: heldBy,
                events: events)
        }
        defer { lease?.release() }
        do {
            if session.workspace.id == nil, case .postgres = try session.stateEngine(of: mapping.model),
                !toldOfLocalWorkspaceID
            {
                toldOfLocalWorkspaceID = true
                events(.notice(Self.localWorkspaceIDNotice(identity.workspaceID, file: session.path)))
            }
            let history = options.dryRun ? nil : try session.runHistory(for: mapping.model)
            if let aside = (history as? SQLiteRunHistory)?.replacedDamagedFile {
                events(.notice("the run history was damaged: it was moved to \(aside) and a new one was started"))
            }
            if let slot = options.scheduledSlot, let history,
                let served = try history.lastRun(mapping: RunHistoryMapping(name: mapping.name, key: identity.stateKey)),
                !served.interrupted, served.startedAt >= slot.timeIntervalSince1970
            {
                return slotServed(mapping, by: served, events: events)
            }
            try? history?.prune(keepingDays: session.workspace.settings.syncLogRetentionDays)
            let route: DeliveryRoute?
            do {
                route = options.dryRun ? nil : try DeliveryRoute(mapping: mapping, environment: environment)
            } catch {
                return refuse(mapping, reason: error.description, code: error.code, history: history, events: events)
            }
            let tracker = try session.changeTracker(for: mapping.model)
            var state = try tracker.openState(identity)
            if options.reset, !options.dryRun {
                try tracker.reset(stateKey: state.stateKey)
                state = try tracker.openState(identity)
            }
            tracker.fence = lease?.fence
            var committer: StateCommitter?
            if !options.dryRun {
                let committing = try session.changeTracker(for: mapping.model)
                committing.fence = lease?.fence
                committer = StateCommitter(
                    tracker: committing, stateKey: state.stateKey, changeLog: try session.runHistory(for: mapping.model))
            }
            context = MappingSyncJob.Context(
                mapping: mapping, tracker: tracker, committer: committer, stateKey: state.stateKey,
                messageIdentity: MessageIdentity(mapping: identity, generation: state.generation),
                history: history, logDetail: session.workspace.settings.syncLogDetail, leaseToken: lease?.fence.token,
                dryRunOutput: dryRunOutput, route: route,
                options: options,
                modelRows: options.countsModelRows ? try? session.warehouse(for: mapping.model).count(of: mapping.model) : nil,
                events: events, now: { Date().timeIntervalSince1970 })
        } catch {
            return refuse(mapping, reason: "\(error)", code: FailureCode.of(runError: error), history: nil, events: events)
        }
        return await run(context, options: options)
    }

    /// The scan runs on a thread of its own (SQLite calls block); deliveries run here, concurrently.
    private func run(_ context: MappingSyncJob.Context, options: SyncOptions) async -> SyncResult {
        let (handoffs, handoff) = AsyncStream.makeStream(of: BatchHandoff.self)
        let inbox = DeliveryInbox(now: context.now)
        let slots = HandoffSlots(count: options.maximumInFlight * 2)
        let batchURL = context.route?.batchURL ?? ""
        let transport = transport, rateLimiter = rateLimiter, retryPolicy = retryPolicy, clock = clock
        let health = DestinationHealth()
        let delivery = Task {
            var deliverers: [String: BatchDeliverer<PendingMessage>] = [:]
            for await item in handoffs {
                let deliverer =
                    deliverers[item.lane]
                    ?? BatchDeliverer<PendingMessage>(
                        transport: transport, url: batchURL, writeKey: item.writeKey, rateLimiter: rateLimiter,
                        retryPolicy: retryPolicy, maximumInFlight: options.maximumInFlight, clock: clock,
                        health: health, report: { event in inbox.post(event) })
                deliverers[item.lane] = deliverer
                await deliverer.submit(item.batch)
                slots.release()
            }
            for deliverer in deliverers.values { await deliverer.finish() }
        }
        let job = Handover(MappingSyncJob(context: context, inbox: inbox, slots: slots, handoff: handoff))
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<SyncResult, Never>) in
            let thread = Thread {
                // The job, and with it the state's connections, is let go before the result is handed
                // back: whoever opens the state next must not meet a connection of this sync closing
                // (SQLite checkpoints the log as the last one closes, holding the file meanwhile).
                let result = job.take().run()
                continuation.resume(returning: result)
            }
            thread.name = "backflow-sync"
            thread.start()
        }
        await delivery.value
        return result
    }

    /// A sync that could not start (locked, no write key, unreadable state): reported, and recorded
    /// as a failed run when the history can be opened.
    private func refuse(
        _ mapping: ResolvedMapping, reason: String, code: FailureCode?, history: (any RunHistory)?,
        heldBy: LeaseHolder? = nil, events: @Sendable (SyncEvent) -> Void
    ) -> SyncResult {
        var run: SyncRun?
        if let history, let id = try? history.start(mapping: session.historyMapping(named: mapping.name), leaseToken: nil) {
            run = try? history.finish(id, outcome: SyncRunOutcome(error: reason, errorCode: code))
        }
        var progress = SyncProgress(mapping: mapping.name)
        progress.phase = .finished
        var result = SyncResult(
            mapping: mapping.name, run: run, progress: progress, errors: [], expired: [], error: reason, errorCode: code)
        result.heldBy = heldBy
        events(.finished(result))
        return result
    }

    /// A scheduled sync whose slot another run already served (see ``SyncOptions/scheduledSlot``).
    private func slotServed(_ mapping: ResolvedMapping, by run: SyncRun, events: @Sendable (SyncEvent) -> Void)
        -> SyncResult
    {
        var progress = SyncProgress(mapping: mapping.name)
        progress.phase = .finished
        var result = SyncResult(mapping: mapping.name, run: nil, progress: progress, errors: [], expired: [], error: nil)
        result.slotServedBy = run
        events(.finished(result))
        return result
    }

    /// Why a file without `workspace_id` should get one once its state lives in a shared warehouse: the id
    /// kept in this host's state folder is not seen by other hosts, and a host with another id would have
    /// a state of its own (and send every record again). Backflow cannot tell a copy of this file from
    /// another workspace with the same mapping names, so it does not guess.
    static func localWorkspaceIDNotice(_ id: String, file: String) -> String {
        "\(file) has no workspace_id: this host keeps the id \(id) in its state folder only; add "
            + "`workspace_id: \(id)` to the file so that every host running it shares this warehouse's sync state"
    }
}

import Foundation

/// One mapping's sync, run on a thread of its own: the change scan, batching, and all state and
/// history bookkeeping. Test Mapping of each change runs beside it on builder threads
/// (``OrderedChunkPipeline``), in scan order. Batches go to the delivery task through
/// ``HandoffSlots`` and come back as outcomes through ``DeliveryInbox``; what they settle is
/// committed by a ``StateCommitter`` with a tracker of its own, so each tracker's connections are
/// only ever used from one thread.
///
/// State moves only on acknowledgement: a change is committed once its batch is delivered (or, for
/// a kind the mapping does not send, once it is seen), in groups (see ``commitGroupSize``), so a crash
/// at any moment loses nothing and a re-sent record carries the message id it had before.
final class MappingSyncJob {
    struct Context {
        let mapping: ResolvedMapping
        let tracker: any ChangeTracker
        /// Nil for a dry run, which commits nothing.
        let committer: StateCommitter?
        let stateKey: String
        /// Where the messages' ids are drawn from (the mapping's state generation).
        let messageIdentity: MessageIdentity
        /// Nil for a dry run, which is not recorded.
        let history: (any RunHistory)?
        /// Which records go to the run's `sync_changes` log (`settings.sync_log`).
        let logDetail: WorkspaceSettings.SyncLogDetail
        /// The lease the sync holds (nil for a dry run, which takes none), recorded with the run.
        let leaseToken: String?
        /// Where a dry run writes its messages, when it was asked to (``SyncOptions/dryRunOutput``).
        let dryRunOutput: DryRunOutput?
        /// Nil for a dry run, which sends nothing.
        var route: DeliveryRoute?
        let options: SyncOptions
        let modelRows: Int?
        let events: @Sendable (SyncEvent) -> Void
        let now: @Sendable () -> Double
    }

    // The properties a sync reads or writes for every record are `@exclusivity(unchecked)`: a job is
    // only ever used from its own thread, and checking each access at run time (a call into the runtime
    // and a lookup in its set of accesses) was 2% of a full sync's instructions, eight times a record.
    @exclusivity(unchecked) private var context: Context
    private let inbox: DeliveryInbox
    private let slots: HandoffSlots
    private let handoff: AsyncStream<BatchHandoff>.Continuation

    @exclusivity(unchecked) private var progress: SyncProgress
    private let startedAt: Double
    private var lastProgressAt: Double = 0
    private var runID: Int64 = 0
    /// The open batch of each write key the messages go to: one, or one per Profile Space. Found by
    /// a scan of the few there are, cheaper per message than hashing the lane's name.
    @exclusivity(unchecked) private var lanes:
        [(name: String, writeKey: String, assembler: BatchAssembler<PendingMessage>)] = []
    private var submittedBatches = 0
    private var settledBatches = 0
    @exclusivity(unchecked) private var pendingAcknowledgements: [AcknowledgedChange] = []
    private var pendingFailures: [FailedChange] = []
    /// What became of each record since the last commit: the run's `sync_changes` rows.
    @exclusivity(unchecked) private var pendingLog: [RunChange] = []
    private var errors: [RunRecordError] = []
    /// Delivered and failed batches so far: a batch's number in the run's log.
    private var batchesSettled = 0
    /// Rows the model returned without a usable id: extracted, and failed.
    private var problemRows = 0
    /// Set when the destination was declared down (see ``DestinationHealth``): the run stops, and
    /// nothing expires.
    private var destinationOutage: DestinationOutage?

    /// Acknowledgements are committed while the scan goes on once this many are waiting... Two groups
    /// are held at a time (see ``StateCommitter``), which is most of a large sync's memory and of its
    /// swings: from PostgreSQL, 12,500 gave a 1M-row sync a peak RSS of 100 MB and a 10M-row one 111 MB,
    /// against 122 and 138 MB at 25,000 (150 MB at 1M with 50,000), in the same time.
    private static let commitGroupSize = 12_500
    /// ...or once the oldest has waited this long (seconds). Each commit writes every state page it
    /// changed, and a batch's records land all over the records table: committing per batch wrote
    /// most pages many times over. What a crash loses is only re-sent, with the same message ids.
    private static let commitInterval = 0.5
    private var lastCommitAt: Double = 0
    /// Changes are built in chunks of this size off the scan thread...
    private static let buildChunkSize = 256
    /// ...and this many chunks may be in the builder's hands while the scan goes on.
    private static let chunksBuiltAhead = 4

    /// Changes the mapping sends, waiting to be handed to ``builder``.
    @exclusivity(unchecked) private var unbuilt: [RecordChangeItem] = []
    /// Builds chunks of ``unbuilt`` changes; each chunk comes back with its changes last first.
    private let builder: OrderedChunkPipeline<RecordChangeItem, BuiltChange>

    init(
        context: Context, inbox: DeliveryInbox, slots: HandoffSlots,
        handoff: AsyncStream<BatchHandoff>.Continuation
    ) {
        self.context = context
        self.inbox = inbox
        self.slots = slots
        self.handoff = handoff
        let mapping = context.mapping
        let plans = MessagePlans(mapping: mapping)
        let ids = context.messageIdentity
        builder = OrderedChunkPipeline(label: "backflow-build") { chunk in
            var chunkBuilder = ChunkBuilder(mapping: mapping, plans: plans, ids: ids)
            // Built last change first and stored in that order, for ``enqueue(_:)`` to take with
            // `popLast`. Each change is moved out of the chunk: read in place, it was copied, retaining
            // all it holds for the chunk to release again.
            var items = chunk
            var built: [BuiltChange] = []
            built.reserveCapacity(items.count)
            while let item = items.popLast() { built.append(chunkBuilder.build(item)) }
            return built
        }
        progress = SyncProgress(mapping: context.mapping.name)
        progress.modelRows = context.modelRows
        startedAt = context.now()
    }

    func run() -> SyncResult {
        var expired: [ExpiredFailure] = []
        var failure: (reason: String, code: FailureCode?)?
        var interruption: String?
        do {
            if let history = context.history {
                runID = try history.start(
                    mapping: RunHistoryMapping(name: context.mapping.name, key: context.stateKey),
                    leaseToken: context.leaseToken)
            }
            progress.phase = .extracting
            emitProgress()
            var seen = 0
            var counts = try context.tracker.scanChanges(
                of: context.mapping.model, stateKey: context.stateKey,
                problem: { problem in
                    problemRows += 1
                    progress.counts.count(.added)
                    fail(recordID: problem.id ?? "row \(problem.rowNumber)", change: .added, reason: problem.message,
                        code: problem.kind == .nullUniqueId ? .missingID : .duplicateID,
                        sample: .object(problem.columns), remember: false)
                },
                change: { item in
                    try handle(item)
                    seen += 1
                    if seen & 0xFF == 0 {
                        try stopIfInterrupted()
                        try settleAvailableOutcomes()
                        if let destinationOutage { throw destinationOutage }
                    }
                })
            counts.extracted += problemRows
            counts.added += problemRows
            progress.counts = counts
            try finishBuilding()
            try context.dryRunOutput?.flush()
            for index in lanes.indices.sorted(by: { lanes[$0].name < lanes[$1].name }) {
                if let batch = lanes[index].assembler.flush() {
                    try submit(batch, lane: lanes[index].name, writeKey: lanes[index].writeKey)
                }
            }
            handoff.finish()
            progress.phase = .loading
            emitProgress(force: true)
            try waitForDeliveries()
            if let destinationOutage { throw destinationOutage }
            if !context.options.dryRun {
                expired = try context.tracker.expireFailures(
                    olderThan: context.options.retryWindow, stateKey: context.stateKey, at: context.now())
            }
        } catch let stop as SyncInterrupted {
            // What was built but not handed over is dropped: it is found again as changed next time.
            interruption = stop.cause
            try? context.dryRunOutput?.flush()
            handoff.finish()
            do { try waitForDeliveries() } catch { failure = ("\(error)", nil) }
        } catch {
            failure = ("\(error)", FailureCode.of(runError: error))
            handoff.finish()
            try? waitForDeliveries()
        }
        return finish(expired: expired, error: failure, interruption: interruption)
    }

    /// Ends the scan when a stop was requested (``SyncOptions/interruption``).
    private func stopIfInterrupted() throws {
        if let cause = context.options.interruption.requestedCause { throw SyncInterrupted(cause: cause) }
    }

    // MARK: - One change

    private func handle(_ item: consuming RecordChangeItem) throws {
        progress.counts.count(item.change)
        guard context.mapping.config.records.includes(item.change) else {
            progress.skipped += 1
            pendingAcknowledgements.append(AcknowledgedChange(item))
            log(item.recordID, item.change, .skipped)
            if pendingAcknowledgements.count >= Self.commitGroupSize { try commitPending() }
            return
        }
        unbuilt.append(item)
        if unbuilt.count >= Self.buildChunkSize {
            submitUnbuilt()
            try enqueue(builder.claim(leaving: Self.chunksBuiltAhead))
        }
    }

    /// Hands ``unbuilt`` to the builder as its only reference (see ``OrderedChunkPipeline/submit(_:)``).
    private func submitUnbuilt() {
        var chunk: [RecordChangeItem] = []
        chunk.reserveCapacity(Self.buildChunkSize)
        swap(&chunk, &unbuilt)
        builder.submit(consume chunk)
    }

    /// Waits for every change still being built and batches it.
    private func finishBuilding() throws {
        if !unbuilt.isEmpty { submitUnbuilt() }
        try enqueue(builder.claim(leaving: 0))
    }

    /// Batches built chunks, each stored last change first (see ``builder``): `popLast` moves a change
    /// out of its chunk, where reading it in place would copy it, retaining every string and array it
    /// holds (objects made on the builder threads) for the chunk to release them all again.
    private func enqueue(_ chunks: consuming [[BuiltChange]]) throws {
        var chunks = consume chunks
        while !chunks.isEmpty {
            var chunk = chunks.removeFirst()
            while let built = chunk.popLast() { try enqueue(built) }
        }
    }

    /// Puts a built message into its lane's batch (or the dry run's file), submitting the batch when
    /// it is full; a change that built no message fails with its reason.
    private func enqueue(_ built: consuming BuiltChange) throws {
        let bytes: [UInt8]
        let profileSpace: String?
        switch built.outcome {
        case .failed(let reason, let code, let sample):
            fail(built.change, messageID: built.messageID, reason: reason, code: code, sample: sample)
            return
        case .message(let message, let space):
            bytes = message
            profileSpace = space
        }
        if let dryRunOutput = context.dryRunOutput {
            try dryRunOutput.write(bytes, mapping: context.mapping.name)
        }
        guard context.route != nil else {
            progress.sent += 1
            return
        }
        let destination: (lane: String, key: String)
        do {
            // In place: a copy of the route for every message cost more than choosing its key.
            destination = try context.route!.writeKey(profileSpace: profileSpace)
        } catch {
            fail(
                built.change, messageID: built.messageID, reason: error.description, code: error.code,
                sample: Self.sample(of: bytes))
            return
        }
        let lane = laneIndex(name: destination.lane, writeKey: destination.key)
        let full: ReadyBatch<PendingMessage>?
        do {
            // Added in place: a copy of the assembler out of the array would copy its open batch.
            let pending = PendingMessage(change: built.change, messageID: built.messageID, message: bytes)
            let encoded = EncodedMessage(bytes: bytes, tag: pending)
            full = try lanes[lane].assembler.add(encoded)
        } catch {
            fail(
                built.change, messageID: built.messageID, reason: error.reason, code: .messageTooLarge,
                sample: Self.sample(of: bytes))
            return
        }
        progress.sent += 1
        if let full { try submit(full, lane: destination.lane, writeKey: destination.key) }
    }

    /// The position in ``lanes`` of the lane `name`, opened when it is the first message for it.
    private func laneIndex(name: String, writeKey: String) -> Int {
        if let open = lanes.indices.first(where: { lanes[$0].name.hasSameUTF8(as: name) }) { return open }
        lanes.append((name, writeKey, BatchAssembler(limits: context.options.batchLimits)))
        return lanes.count - 1
    }

    /// A message's JSON as a run error's sample payload.
    private static func sample(of message: [UInt8]) -> JSONValue? {
        try? JSONReader.parse(bytes: message)
    }

    /// Hands `batch` to delivery, unless a state commit failed: then nothing more is sent, since
    /// what is delivered could not be remembered (it would all be sent again next time).
    private func submit(_ batch: ReadyBatch<PendingMessage>, lane: String, writeKey: String) throws {
        try context.committer?.throwFailure()
        slots.acquire()
        handoff.yield(BatchHandoff(lane: lane, writeKey: writeKey, batch: batch))
        submittedBatches += 1
    }

    /// `messageID` is the id `change` was (or would have been) sent with.
    private func fail(
        _ change: AcknowledgedChange, messageID: MessageID, reason: String, code: FailureCode, sample: JSONValue?,
        batch: Int? = nil
    ) {
        fail(
            recordID: change.recordID, change: change.change, reason: reason, code: code, sample: sample, remember: true,
            messageID: messageID, batch: batch)
    }

    /// Notes what became of a record, for the run's log (not kept for a dry run, which has no history),
    /// at `time` (by default now).
    private func log(
        _ recordID: String, _ change: RecordChange, _ outcome: RunChange.Outcome, code: FailureCode? = nil,
        reason: String? = nil, messageID: MessageID? = nil, batch: Int? = nil, sample: JSONValue? = nil,
        at time: Double? = nil
    ) {
        guard context.history != nil, context.logDetail == .all || outcome == .failed || outcome == .expired else { return }
        pendingLog.append(
            RunChange(
                runID: runID, recordID: recordID, change: change, outcome: outcome, code: code, reason: reason,
                messageID: messageID, batch: batch, samplePayload: sample, time: time ?? context.now()))
    }

    /// Counts a failed record and keeps its reason; `remember` notes it in the state so that the
    /// retry window applies (rows without a usable id have no state to note it in).
    private func fail(
        recordID: String, change: RecordChange, reason: String, code: FailureCode, sample: JSONValue?, remember: Bool,
        messageID: MessageID? = nil, batch: Int? = nil
    ) {
        progress.failed += 1
        if remember { pendingFailures.append(FailedChange(recordID: recordID, change: change, reason: reason, code: code)) }
        let keepsSample = errors.count < context.options.maximumStoredErrors
        if keepsSample {
            errors.append(
                RunRecordError(
                    runID: runID, recordID: recordID, change: change, reason: reason, code: code, samplePayload: sample))
        }
        log(
            recordID, change, .failed, code: code, reason: reason, messageID: messageID, batch: batch,
            sample: keepsSample ? sample : nil)
    }

    // MARK: - Outcomes

    /// Applies whatever outcomes the deliverers have posted, commits them, and reports progress.
    private func settleAvailableOutcomes() throws {
        var retried = false
        for (event, postedAt) in inbox.take() {
            switch event {
            case .delivered(let messages):
                progress.delivered += messages.count
                settledBatches += 1
                batchesSettled += 1
                // Logged as delivered when the deliverer learnt it, which is also one clock read a batch.
                // Read in place: a copy of each message would retain all it holds, and release it again.
                for index in messages.indices {
                    let change = messages[index].change
                    pendingAcknowledgements.append(change)
                    log(
                        change.recordID, change.change, .delivered, messageID: messages[index].messageID,
                        batch: batchesSettled, at: postedAt)
                }
            case .failed(let messages, let reason, let code):
                batchesSettled += 1
                for message in messages {
                    fail(
                        message.change, messageID: message.messageID, reason: reason, code: code,
                        sample: Self.sample(of: message.message), batch: batchesSettled)
                }
                settledBatches += 1
            case .withheld:
                settledBatches += 1
            case .destinationDown(let outage):
                destinationOutage = outage
            case .retrying(let retry):
                progress.retries += 1
                let ends = postedAt - startedAt + retry.delay.inSeconds
                progress.backOffEnds = max(progress.backOffEnds ?? 0, ends)
                retried = true
                context.events(.retrying(mapping: context.mapping.name, retry))
            }
        }
        let waiting = pendingAcknowledgements.count + pendingFailures.count
        if waiting >= Self.commitGroupSize || context.now() - lastCommitAt >= Self.commitInterval {
            try commitPending()
        }
        // A retry is reported at once: the wait that follows may be long and bring no other outcome.
        emitProgress(force: retried)
    }

    /// Settles every batch still out and commits everything: once it returns, the state is final.
    private func waitForDeliveries() throws {
        try settleAvailableOutcomes()
        while settledBatches < submittedBatches {
            inbox.waitForOutcome()
            try settleAvailableOutcomes()
        }
        try commitPending()
        try context.committer?.finish()
    }

    private func commitPending() throws {
        lastCommitAt = context.now()
        let acknowledged = pendingAcknowledgements, failed = pendingFailures, log = pendingLog
        pendingAcknowledgements = []
        pendingFailures = []
        pendingLog = []
        // Room for as many as the group just taken: grown by doubling, they copied each change twice.
        pendingAcknowledgements.reserveCapacity(acknowledged.count)
        pendingLog.reserveCapacity(log.count)
        guard !acknowledged.isEmpty || !failed.isEmpty || !log.isEmpty else { return }
        // The run's counts follow the commits, so that a run killed before it could finish is
        // finalised with them by the next start.
        try context.committer?.commit(
            acknowledged: acknowledged, failed: failed, log: log,
            progress: StateCommitter.RunProgress(runID: runID, outcome: outcome(expired: 0, error: nil, interruption: nil)),
            at: context.now())
    }

    private func outcome(expired: Int, error: (reason: String, code: FailureCode?)?, interruption: String?)
        -> SyncRunOutcome
    {
        SyncRunOutcome(
            counts: progress.counts, delivered: progress.delivered, failed: progress.failed, expired: expired,
            skipped: progress.skipped, error: error?.reason ?? interruption.map(SyncRunOutcome.interruptedReason), errorCode: error?.code,
            interrupted: interruption != nil)
    }

    // MARK: - Reporting

    private func emitProgress(force: Bool = false) {
        let now = context.now()
        guard force || now - lastProgressAt >= 0.1 else { return }
        lastProgressAt = now
        progress.elapsed = now - startedAt
        context.events(.progress(progress))
    }

    private func finish(
        expired: [ExpiredFailure], error: (reason: String, code: FailureCode?)?, interruption: String?
    ) -> SyncResult {
        progress.phase = .finished
        progress.elapsed = context.now() - startedAt
        // Records a stopped run never reached (found, but not yet sent) failed in this run with its error,
        // so the counts add up (extracted = delivered + failed + skipped); the next sync finds them again.
        // A dry run delivers nothing, and has no such sum.
        let unreached = progress.counts.extracted - progress.delivered - progress.failed - progress.skipped
        if context.route != nil, unreached > 0 { progress.failed += unreached }
        for failure in expired {
            let reason =
                "no longer retried: failing for over \(Int(context.options.retryWindow / 86_400)) days "
                + "(\(failure.attempts) attempts); last reason: \(failure.lastReason)"
            if errors.count < context.options.maximumStoredErrors {
                errors.append(
                    RunRecordError(
                        runID: runID, recordID: failure.recordID, change: .added, reason: reason, code: .expired,
                        samplePayload: nil))
            }
            log(failure.recordID, .added, .expired, code: .expired, reason: reason)
        }
        var run: SyncRun?
        var finalError = error?.reason
        if let history = context.history {
            do {
                try history.addChanges(pendingLog)
                pendingLog = []
                run = try history.finish(
                    runID, outcome: outcome(expired: expired.count, error: error, interruption: interruption))
            } catch {
                finalError = finalError ?? "the run could not be recorded: \(error)"
            }
        }
        let result = SyncResult(
            mapping: context.mapping.name, run: run, progress: progress, errors: errors, expired: expired,
            error: finalError ?? interruption.map(SyncRunOutcome.interruptedReason), errorCode: error?.code,
            interrupted: interruption != nil)
        context.events(.progress(progress))
        context.events(.finished(result))
        return result
    }
}

/// Thrown inside the scan to end it when a stop was requested.
private struct SyncInterrupted: Error {
    let cause: String
}

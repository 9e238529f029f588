/// Sends ready batches to one Tracking API endpoint with bounded concurrency, pacing and retries, and
/// reports the outcome of each. Bodies are gzip'd only when the endpoint is not on this machine
/// (``BatchRequest/gzipPays(sendingTo:)``).
///
/// `submit` waits while `maximumInFlight` batches are being delivered, so a producer reading millions of
/// rows holds at most that many batches in memory. Call `finish` after the last `submit`: it returns once
/// every outcome has been reported. Cancelling the task waiting in `submit` or `finish` (or calling
/// `cancelAll`) stops the deliveries; batches not yet acknowledged are then reported as failed, so every
/// submitted tag is still reported exactly once.
///
/// Deliverers of one run share a ``DestinationHealth``: while no request of the run was accepted, a
/// batch failing for a destination-level reason declares the destination down after
/// ``RetryPolicy/attemptsWhileUnproven`` attempts (401 and 403 at once), and from then on every batch
/// is withheld (reported as `withheld`, unsent) so that the run can stop in seconds.
public actor BatchDeliverer<Tag: Sendable> {
    public let maximumInFlight: Int
    private let transport: any TrackingAPITransport
    private let url: String
    private let writeKey: String
    private let allowsGzip: Bool
    private let rateLimiter: RequestRateLimiter
    private let policy: RetryPolicy
    private let clock: any DeliveryClock
    private let health: DestinationHealth
    private let report: @Sendable (DeliveryEvent<Tag>) async -> Void
    private var random: any RandomNumberGenerator & Sendable
    private var budget: RetryBudget
    private var deliveries: [Int: Task<Void, Never>] = [:]
    private var slotWaiters: [(id: Int, continuation: CheckedContinuation<Void, Never>)] = []
    private var drainWaiters: [CheckedContinuation<Void, Never>] = []
    private var nextID = 0

    static var cancelledReason: String { "the sync was cancelled before the batch was acknowledged" }

    /// - Parameters:
    ///   - rateLimiter: shared by every deliverer sending to the same workspace.
    ///   - random: the source of backoff jitter; seed it in tests.
    ///   - health: shared by every deliverer of one run.
    ///   - report: called once per event, from the deliverer; deliveries wait for it to return.
    public init(
        transport: any TrackingAPITransport,
        url: String,
        writeKey: String,
        rateLimiter: RequestRateLimiter,
        retryPolicy: RetryPolicy = RetryPolicy(),
        maximumInFlight: Int = 4,
        clock: any DeliveryClock = ContinuousDeliveryClock(),
        random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(),
        health: DestinationHealth = DestinationHealth(),
        report: @escaping @Sendable (DeliveryEvent<Tag>) async -> Void
    ) {
        precondition(maximumInFlight > 0, "at least one request must be allowed in flight")
        self.transport = transport
        self.url = url
        self.writeKey = writeKey
        self.allowsGzip = BatchRequest.gzipPays(sendingTo: url)
        self.rateLimiter = rateLimiter
        self.policy = retryPolicy
        self.maximumInFlight = maximumInFlight
        self.clock = clock
        self.random = random
        self.health = health
        self.report = report
        budget = RetryBudget(policy: retryPolicy)
    }

    /// Starts delivering `batch`, first waiting for a free slot if `maximumInFlight` batches are under way.
    /// If the caller is cancelled while waiting, the batch is reported as failed instead.
    public func submit(_ batch: ReadyBatch<Tag>) async {
        while deliveries.count >= maximumInFlight && !Task.isCancelled {
            await waitForSlot()
        }
        if Task.isCancelled {
            await report(.failed(tags: batch.tags, reason: Self.cancelledReason, code: .cancelled))
            return
        }
        let id = takeID()
        deliveries[id] = Task {
            await deliver(batch)
            finished(id)
        }
    }

    /// Returns once every submitted batch has been reported. Cancelling the caller cancels the deliveries.
    public func finish() async {
        await withTaskCancellationHandler {
            while !deliveries.isEmpty {
                await withCheckedContinuation { drainWaiters.append($0) }
            }
        } onCancel: {
            Task { await self.cancelAll() }
        }
    }

    /// Stops every delivery under way; their batches are reported as failed unless already acknowledged.
    public func cancelAll() {
        for delivery in deliveries.values {
            delivery.cancel()
        }
    }

    private func deliver(_ batch: ReadyBatch<Tag>) async {
        let request = BatchRequest(url: url, writeKey: writeKey, body: batch.body, allowsGzip: allowsGzip)
        var attempt = 1
        while true {
            if await health.outage != nil { return await report(.withheld(tags: batch.tags)) }
            do {
                try await rateLimiter.acquire()
            } catch {
                return await report(.failed(tags: batch.tags, reason: Self.cancelledReason, code: .cancelled))
            }
            let result: Result<BatchResponse, TransportError>
            do {
                result = .success(try await transport.send(request))
            } catch {
                result = .failure(error)
            }
            let reason: String, code: FailureCode, status: Int?, retryAfter: Double?
            switch policy.verdict(for: result) {
            case .delivered:
                await health.accepted()
                return await report(.delivered(tags: batch.tags))
            case .permanent(let permanentReason, let permanentCode):
                if permanentCode.isDestinationLevel, await withhold(batch, permanentCode, permanentReason) { return }
                return await report(.failed(tags: batch.tags, reason: permanentReason, code: permanentCode))
            case .retryable(let retryReason, let retryCode, let retryStatus, let serverWait):
                (reason, code, status, retryAfter) = (retryReason, retryCode, retryStatus, serverWait)
            }
            if Task.isCancelled {
                return await report(
                    .failed(tags: batch.tags, reason: "\(Self.cancelledReason); last answer: \(reason)", code: .cancelled))
            }
            if attempt >= min(policy.attemptsWhileUnproven, policy.maximumAttempts),
                await withhold(batch, code, reason)
            {
                return
            }
            guard attempt < policy.maximumAttempts else {
                return await report(
                    .failed(tags: batch.tags, reason: "gave up after \(attempt) attempts; last answer: \(reason)", code: code))
            }
            let delay = policy.delay(beforeRetry: attempt, retryAfter: retryAfter, using: &random)
            guard budget.spend(waiting: delay) else {
                return await report(
                    .failed(tags: batch.tags, reason: "retry budget exhausted; last answer: \(reason)", code: code))
            }
            await report(.retrying(DeliveryRetry(
                messageCount: batch.tags.count, attempt: attempt, status: status, reason: reason, delay: delay
            )))
            do {
                try await clock.sleep(for: delay)
            } catch {
                return await report(
                    .failed(tags: batch.tags, reason: "\(Self.cancelledReason); last answer: \(reason)", code: .cancelled))
            }
            attempt += 1
        }
    }

    /// Withholds `batch` when its destination-level failure declares the destination down (reporting
    /// the outage if this batch is the first to) or it already was; false when a request of the run
    /// was accepted, so that the failure is the batch's own.
    private func withhold(_ batch: ReadyBatch<Tag>, _ code: FailureCode, _ lastAnswer: String) async -> Bool {
        let outage = DestinationOutage(code: code, lastAnswer: lastAnswer)
        switch await health.declareDown(outage) {
        case .proven:
            return false
        case .declared:
            await report(.destinationDown(outage))
        case .alreadyDown:
            break
        }
        await report(.withheld(tags: batch.tags))
        return true
    }

    private func finished(_ id: Int) {
        deliveries[id] = nil
        if !slotWaiters.isEmpty {
            slotWaiters.removeFirst().continuation.resume()
        }
        if deliveries.isEmpty {
            for waiter in drainWaiters {
                waiter.resume()
            }
            drainWaiters = []
        }
    }

    private func waitForSlot() async {
        let id = takeID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume()
                } else {
                    slotWaiters.append((id, continuation))
                }
            }
        } onCancel: {
            Task { await self.releaseWaiter(id) }
        }
    }

    private func releaseWaiter(_ id: Int) {
        if let index = slotWaiters.firstIndex(where: { $0.id == id }) {
            slotWaiters.remove(at: index).continuation.resume()
        }
    }

    private func takeID() -> Int {
        defer { nextID += 1 }
        return nextID
    }
}

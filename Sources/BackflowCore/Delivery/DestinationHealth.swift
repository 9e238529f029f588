/// What one run has learned of its destination from the answers so far, shared by every deliverer of
/// the run (one per write key): whether any request was accepted yet, and whether the destination was
/// declared down.
///
/// Until a request is accepted, the destination is unproven, and a batch that keeps failing for a
/// destination-level reason (401/403, 5xx, 429, no answer) declares it down after
/// ``RetryPolicy/attemptsWhileUnproven`` attempts (401/403 at once): a wrong key or a dead endpoint
/// then stops the run in seconds instead of spending the whole retry budget, and its records are left
/// for the next run rather than failed. Once any request was accepted the destination is proven for
/// the rest of the run, and failures are the batches' own (the normal retry policy applies).
public actor DestinationHealth {
    public private(set) var isProven = false
    public private(set) var outage: DestinationOutage?

    public init() {}

    /// A request was accepted: from now on the destination cannot be declared down in this run.
    func accepted() {
        isProven = true
    }

    /// Called when a batch has failed for a destination-level reason as often as an unproven destination
    /// allows: declares the destination down unless a request was accepted meanwhile.
    func declareDown(_ outage: DestinationOutage) -> Declaration {
        if self.outage != nil { return .alreadyDown }
        if isProven { return .proven }
        self.outage = outage
        return .declared
    }

    enum Declaration {
        /// A request was accepted: the failure is the batch's own.
        case proven
        /// This call declared the destination down: the caller reports the outage, once.
        case declared
        case alreadyDown
    }
}

/// Why a run stopped delivering before anything was accepted: the destination refused or failed every
/// request of its first batches for a destination-level reason.
public struct DestinationOutage: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: FailureCode
    /// The last answer (or lack of one), e.g. `HTTP 401: invalid write key`.
    public let lastAnswer: String

    public init(code: FailureCode, lastAnswer: String) {
        self.code = code
        self.lastAnswer = lastAnswer
    }

    public var description: String {
        "the destination failed every request (\(code.rawValue)): \(lastAnswer); "
            + "nothing more was sent, and the records are left for the next sync (\(code.fix))"
    }
}

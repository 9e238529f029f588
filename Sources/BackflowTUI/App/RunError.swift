import BackflowCore

/// Why a whole run failed (no write key, no warehouse, refused by the lock, the destination down),
/// as the editor shows it: the engine's reason and, when it has one, its failure code.
///
/// A run that failed as a whole has no failed records, so counts alone make it look like a quiet
/// success; every place that shows a run's outcome shows this instead.
public struct RunError: Sendable, Hashable {
    public var reason: String
    public var code: FailureCode?
    /// The run was stopped on request: a warning, not a failure of the setup.
    public var interrupted: Bool

    public init(reason: String, code: FailureCode? = nil, interrupted: Bool = false) {
        self.reason = reason
        self.code = code
        self.interrupted = interrupted
    }

    /// The outcome in one word, as the status column of a run shows it.
    public var status: String { interrupted ? "stopped" : "failed" }

    /// The role the outcome is shown in.
    public var role: UIRole { interrupted ? .warning : .error }

    /// `failed [no_write_key]: <reason>`: the status, the code a user can look up, and the reason.
    public var summary: String {
        "\(status)\(code.map { " [\($0.rawValue)]" } ?? ""): \(reason)"
    }
}

extension SyncResult {
    /// Why this mapping's run failed as a whole, if it did.
    var runError: RunError? { error.map { RunError(reason: $0, code: errorCode, interrupted: interrupted) } }
}

extension SyncRun {
    /// Why this run failed as a whole, if it did.
    var runError: RunError? { error.map { RunError(reason: $0, code: errorCode, interrupted: interrupted) } }
}

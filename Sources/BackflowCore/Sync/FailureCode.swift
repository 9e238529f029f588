/// Why a record (or a whole run) failed, as a stable code kept beside the reason's text: in the state's
/// failures tables, in the run history and in `--json` output, so that scripts and `backflow help errors`
/// can rely on it while the text says the details. The raw values never change once released.
public enum FailureCode: String, Sendable, CaseIterable, Codable {
    case validation
    case messageTooLarge = "message_too_large"
    case missingID = "missing_id"
    case duplicateID = "duplicate_id"
    case unknownProfileSpace = "unknown_profile_space"
    case noWriteKey = "no_write_key"
    case configuration
    case rejected
    case unauthorized
    case rateLimited = "rate_limited"
    case serverError = "server_error"
    case network
    case cancelled
    case expired
    case busy
    case leaseLost = "lease_lost"
    case warehouse
    case state

    /// What the code means, in one line.
    public var meaning: String {
        switch self {
        case .validation: "the record's message does not satisfy the action's fields (Test Mapping failed)"
        case .messageTooLarge: "the record's message is over the Tracking API's 32 KB limit"
        case .missingID: "the model returned the row with no value in its id column"
        case .duplicateID: "the model returned the record's id more than once; only the first row is sent"
        case .unknownProfileSpace: "the record names no Profile Space, or one the destination does not have"
        case .noWriteKey: "the environment variable holding the write key is not set"
        case .configuration: "the destination's endpoint or region, or the sync's options, cannot be used"
        case .rejected: "Segment refused the batch (HTTP 4xx other than 401, 403, 408 and 429)"
        case .unauthorized: "Segment refused the write key (HTTP 401 or 403)"
        case .rateLimited: "Segment kept answering 429 (too many requests) until retries ran out"
        case .serverError: "Segment kept answering 5xx (a server error) until retries ran out"
        case .network: "no answer: the connection was refused, dropped or timed out, or the host is unknown"
        case .cancelled: "the sync was stopped before Segment acknowledged the batch"
        case .expired: "the record failed for longer than the retry window and is no longer retried"
        case .busy: "another sync of the mapping, on this host or another, holds its lease"
        case .leaseLost: "the sync stalled past its lease and another host took the mapping over"
        case .warehouse: "the warehouse could not be reached or refused the model's query"
        case .state: "the sync state or run history could not be read or written"
        }
    }

    /// What to do about it, in one line.
    public var fix: String {
        switch self {
        case .validation: "run `backflow preview` on the mapping and fix the fields it names"
        case .messageTooLarge: "map fewer or smaller properties for these records"
        case .missingID: "make the model return a non-empty id for every row"
        case .duplicateID: "make the model return each id once (GROUP BY or DISTINCT ON the id)"
        case .unknownProfileSpace: "map engage_space to a Profile Space listed under the destination's profile_spaces"
        case .noWriteKey: "export the variable the destination's write_key_env names before syncing"
        case .configuration: "correct the destination's endpoint or region (`backflow check` names the problem)"
        case .rejected: "read the answer in `backflow runs show RUN` and fix what it names"
        case .unauthorized: "export the source's current write key; the records are sent by the next sync"
        case .rateLimited: "lower max_requests_per_second; the records are retried by the next sync"
        case .serverError: "nothing to fix here: the records are retried by the next sync"
        case .network: "check the network and the endpoint; the records are retried by the next sync"
        case .cancelled: "run the sync again: unacknowledged records are resent with the same message ids"
        case .expired: "change the record in the model (or `sync --reset`) to send it again"
        case .busy: "wait for it to finish (`sync --wait SECONDS`); `backflow runs` names its host"
        case .leaseLost: "nothing to fix here unless it repeats: then raise settings.lease_seconds"
        case .warehouse: "check the source's connection and the model's query (`backflow check`)"
        case .state: "read the message: it names the file or schema and what to do"
        }
    }

    /// A failure that says the destination as a whole is failing rather than this record: an outage
    /// of such failures starts no record's retry window (see ``ChangeTracker``).
    public var isDestinationLevel: Bool {
        switch self {
        case .unauthorized, .rateLimited, .serverError, .network: true
        default: false
        }
    }

    /// The code of an error that failed a whole run before or outside delivery, when it has one.
    static func of(runError error: any Error) -> FailureCode? {
        switch error {
        case let outage as DestinationOutage: outage.code
        case let lease as SyncLeaseError:
            if case .held = lease { .busy } else { .leaseLost }
        case is WarehouseError: .warehouse
        case let workspace as WorkspaceError:
            switch workspace {
            case .warehouse, .sourceConnection: .warehouse
            default: .configuration
            }
        case is StateError, is PostgresStateError, is PostgresStateSchemaError, is WorkspaceIdentityError: .state
        default: nil
        }
    }

    /// The code of an HTTP status that is not a success.
    static func of(status: Int) -> FailureCode {
        switch status {
        case 401, 403: .unauthorized
        case 408: .network
        case 429: .rateLimited
        case 500..<600: .serverError
        default: .rejected
        }
    }
}

/// A record a sync has to consider: what changed since the state last acknowledged for the mapping.
public struct RecordChangeItem: Sendable {
    /// The record's id, as ``ModelRecord/id``.
    public let recordID: String
    /// The row's values: as a SQLite scan read them, or as an object.
    let values: RecordValues
    public let change: RecordChange
    /// The checksum to commit when this change is acknowledged (for a deleted record, the last
    /// acknowledged checksum).
    public let checksum: String
    /// The record's version once this change is acknowledged: one more than the last acknowledged
    /// version (1 for a record never acknowledged). Part of the message id, so that every
    /// acknowledged-then-changed version gets a new one (see ``MessageIdentity``).
    public let version: Int64

    public init(record: ModelRecord, change: RecordChange, checksum: String, version: Int64) {
        self.init(recordID: record.id, values: .object(record.columns), change: change, checksum: checksum, version: version)
    }

    init(recordID: String, values: RecordValues, change: RecordChange, checksum: String, version: Int64) {
        self.recordID = recordID
        self.values = values
        self.change = change
        self.checksum = checksum
        self.version = version
    }

    /// The row as the model returns it now; for a deleted record, the deleted shape (every column
    /// `null`) built from the model's column names.
    public var record: ModelRecord {
        ModelRecord(id: recordID, columns: values.object)
    }
}

/// A record's column values: an object, or a SQLite row's ``RowValues``, which most syncs write into
/// messages without ever making the object.
enum RecordValues: Sendable {
    case object(JSONObject)
    case row(RowValues)

    var object: JSONObject {
        switch self {
        case .object(let object): object
        case .row(let row): row.object
        }
    }

    /// The column names, in key order.
    var keys: [String] {
        switch self {
        case .object(let object): object.keys
        case .row(let row): row.layout.keyNames
        }
    }
}

/// How many records of each kind a change scan found.
public struct ChangeCounts: Sendable, Hashable {
    public var extracted = 0
    public var added = 0
    public var updated = 0
    public var deleted = 0

    public init(extracted: Int = 0, added: Int = 0, updated: Int = 0, deleted: Int = 0) {
        self.extracted = extracted
        self.added = added
        self.updated = updated
        self.deleted = deleted
    }

    /// Counts one change found: one more extracted record, of its kind.
    public mutating func count(_ change: RecordChange) {
        extracted += 1
        switch change {
        case .added: added += 1
        case .updated: updated += 1
        case .deleted: deleted += 1
        }
    }
}

/// A record whose change reached Segment (or was deliberately not sent), to be remembered so that
/// the next sync does not see it as changed again.
public struct AcknowledgedChange: Sendable, Hashable {
    public let recordID: String
    public let change: RecordChange
    public let checksum: String
    /// The version the record is stored at (see ``RecordChangeItem/version``).
    public let version: Int64

    public init(recordID: String, change: RecordChange, checksum: String, version: Int64) {
        self.recordID = recordID
        self.change = change
        self.checksum = checksum
        self.version = version
    }

    /// `item`, acknowledged as it was found.
    ///
    /// Borrows `item`: an initializer's argument is otherwise consumed, so that every caller copied the
    /// whole item (its row included) for the two strings kept here.
    public init(_ item: borrowing RecordChangeItem) {
        self.init(recordID: item.recordID, change: item.change, checksum: item.checksum, version: item.version)
    }
}

/// A record that could not be delivered this time, why, and the stable code of that reason.
public struct FailedChange: Sendable, Hashable {
    public let recordID: String
    public let change: RecordChange
    public let reason: String
    public let code: FailureCode

    public init(recordID: String, change: RecordChange, reason: String, code: FailureCode) {
        self.recordID = recordID
        self.change = change
        self.reason = reason
        self.code = code
    }
}

/// A record that kept failing past the retry window and is no longer retried.
public struct ExpiredFailure: Sendable, Hashable {
    public let recordID: String
    public let firstFailedAt: Double
    public let attempts: Int
    public let lastReason: String

    public init(recordID: String, firstFailedAt: Double, attempts: Int, lastReason: String) {
        self.recordID = recordID
        self.firstFailedAt = firstFailedAt
        self.attempts = attempts
        self.lastReason = lastReason
    }
}

/// Change detection inside the warehouse engine, as Segment's Reverse ETL does it: per mapping, a
/// records table of (record id, checksum) in a state area Backflow owns, compared with the model by
/// SQL, streaming, so memory does not grow with the model.
///
/// State only moves forward through ``acknowledge(_:stateKey:)``: a record whose delivery never
/// completed is seen as changed again on the next scan, with its latest data. Each acknowledged change
/// bumps the record's version, and an acknowledged deletion leaves the record's version behind (a
/// tombstone), so a record deleted and added again continues its versions. Used serially.
///
/// **Retry window.** A failed record is retried by every sync, and given up (expired) once it has been
/// failing for longer than the window (Segment's 14 days) — counted only over syncs in which the
/// destination was working, so that an outage of the destination (a wrong or rotated write key, 5xx or
/// no answer for a whole run) never costs the user records. A sync whose destination failed every
/// request for a destination-level reason (see ``FailureCode/isDestinationLevel`` and
/// ``DestinationHealth``) notes its failures but does not call ``expireFailures(olderThan:stateKey:at:)``:
/// it starts no record's window and expires nothing. Every other sync calls it when it ends, which starts
/// the window of each failure noted since the last such sync, at that failure's time; a record failing
/// for its own reasons (validation, a 400 for its message) thus expires the window's length after its
/// first failure in a sync whose destination worked.
public protocol ChangeTracker: AnyObject {
    /// The lease the sync using this tracker holds: once set, every state write checks it in its own
    /// transaction and refuses to commit without it (see ``SyncLease``).
    var fence: LeaseFence? { get set }

    /// The state of `mapping`, registered for its workspace on first use. State kept before workspace
    /// identities (under ``MappingIdentity/legacyStateKey``) is taken over, not started over; state
    /// registered to another workspace is refused.
    func openState(_ mapping: MappingIdentity) throws -> MappingState

    /// Streams every record that differs from the acknowledged state of `stateKey`: new ids as
    /// `.added`, changed checksums as `.updated`, ids that vanished from the model as `.deleted`
    /// (after all added and updated ones). Rows without a usable id go to `problem`. The first scan
    /// of a state key sees every record as added. Each change is handed over to `change`, to keep
    /// without a copy.
    func scanChanges(
        of model: ModelDefinition, stateKey: String,
        problem: (RecordProblem) throws -> Void,
        change: (consuming RecordChangeItem) throws -> Void
    ) throws -> ChangeCounts

    /// Commits delivered (or deliberately unsent) changes: added and updated records store their
    /// checksum, deleted records leave the state. Clears any failure bookkeeping of those records.
    func acknowledge(_ changes: [AcknowledgedChange], stateKey: String) throws

    /// Notes records that failed this sync with their reason and code (first failure time kept,
    /// attempts counted). Their retry window is not started here (see the retry window above).
    func recordFailures(_ failures: [FailedChange], stateKey: String, at time: Double) throws

    /// Called at the end of a sync whose destination was not down: starts the retry window of the
    /// failures noted since the last such call (at their last failure) and expires the failures whose
    /// window started more than `window` seconds before `time` (Segment retries for 14 days). Expired
    /// records are acknowledged as they are now so that they stop being retried, and returned for the
    /// report.
    func expireFailures(olderThan window: Double, stateKey: String, at time: Double) throws -> [ExpiredFailure]

    /// Forgets everything about `stateKey` and draws a new generation for its message ids: the next
    /// scan sees every record as added, and sends it under a new id.
    func reset(stateKey: String) throws
}

/// The state tables of one state key in the state database, and the SQL that creates them.
struct StateTables {
    static let checkpoints = "backflow_checkpoints"
    /// Which workspace and mapping each state key belongs to, and its message-id generation.
    static let registry = "backflow_mappings"
    /// The checksum of an acknowledged deletion: the record's row stays, with its version, so that a
    /// record added again continues its versions (and its message ids never repeat). A real checksum
    /// is never empty.
    static let deletedChecksum = ""

    let key: String
    /// Acknowledged records: `record_id`, `checksum` (``deletedChecksum`` once deleted), `synced_at`,
    /// `version`.
    let records: String
    /// ``records`` without its schema.
    let recordsName: String
    /// Records whose last delivery failed, until acknowledged or expired.
    let failures: String
    /// ``failures`` without its schema.
    let failuresName: String

    init(key: String) throws(StateError) {
        guard StateKey.isValid(key) else { throw .invalidStateKey(key) }
        self.key = key
        recordsName = "backflow_records_" + key
        records = "main." + recordsName
        failuresName = "backflow_failures_" + key
        failures = "main." + failuresName
    }

    var creation: [String] {
        [
            // WITHOUT ROWID: a record is one B-tree entry keyed by its id, rather than a row and an
            // index entry, so acknowledging a million records writes half as much. (State files made
            // before have rowid tables, which work the same.)
            "CREATE TABLE IF NOT EXISTS \(records) "
                + "(record_id TEXT PRIMARY KEY, checksum TEXT NOT NULL, synced_at REAL, "
                + "version INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID",
            "CREATE TABLE IF NOT EXISTS \(failures) (record_id TEXT PRIMARY KEY, change TEXT NOT NULL, "
                + "first_failed_at REAL NOT NULL, last_failed_at REAL NOT NULL, attempts INTEGER NOT NULL, "
                + "last_reason TEXT NOT NULL, expired_at REAL, code TEXT, window_started_at REAL)",
            "CREATE TABLE IF NOT EXISTS main.\(Self.checkpoints) (state_key TEXT PRIMARY KEY, model TEXT, "
                + "last_scan_at REAL, last_sync_at REAL)",
        ]
    }

    /// Columns of ``records`` that tables made by earlier releases lack: `version`, 0 for the records
    /// they acknowledged.
    var addedRecordColumns: [StateDatabase.AddedColumn] {
        [.init(name: "version", statements: ["ALTER TABLE \(records) ADD COLUMN version INTEGER NOT NULL DEFAULT 0"])]
    }

    static let registryCreation =
        "CREATE TABLE IF NOT EXISTS main.\(registry) (state_key TEXT PRIMARY KEY, workspace_id TEXT NOT NULL, "
        + "mapping_id TEXT NOT NULL, mapping_name TEXT NOT NULL, generation TEXT NOT NULL, legacy_key TEXT, "
        + "created_at REAL NOT NULL)"

    /// Columns of ``failures`` that tables made by earlier releases lack, each with the statements that
    /// add it. `code` is the failure's ``FailureCode`` (NULL for failures noted before codes existed);
    /// `window_started_at` is when its retry window started (NULL until a sync whose destination worked
    /// ends; see ``ChangeTracker``), and a failure noted before it existed keeps the window it had then,
    /// from its first failure.
    var addedFailureColumns: [StateDatabase.AddedColumn] {
        [
            .init(name: "code", statements: ["ALTER TABLE \(failures) ADD COLUMN code TEXT"]),
            .init(
                name: "window_started_at",
                statements: [
                    "ALTER TABLE \(failures) ADD COLUMN window_started_at REAL",
                    "UPDATE \(failures) SET window_started_at = first_failed_at",
                ]),
        ]
    }
}

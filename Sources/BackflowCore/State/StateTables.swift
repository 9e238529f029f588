/// The state tables of one state key in the state database, and the SQL that creates them.
struct StateTables {
    static let checkpoints = "backflow_checkpoints"

    let key: String
    /// Acknowledged records: `record_id`, `checksum`, `synced_at`.
    let records: String
    /// Records whose last delivery failed, until acknowledged or expired.
    let failures: String
    /// ``failures`` without its schema, for `PRAGMA main.table_info`.
    let failuresTableName: String

    init(key: String) throws(StateError) {
        guard StateKey.isValid(key) else { throw .invalidStateKey(key) }
        self.key = key
        records = "main.backflow_records_" + key
        failuresTableName = "backflow_failures_" + key
        failures = "main." + failuresTableName
    }

    var creation: [String] {
        [
            // WITHOUT ROWID: a record is one B-tree entry keyed by its id, rather than a row and an
            // index entry, so acknowledging a million records writes half as much. (State files made
            // before have rowid tables, which work the same.)
            "CREATE TABLE IF NOT EXISTS \(records) "
                + "(record_id TEXT PRIMARY KEY, checksum TEXT NOT NULL, synced_at REAL) WITHOUT ROWID",
            "CREATE TABLE IF NOT EXISTS \(failures) (record_id TEXT PRIMARY KEY, change TEXT NOT NULL, "
                + "first_failed_at REAL NOT NULL, last_failed_at REAL NOT NULL, attempts INTEGER NOT NULL, "
                + "last_reason TEXT NOT NULL, expired_at REAL, code TEXT, window_started_at REAL)",
            "CREATE TABLE IF NOT EXISTS main.\(Self.checkpoints) (state_key TEXT PRIMARY KEY, model TEXT, "
                + "last_scan_at REAL, last_sync_at REAL)",
        ]
    }

    /// Columns of ``failures`` that tables made by earlier releases lack, each with the statements that
    /// add it. `code` is the failure's ``FailureCode`` (NULL for failures noted before codes existed);
    /// `window_started_at` is when its retry window started (NULL until a sync whose destination worked
    /// ends; see ``ChangeTracker``), and a failure noted before it existed keeps the window it had then,
    /// from its first failure.
    var addedFailureColumns: [(column: String, additions: [String])] {
        [
            ("code", ["ALTER TABLE \(failures) ADD COLUMN code TEXT"]),
            (
                "window_started_at",
                [
                    "ALTER TABLE \(failures) ADD COLUMN window_started_at REAL",
                    "UPDATE \(failures) SET window_started_at = first_failed_at",
                ]
            ),
        ]
    }
}

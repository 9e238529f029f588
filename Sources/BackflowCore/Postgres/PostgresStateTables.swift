/// The SQL of the state Backflow keeps in a PostgreSQL warehouse: a `backflow` schema holding, per
/// state key, `records_<key>` (what was delivered, with each record's version; an acknowledged
/// deletion stays as a row with an empty checksum, see ``StateTables/deletedChecksum``) and
/// `failures_<key>` (what is being retried), one `checkpoints` table (when each key last acknowledged
/// anything) and one `mappings` table (which workspace and mapping each key belongs to).
struct PostgresStateTables {
    static let schema = "backflow"
    static let registry = "\(schema).mappings"
    /// Stored instead of a checksum for a record whose failures expired: the next scan accepts the
    /// record's data as it is then (no ``PostgresChecksumForm`` ever equals this).
    static let acceptCurrentData = "*"

    let records: String
    let failures: String
    let stateKey: String
    /// The tables' names without the schema.
    let recordsName: String
    let failuresName: String

    /// Refuses a key that is not 1 to 64 of `a-z`, `0-9`, `_`: it becomes part of table names.
    init(stateKey: String) throws(PostgresStateError) {
        let allowed = stateKey.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "_")
        }
        guard (1...64).contains(stateKey.utf8.count), allowed else { throw .invalidStateKey(stateKey) }
        self.stateKey = stateKey
        recordsName = "records_\(stateKey)"
        failuresName = "failures_\(stateKey)"
        records = "\(Self.schema).\(recordsName)"
        failures = "\(Self.schema).\(failuresName)"
    }

    /// Creates whatever of the schema and this key's tables is missing, and brings a failures table made
    /// by an earlier release up to date: `code` is the failure's ``FailureCode``, `window_started_at`
    /// when its retry window started (NULL until a sync whose destination worked ends; see
    /// ``ChangeTracker``). A failure without a code was noted by an earlier release, and keeps the window
    /// it had then, from its first failure.
    ///
    /// Record ids are compared byte for byte (`COLLATE "C"`), as SQLite's state compares them: an id is
    /// an exact string, and a linguistic collation only slows every index insert and sort of the state
    /// (a fifth of the time of a million first acknowledgements under `C.UTF-8`, more under `en_US`).
    /// Tables made before keep their collation: they give the same answers, only slower.
    var creation: String {
        """
        CREATE TABLE IF NOT EXISTS \(Self.schema).checkpoints (
            state_key text PRIMARY KEY, acknowledged_at timestamptz NOT NULL);
        CREATE TABLE IF NOT EXISTS \(records) (
            record_id text COLLATE "C" PRIMARY KEY, checksum text NOT NULL, synced_at timestamptz, version int8 NOT NULL DEFAULT 0);
        ALTER TABLE \(records) ADD COLUMN IF NOT EXISTS version int8 NOT NULL DEFAULT 0;
        CREATE TABLE IF NOT EXISTS \(failures) (
            record_id text COLLATE "C" PRIMARY KEY, change text NOT NULL, first_failed_at float8 NOT NULL,
            last_failed_at float8 NOT NULL, attempts int4 NOT NULL, last_reason text NOT NULL,
            code text, window_started_at float8);
        ALTER TABLE \(failures) ADD COLUMN IF NOT EXISTS code text;
        ALTER TABLE \(failures) ADD COLUMN IF NOT EXISTS window_started_at float8;
        UPDATE \(failures) SET window_started_at = first_failed_at WHERE window_started_at IS NULL AND code IS NULL;
        """
    }

    /// One row, `t` when the key's tables and every column ``creation`` adds exist. ``creation``'s
    /// `ALTER TABLE … ADD COLUMN IF NOT EXISTS` takes an exclusive lock even when the column is there,
    /// and would wait behind a running scan that reads the records (another tracker of the same sync),
    /// so a tracker runs it only when this says something is missing.
    var isCurrentQuery: String {
        """
        SELECT to_regclass('\(Self.schema).checkpoints') IS NOT NULL AND (
            SELECT count(*) FROM pg_catalog.pg_attribute
            WHERE NOT attisdropped AND (
                (attrelid = to_regclass('\(records)') AND attname = 'version')
                OR (attrelid = to_regclass('\(failures)') AND attname IN ('code', 'window_started_at')))) = 3
        """
    }

    /// Drops the key's tables and gives it a new message-id generation.
    func removal(generation: String) -> String {
        """
        DROP TABLE IF EXISTS \(records);
        DROP TABLE IF EXISTS \(failures);
        DELETE FROM \(Self.schema).checkpoints WHERE state_key = '\(stateKey)';
        UPDATE \(Self.registry) SET generation = '\(generation)' WHERE state_key = '\(stateKey)';
        """
    }

    /// Creates the schema unless it exists: `CREATE SCHEMA IF NOT EXISTS` needs the CREATE privilege on
    /// the database even when the schema is there, which a role given a schema made for it lacks.
    static let schemaCreation = """
        DO $$ BEGIN
            IF to_regnamespace('\(schema)') IS NULL THEN CREATE SCHEMA \(schema); END IF;
        END $$
        """

    static let registryCreation = """
        CREATE TABLE IF NOT EXISTS \(registry) (
            state_key text PRIMARY KEY, workspace_id text NOT NULL, mapping_id text NOT NULL,
            mapping_name text NOT NULL, generation text NOT NULL, legacy_key text, created_at timestamptz NOT NULL);
        """
}

/// Why the change tracker refused or failed a state operation.
public enum PostgresStateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// State keys name tables, so they are limited to `^[a-z0-9_]{1,64}$`.
    case invalidStateKey(String)
    /// PostgreSQL refused a write to the `backflow` schema.
    case stateWriteFailed(stateKey: String, reason: PostgresError)

    public var description: String {
        switch self {
        case .invalidStateKey(let key):
            return "The state key '\(key)' must be 1 to 64 characters of a-z, 0-9 and _."
        case .stateWriteFailed(let key, let reason):
            return "Cannot update the sync state '\(key)' in the backflow schema: \(reason.message)"
        }
    }
}

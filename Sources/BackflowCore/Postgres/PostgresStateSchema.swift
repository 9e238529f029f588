/// The layout of the `backflow` schema, shared by every state key: the registry, leases and the audit
/// tables, with a version that moves forward only.
///
/// Version 1 (releases before `schema_version`) had the registry, checkpoints and the per-key tables;
/// version 2 adds `sync_leases`, `sync_runs` and `sync_changes`. A schema newer than this Backflow knows
/// is refused rather than written, since its layout may mean something this release would break.
enum PostgresStateSchema {
    static let version = 2
    static let leases = "\(PostgresStateTables.schema).sync_leases"
    static let runs = "\(PostgresStateTables.schema).sync_runs"
    static let changes = "\(PostgresStateTables.schema).sync_changes"
    static let versions = "\(PostgresStateTables.schema).schema_version"

    /// Creates what is missing and records the version, serialised between hosts by a transaction-wide
    /// advisory lock (two hosts creating one table at once would otherwise collide).
    static func prepare(_ connection: PostgresConnection) throws(PostgresStateSchemaError) {
        do {
            try connection.transaction {
                try connection.execute(lock)
                try connection.execute(PostgresStateTables.schemaCreation)
                try connection.execute(
                    "CREATE TABLE IF NOT EXISTS \(versions) (version int4 NOT NULL, upgraded_at timestamptz NOT NULL)")
                let found = Int(
                    try connection.execute("SELECT max(version) FROM \(versions)").text(row: 0, column: 0) ?? "")
                if let found, found > version { throw PostgresStateSchemaError.newer(found: found, known: version) }
                if found != version {
                    try connection.executeScript(PostgresStateTables.registryCreation + creation)
                    try connection.execute(
                        "INSERT INTO \(versions) (version, upgraded_at) VALUES ($1, now())", [String(version)])
                }
            }
        } catch let error as PostgresStateSchemaError {
            throw error
        } catch {
            throw .cannotPrepare(error as? PostgresError ?? PostgresError(sqlState: nil, message: "\(error)"))
        }
    }

    /// Takes the lock that serialises schema changes between hosts until the transaction ends; its
    /// key is a constant, "backflow" in ASCII.
    private static let lock = "SELECT pg_advisory_xact_lock(\(0x6261_636B_666C_6F77 as Int64))"

    /// `script` (run as one implicit transaction by ``PostgresConnection/executeScript(_:)``) behind the
    /// advisory lock: `IF NOT EXISTS` does not stop two hosts from creating one schema or table at the
    /// same moment, the second failing on a duplicate key in the catalog.
    static func serialized(_ script: String) -> String {
        lock + ";\n" + script
    }

    private static let creation = """
        CREATE TABLE IF NOT EXISTS \(leases) (
            state_key text PRIMARY KEY, token text NOT NULL, host text NOT NULL, pid int4 NOT NULL,
            started_at timestamptz NOT NULL, renewed_at timestamptz NOT NULL, expires_at timestamptz NOT NULL);
        CREATE TABLE IF NOT EXISTS \(runs) (
            run_id bigserial PRIMARY KEY, mapping text NOT NULL, mapping_key text, host text, pid int4 NOT NULL,
            lease_token text, status text NOT NULL, started_at timestamptz NOT NULL, finished_at timestamptz,
            extracted int8 NOT NULL DEFAULT 0, added int8 NOT NULL DEFAULT 0, updated int8 NOT NULL DEFAULT 0,
            deleted int8 NOT NULL DEFAULT 0, delivered int8 NOT NULL DEFAULT 0, failed int8 NOT NULL DEFAULT 0,
            skipped int8 NOT NULL DEFAULT 0, expired int8 NOT NULL DEFAULT 0, error text, error_code text,
            interrupted boolean NOT NULL DEFAULT false);
        CREATE INDEX IF NOT EXISTS sync_runs_by_mapping_key ON \(runs) (mapping_key, run_id);
        CREATE INDEX IF NOT EXISTS sync_runs_by_start ON \(runs) (started_at);
        CREATE TABLE IF NOT EXISTS \(changes) (
            run_id int8 NOT NULL, record_id text NOT NULL, change text NOT NULL, outcome text NOT NULL,
            error_code text, reason text, message_id text, batch int4, sample_payload text,
            at timestamptz NOT NULL);
        CREATE INDEX IF NOT EXISTS sync_changes_by_run ON \(changes) (run_id);
        """
}

/// Why the `backflow` schema could not be used.
public enum PostgresStateSchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A newer Backflow made it.
    case newer(found: Int, known: Int)
    case cannotPrepare(PostgresError)

    public var description: String {
        switch self {
        case .newer(let found, let known):
            return "the backflow schema in this warehouse is at version \(found), made by a newer Backflow (this one "
                + "knows version \(known)): upgrade Backflow on this host; it does not write a layout it does not know"
        case .cannotPrepare(let error):
            return "cannot prepare the backflow schema: \(error.message)"
        }
    }
}

extension PostgresConnection {
    /// A read-write connection for Backflow's own state; a failure names the server, never its password.
    static func forState(url: String) throws(WarehouseError) -> PostgresConnection {
        do {
            return try PostgresConnection(url: url, readOnly: false)
        } catch {
            throw .cannotConnect(server: PostgresURL.redacted(url), reason: error)
        }
    }
}

/// Leases (``LeaseStore``) in the warehouse's `backflow.sync_leases`, timed by the server's clock, so
/// that hosts whose clocks disagree still agree on when a lease expires.
public final class PostgresLeaseStore: LeaseStore {
    private let connection: PostgresConnection

    /// Connects to the warehouse `url` names and makes sure the `backflow` schema is ready.
    public init(url: String) throws {
        connection = try PostgresConnection.forState(url: url)
        try PostgresStateSchema.prepare(connection)
    }

    public func claim(stateKey: String, host: String, pid: Int32, token: String, duration: Double, replacing: String?)
        throws -> LeaseHolder?
    {
        let taken = try connection.execute(
            """
            INSERT INTO \(PostgresStateSchema.leases) AS l
                (state_key, token, host, pid, started_at, renewed_at, expires_at)
            VALUES ($1, $2, $3, $4, clock_timestamp(), clock_timestamp(), clock_timestamp() + $5 * interval '1 second')
            ON CONFLICT (state_key) DO UPDATE SET token = EXCLUDED.token, host = EXCLUDED.host, pid = EXCLUDED.pid,
                started_at = EXCLUDED.started_at, renewed_at = EXCLUDED.renewed_at, expires_at = EXCLUDED.expires_at
            WHERE l.expires_at <= clock_timestamp() OR l.token = $6
            RETURNING token
            """, [stateKey, token, host, String(pid), String(duration), replacing])
        if taken.rowCount > 0 { return nil }
        // Released between the two statements: try once more rather than report a holder that is gone.
        return try holder(of: stateKey)
            ?? (try claim(stateKey: stateKey, host: host, pid: pid, token: token, duration: duration, replacing: replacing))
    }

    public func renew(_ fence: LeaseFence, duration: Double) throws -> Bool {
        let renewed = try connection.execute(
            """
            UPDATE \(PostgresStateSchema.leases)
            SET renewed_at = clock_timestamp(), expires_at = clock_timestamp() + $3 * interval '1 second'
            WHERE state_key = $1 AND token = $2 RETURNING 1
            """, [fence.stateKey, fence.token, String(duration)])
        return renewed.rowCount > 0
    }

    public func release(_ fence: LeaseFence) throws {
        try connection.execute(
            "DELETE FROM \(PostgresStateSchema.leases) WHERE state_key = $1 AND token = $2", [fence.stateKey, fence.token])
    }

    public func holder(of stateKey: String) throws -> LeaseHolder? {
        let result = try connection.execute(
            """
            SELECT token, host, pid, extract(epoch FROM started_at), extract(epoch FROM expires_at)
            FROM \(PostgresStateSchema.leases) WHERE state_key = $1 AND expires_at > clock_timestamp()
            """, [stateKey])
        guard result.rowCount > 0, let token = result.text(row: 0, column: 0) else { return nil }
        return LeaseHolder(
            host: result.text(row: 0, column: 1) ?? "", pid: Int32(result.text(row: 0, column: 2) ?? "") ?? 0,
            startedAt: Double(result.text(row: 0, column: 3) ?? "") ?? 0,
            expiresAt: Double(result.text(row: 0, column: 4) ?? "") ?? 0, token: token)
    }

    /// Throws ``SyncLeaseError/lost(stateKey:)`` unless `fence` still holds its lease. Called inside the
    /// transaction of a state write: the row is locked FOR SHARE until it ends, so a takeover waits for
    /// the write to commit, and a write never commits after a takeover.
    static func check(_ fence: LeaseFence, on connection: PostgresConnection) throws {
        let held = try connection.execute(
            """
            SELECT 1 FROM \(PostgresStateSchema.leases)
            WHERE state_key = $1 AND token = $2 AND expires_at > clock_timestamp() FOR SHARE
            """, [fence.stateKey, fence.token])
        guard held.rowCount > 0 else { throw SyncLeaseError.lost(stateKey: fence.stateKey) }
    }
}

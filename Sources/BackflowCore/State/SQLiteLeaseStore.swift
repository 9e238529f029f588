import Foundation

/// Leases (``LeaseStore``) in the SQLite state database, table `sync_leases`, by this machine's clock.
/// A SQLite warehouse is read by one host, so its leases serve the processes of that host; the fence is
/// checked by the state writes of ``SQLiteChangeTracker`` in their own transactions.
public final class SQLiteLeaseStore: LeaseStore {
    static let table = "main.sync_leases"
    static let creation =
        "CREATE TABLE IF NOT EXISTS \(table) (state_key TEXT PRIMARY KEY, token TEXT NOT NULL, host TEXT NOT NULL, "
        + "pid INTEGER NOT NULL, started_at REAL NOT NULL, renewed_at REAL NOT NULL, expires_at REAL NOT NULL)"

    private let database: StateDatabase
    private let clock: () -> Double

    public init(statePath: String, clock: @escaping () -> Double = { Date().timeIntervalSince1970 }) throws {
        try StateFolder.createFolder((statePath as NSString).deletingLastPathComponent)
        StateFolder.createPrivateFile(statePath)
        database = try StateDatabase(path: statePath)
        self.clock = clock
        try database.run(Self.creation)
    }

    public func claim(stateKey: String, host: String, pid: Int32, token: String, duration: Double, replacing: String?)
        throws -> LeaseHolder?
    {
        var live: LeaseHolder?
        try database.transaction { () throws(StateError) in
            let now = clock()
            if let current = try read(stateKey), current.expiresAt > now, current.token != replacing {
                live = current
                return
            }
            try database.run(
                "INSERT OR REPLACE INTO \(Self.table) (state_key, token, host, pid, started_at, renewed_at, expires_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [.string(stateKey), .string(token), .string(host), .integer(Int64(pid)), .number(now), .number(now),
                 .number(now + duration)])
        }
        return live
    }

    public func renew(_ fence: LeaseFence, duration: Double) throws -> Bool {
        var renewed = false
        try database.transaction { () throws(StateError) in
            guard try read(fence.stateKey)?.token == fence.token else { return }
            let now = clock()
            try database.run(
                "UPDATE \(Self.table) SET renewed_at = ?, expires_at = ? WHERE state_key = ?",
                [.number(now), .number(now + duration), .string(fence.stateKey)])
            renewed = true
        }
        return renewed
    }

    public func release(_ fence: LeaseFence) throws {
        try database.run(
            "DELETE FROM \(Self.table) WHERE state_key = ? AND token = ?", [.string(fence.stateKey), .string(fence.token)])
    }

    public func holder(of stateKey: String) throws -> LeaseHolder? {
        guard let current = try read(stateKey), current.expiresAt > clock() else { return nil }
        return current
    }

    private func read(_ stateKey: String) throws(StateError) -> LeaseHolder? {
        var found: LeaseHolder?
        try database.rows(
            "SELECT token, host, pid, started_at, expires_at FROM \(Self.table) WHERE state_key = ?", [.string(stateKey)]
        ) { row in
            guard case .string(let token) = row.value(at: 0), case .string(let host) = row.value(at: 1),
                case .integer(let pid) = row.value(at: 2)
            else { return }
            found = LeaseHolder(
                host: host, pid: Int32(truncatingIfNeeded: pid), startedAt: row.value(at: 3).doubleValue ?? 0,
                expiresAt: row.value(at: 4).doubleValue ?? 0, token: token)
        }
        return found
    }

    /// Whether `fence` still holds its lease; asked inside the transaction of a state write on
    /// `database`, which serialises it with any takeover.
    static func holds(_ fence: LeaseFence, on database: StateDatabase, at now: Double) throws(StateError) -> Bool {
        var held = false
        try database.rows(
            "SELECT 1 FROM \(table) WHERE state_key = ? AND token = ? AND expires_at > ?",
            [.string(fence.stateKey), .string(fence.token), .number(now)]
        ) { _ in held = true }
        return held
    }
}

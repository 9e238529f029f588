import Foundation

/// The run history (``RunHistory``) of the mappings whose state is in the state folder: `sync_runs` and
/// `sync_changes` in a SQLite file of their own (``StateFolder/historyPath``), WAL mode, one committed
/// transaction per call. A SQLite warehouse is read by one host, so a run left running is known to be
/// interrupted when its process has ended.
///
/// The history is a record, not state: a history file that is damaged is moved aside and a new one
/// started (``replacedDamagedFile``), so that it never stops a sync. It lives apart from the state so
/// that reading it never contends with a sync's state writes, and deleting it never loses state.
/// Not `Sendable`: use one instance from one task at a time.
public final class SQLiteRunHistory: RunHistory {

    public let path: String
    /// Where a damaged history file found at ``path`` was moved when this opened it, so that the
    /// caller can say so once; nil when the file was sound.
    public let replacedDamagedFile: String?
    private let database: StateDatabase
    private let clock: () -> Double
    private let processID: Int32
    private let host: String
    private let isProcessAlive: (Int32) -> Bool

    private static let columns =
        "run_id, mapping, status, started_at, finished_at, extracted, added, updated, deleted, delivered, failed, "
        + "expired, error, interrupted, pid, error_code, host, skipped"

    /// Opens (creating it and its folders when missing) the history at `path`. `clock` gives times in
    /// seconds since 1970.
    public convenience init(path: String, clock: @escaping () -> Double = { Date().timeIntervalSince1970 })
        throws(StateError)
    {
        try self.init(
            path: path, clock: clock, processID: getpid(), host: LeaseIdentity.hostName(),
            isProcessAlive: SQLiteRunHistory.isAlive)
    }

    init(
        path: String, clock: @escaping () -> Double, processID: Int32, host: String = "localhost",
        isProcessAlive: @escaping (Int32) -> Bool
    ) throws(StateError) {
        self.path = path
        self.clock = clock
        self.processID = processID
        self.host = host
        self.isProcessAlive = isProcessAlive
        do throws(StateError) {
            database = try Self.open(path: path)
            replacedDamagedFile = nil
        } catch {
            guard case .damaged = error else { throw error }
            let aside = try Self.moveAside(path, at: clock())
            database = try Self.open(path: path)
            replacedDamagedFile = aside
        }
    }

    /// Opens the database at `path` and creates its tables when missing; a history made by an earlier
    /// release (`backflow_runs`, `backflow_run_errors`) is brought to this layout first, keeping its runs.
    private static func open(path: String) throws(StateError) -> StateDatabase {
        let database = try StateDatabase(path: path)
        let earlierLayout = "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'backflow_runs')"
        if try database.isTrue(earlierLayout) {
            try database.transaction { () throws(StateError) in
                if try database.isTrue(earlierLayout) { try upgradeEarlierLayout(database) }
            }
        }
        try database.run(
            """
            CREATE TABLE IF NOT EXISTS sync_runs (
                run_id INTEGER PRIMARY KEY AUTOINCREMENT, mapping TEXT NOT NULL, mapping_key TEXT,
                host TEXT, pid INTEGER NOT NULL, lease_token TEXT, status TEXT NOT NULL,
                started_at REAL NOT NULL, finished_at REAL,
                extracted INTEGER NOT NULL DEFAULT 0, added INTEGER NOT NULL DEFAULT 0,
                updated INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0,
                delivered INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0,
                skipped INTEGER NOT NULL DEFAULT 0, expired INTEGER NOT NULL DEFAULT 0,
                error TEXT, error_code TEXT, interrupted INTEGER NOT NULL DEFAULT 0)
            """)
        try database.run(
            """
            CREATE TABLE IF NOT EXISTS sync_changes (
                run_id INTEGER NOT NULL, record_id TEXT NOT NULL, change TEXT NOT NULL, outcome TEXT NOT NULL,
                error_code TEXT, reason TEXT, message_id TEXT, batch INTEGER, sample_payload TEXT, at REAL NOT NULL)
            """)
        try database.run("CREATE INDEX IF NOT EXISTS sync_runs_by_mapping ON sync_runs (mapping, run_id)")
        try database.run("CREATE INDEX IF NOT EXISTS sync_runs_by_mapping_key ON sync_runs (mapping_key, run_id)")
        try database.run("CREATE INDEX IF NOT EXISTS sync_changes_by_run ON sync_changes (run_id)")
        return database
    }

    /// Renames the earlier release's runs table into `sync_runs` (with the columns it lacked) and moves its
    /// record errors into `sync_changes`, in the caller's transaction.
    private static func upgradeEarlierLayout(_ database: StateDatabase) throws(StateError) {
        func added(_ name: String, _ type: String) -> StateDatabase.AddedColumn {
            .init(name: name, statements: ["ALTER TABLE backflow_runs ADD COLUMN \(name) \(type)"])
        }
        try database.addMissingColumns(
            [
                added("error_code", "TEXT"), added("interrupted", "INTEGER NOT NULL DEFAULT 0"),
                added("mapping_key", "TEXT"), added("host", "TEXT"), added("lease_token", "TEXT"),
                added("skipped", "INTEGER NOT NULL DEFAULT 0"),
            ], to: "backflow_runs", inTransaction: true)
        try database.run("DROP INDEX IF EXISTS backflow_runs_by_mapping")
        try database.run("DROP INDEX IF EXISTS backflow_runs_by_mapping_key")
        try database.run("ALTER TABLE backflow_runs RENAME COLUMN id TO run_id")
        try database.run("ALTER TABLE backflow_runs RENAME TO sync_runs")
        guard try database.isTrue("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'backflow_run_errors')") else {
            return
        }
        try database.addMissingColumns(
            [.init(name: "code", statements: ["ALTER TABLE backflow_run_errors ADD COLUMN code TEXT"])],
            to: "backflow_run_errors", inTransaction: true)
        try database.run(
            """
            CREATE TABLE sync_changes (
                run_id INTEGER NOT NULL, record_id TEXT NOT NULL, change TEXT NOT NULL, outcome TEXT NOT NULL,
                error_code TEXT, reason TEXT, message_id TEXT, batch INTEGER, sample_payload TEXT, at REAL NOT NULL)
            """)
        try database.run(
            """
            INSERT INTO sync_changes (run_id, record_id, change, outcome, error_code, reason, sample_payload, at)
            SELECT e.run_id, e.record_id, e.change, CASE WHEN e.code = 'expired' THEN 'expired' ELSE 'failed' END,
                e.code, e.reason, e.sample_payload, coalesce(r.finished_at, r.started_at, 0)
            FROM backflow_run_errors e LEFT JOIN sync_runs r ON r.run_id = e.run_id ORDER BY e.rowid
            """)
        try database.run("DROP TABLE backflow_run_errors")
    }

    /// Renames the damaged history at `path` (and its log files) to `<path>.corrupt-<time>`, keeping
    /// it for whoever wants to look into it; returns the new path.
    private static func moveAside(_ path: String, at time: Double) throws(StateError) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let aside = path + ".corrupt-" + formatter.string(from: Date(timeIntervalSince1970: time))
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            guard rename(path + suffix, aside + suffix) == 0 else {
                throw .cannotOpen(
                    path: path,
                    reason: "it is damaged and could not be moved aside (\(String(cString: strerror(errno)))); "
                        + "delete it to start a new history")
            }
        }
        return aside
    }

    public func start(mapping: RunHistoryMapping, leaseToken: String?) throws -> Int64 {
        var runID: Int64 = 0
        try database.transaction { () throws(StateError) in
            try markInterrupted(mapping: mapping)
            try database.rows(
                "INSERT INTO sync_runs (mapping, mapping_key, host, pid, lease_token, status, started_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING run_id",
                [
                    .string(mapping.name), mapping.key.map(JSONValue.string) ?? .null, .string(host),
                    .integer(Int64(processID)), leaseToken.map(JSONValue.string) ?? .null,
                    .string(SyncRunStatus.running.rawValue), .number(clock()),
                ]
            ) { row throws(StateError) in
                if case .integer(let id) = row.value(at: 0) { runID = id }
            }
        }
        return runID
    }

    @discardableResult
    public func finish(_ runID: Int64, outcome: SyncRunOutcome) throws -> SyncRun? {
        let status = SyncRunStatus.of(delivered: outcome.delivered, failed: outcome.failed, error: outcome.error)
        try database.run(
            "UPDATE sync_runs SET status = ?, finished_at = ?, interrupted = ?, error_code = ?, "
                + Self.countAssignments + " WHERE run_id = ?",
            [.string(status.rawValue), .number(clock()), .integer(outcome.interrupted ? 1 : 0),
             outcome.errorCode.map { .string($0.rawValue) } ?? .null]
                + Self.countValues(outcome) + [.integer(runID)])
        return try run(id: runID)
    }

    public func recordProgress(_ runID: Int64, outcome: SyncRunOutcome) throws {
        try database.run(
            "UPDATE sync_runs SET " + Self.countAssignments + " WHERE run_id = ? AND status = ?",
            Self.countValues(outcome) + [.integer(runID), .string(SyncRunStatus.running.rawValue)])
    }

    private static let countAssignments =
        "extracted = ?, added = ?, updated = ?, deleted = ?, delivered = ?, failed = ?, skipped = ?, expired = ?, "
        + "error = ?"

    private static func countValues(_ outcome: SyncRunOutcome) -> [JSONValue] {
        let counts = outcome.counts
        return [
            count(counts.extracted), count(counts.added), count(counts.updated), count(counts.deleted),
            count(outcome.delivered), count(outcome.failed), count(outcome.skipped), count(outcome.expired),
            outcome.error.map(JSONValue.string) ?? .null,
        ]
    }

    public func addChanges(_ changes: [RunChange]) throws {
        guard !changes.isEmpty else { return }
        try database.transaction { () throws(StateError) in
            var each = GroupedInsert<RunChange>(Self.changeInsert, columns: 10, database: database) { change, values in
                values.append(integer: change.runID)
                values.append(text: change.recordID)
                values.append(text: change.change.rawValue)
                values.append(text: change.outcome.rawValue)
                values.append(text: change.code?.rawValue)
                values.append(text: change.reason)
                values.append(text: change.messageID)
                values.append(integer: change.batch.map(Int64.init))
                values.append(text: change.samplePayload.map(JSONWriter.compact))
                values.append(real: change.time)
            }
            var stretch = GroupedInsert<RunChange>(
                Self.changeInsert,
                columns: [.shared(1), .own, .shared(2), .shared(3), .null, .null, .own, .shared(4), .null, .shared(5)],
                database: database
            ) { change, values in
                values.append(text: change.recordID)
                values.append(text: change.messageID)
            }
            // A batch's delivered records go in by `stretch`, which binds their run, change, outcome,
            // batch and time once for every 64 rows rather than once a row: binding ten values a row took
            // 44% of what the log cost. Rows with a code, reason or payload of their own go in by `each`.
            try changes.withUnsafeBufferPointer { (changes) throws(StateError) in
                let change = changes.baseAddress!
                var start = 0
                while start < changes.count {
                    let shares = Self.isPlain(change + start)
                    var end = start + 1
                    while end < changes.count,
                        shares ? Self.sharesValues(change + end, change + start) : !Self.isPlain(change + end)
                    {
                        end += 1
                    }
                    if shares {
                        try stretch.insert(changes[start..<end]) { values in
                            let first = change + start
                            values.append(integer: first.pointee.runID)
                            values.append(text: first.pointee.change.rawValue)
                            values.append(text: first.pointee.outcome.rawValue)
                            values.append(integer: first.pointee.batch.map(Int64.init))
                            values.append(real: first.pointee.time)
                        }
                    } else {
                        try each.insert(changes[start..<end])
                    }
                    start = end
                }
            }
        }
    }

    private static let changeInsert =
        "INSERT INTO sync_changes (run_id, record_id, change, outcome, error_code, reason, message_id, batch, "
        + "sample_payload, at) VALUES"

    /// Whether `change` has no code, reason or payload: a delivered or skipped record's, whose row
    /// differs from the others of its batch only by its record and message ids.
    ///
    /// The changes are read through pointers, field by field: passed as values, each was copied,
    /// retaining every string it holds, to compare a few of its fields: 2% of a whole-row sync's CPU
    /// time in a profile, spent on reference counts of strings that other threads made.
    private static func isPlain(_ change: UnsafePointer<RunChange>) -> Bool {
        change.pointee.code == nil && change.pointee.reason == nil && change.pointee.samplePayload == nil
    }

    /// Whether `change` is plain and has the run, change, outcome, batch and time of `other`, plain too,
    /// so that the two rows share all but their ids.
    private static func sharesValues(_ change: UnsafePointer<RunChange>, _ other: UnsafePointer<RunChange>) -> Bool {
        isPlain(change) && change.pointee.runID == other.pointee.runID && change.pointee.change == other.pointee.change
            && change.pointee.outcome == other.pointee.outcome && change.pointee.batch == other.pointee.batch
            && change.pointee.time == other.pointee.time
    }

    public func runs(mapping: RunHistoryMapping?, limit: Int) throws -> [SyncRun] {
        guard let mapping else {
            return try readRuns("ORDER BY run_id DESC LIMIT ?", [.integer(Int64(max(0, limit)))])
        }
        let condition = Self.condition(mapping)
        return try readRuns(
            "WHERE \(condition.sql) ORDER BY run_id DESC LIMIT ?", condition.bindings + [.integer(Int64(max(0, limit)))])
    }

    public func run(id: Int64) throws -> SyncRun? {
        try readRuns("WHERE run_id = ?", [.integer(id)]).first
    }

    public func errors(runID: Int64, limit: Int) throws -> [RunRecordError] {
        var errors: [RunRecordError] = []
        try database.rows(
            "SELECT record_id, change, reason, sample_payload, error_code FROM sync_changes "
                + "WHERE run_id = ? AND outcome IN ('failed', 'expired') ORDER BY rowid LIMIT ?",
            [.integer(runID), .integer(Int64(max(0, limit)))]
        ) { row throws(StateError) in
            guard case .string(let recordID) = row.value(at: 0), case .string(let change) = row.value(at: 1),
                let kind = RecordChange(rawValue: change)
            else { return }
            let reason: String = if case .string(let text) = row.value(at: 2) { text } else { "" }
            let payload: JSONValue? =
                if case .string(let text) = row.value(at: 3) { try? JSONReader.parse(text) } else { nil }
            let code: FailureCode? =
                if case .string(let text) = row.value(at: 4) { FailureCode(rawValue: text) } else { nil }
            errors.append(
                RunRecordError(
                    runID: runID, recordID: recordID, change: kind, reason: reason, code: code, samplePayload: payload))
        }
        return errors
    }

    public func prune(keepingDays days: Int) throws {
        let cutoff = JSONValue.number(clock() - Double(days) * 86_400)
        try database.transaction { () throws(StateError) in
            try database.run(
                "DELETE FROM sync_changes WHERE run_id IN (SELECT run_id FROM sync_runs WHERE started_at < ?)", [cutoff])
            try database.run("DELETE FROM sync_runs WHERE started_at < ? AND status <> 'running'", [cutoff])
        }
    }

    /// The SQL condition selecting `mapping`'s runs, and its bindings.
    private static func condition(_ mapping: RunHistoryMapping) -> (sql: String, bindings: [JSONValue]) {
        guard let key = mapping.key else { return ("mapping = ?", [.string(mapping.name)]) }
        return ("(mapping_key = ? OR (mapping_key IS NULL AND mapping = ?))", [.string(key), .string(mapping.name)])
    }

    // MARK: Reading and interruption

    private func readRuns(_ clause: String, _ bindings: [JSONValue]) throws(StateError) -> [SyncRun] {
        var runs: [SyncRun] = []
        try database.rows("SELECT \(Self.columns) FROM sync_runs \(clause)", bindings) { row throws(StateError) in
            if let run = decode(row) { runs.append(run) }
        }
        return runs
    }

    private func decode(_ row: SQLiteStatement) -> SyncRun? {
        func integer(_ index: Int) -> Int64 { if case .integer(let value) = row.value(at: index) { value } else { 0 } }
        func real(_ index: Int) -> Double? {
            switch row.value(at: index) {
            case .number(let value): value
            case .integer(let value): Double(value)
            default: nil
            }
        }
        func text(_ index: Int) -> String? { if case .string(let value) = row.value(at: index) { value } else { nil } }
        guard let mapping = text(1), let stored = text(2).flatMap(SyncRunStatus.init(rawValue:)) else { return nil }
        let abandoned = stored == .running && !isRunning(pid: Int32(truncatingIfNeeded: integer(14)), host: text(16))
        return SyncRun(
            id: integer(0), mapping: mapping, status: abandoned ? .failed : stored, startedAt: real(3) ?? 0,
            finishedAt: real(4),
            counts: ChangeCounts(
                extracted: Int(integer(5)), added: Int(integer(6)), updated: Int(integer(7)), deleted: Int(integer(8))),
            delivered: Int(integer(9)), failed: Int(integer(10)), expired: Int(integer(11)),
            error: abandoned ? SyncRun.interruptedReason : text(12),
            errorCode: abandoned ? nil : text(15).flatMap(FailureCode.init(rawValue:)),
            interrupted: abandoned || integer(13) != 0, host: text(16), skipped: Int(integer(17)))
    }

    /// A run of another host (a `BACKFLOW_HOST` of its own) is taken to be running: its process cannot
    /// be checked from here.
    private func isRunning(pid: Int32, host runHost: String?) -> Bool {
        if let runHost, runHost != host { return true }
        return pid == processID || isProcessAlive(pid)
    }

    /// Stores as interrupted the runs of `mapping` left running, and every run whose process ended.
    private func markInterrupted(mapping: RunHistoryMapping) throws(StateError) {
        var abandoned: [Int64] = []
        let condition = Self.condition(mapping)
        try database.rows(
            "SELECT run_id, \(condition.sql), pid, host FROM sync_runs WHERE status = ?",
            condition.bindings + [.string(SyncRunStatus.running.rawValue)]
        ) { row throws(StateError) in
            guard case .integer(let id) = row.value(at: 0), case .integer(let pid) = row.value(at: 2) else { return }
            let runHost: String? = if case .string(let text) = row.value(at: 3) { text } else { nil }
            if row.value(at: 1) == .integer(1) || !isRunning(pid: Int32(truncatingIfNeeded: pid), host: runHost) {
                abandoned.append(id)
            }
        }
        for id in abandoned {
            try database.run(
                "UPDATE sync_runs SET status = ?, interrupted = 1, error = ? WHERE run_id = ?",
                [.string(SyncRunStatus.failed.rawValue), .string(SyncRun.interruptedReason), .integer(id)])
        }
    }

    private static func count(_ value: Int) -> JSONValue { .integer(Int64(value)) }

    /// True when a process with `pid` exists (even one this user may not signal).
    private static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}

import Foundation

/// Every sync run and its per-record errors, in its own SQLite file (``StateFolder/historyPath``), WAL
/// mode, one committed transaction per call.
///
/// A run is stored with the id of the process running it, and its counts follow its state commits
/// (``recordProgress(_:outcome:)``). A run still marked `.running` whose process has ended was
/// interrupted (killed, crashed): it reads as `.failed` with ``SyncRun/interrupted`` set and the counts
/// of its last commit, and is stored so when the next run starts.
///
/// The history is a record, not state: a history file that is damaged is moved aside and a new one
/// started (``replacedDamagedFile``), so that it never stops a sync.
/// Not `Sendable`: use one instance from one task at a time.
public final class RunHistory {
    public static let interruptedReason =
        "interrupted: the sync process ended before the run finished; the counts are those of its last commit"

    public let path: String
    /// Where a damaged history file found at ``path`` was moved when this opened it, so that the
    /// caller can say so once; nil when the file was sound.
    public let replacedDamagedFile: String?
    private let database: StateDatabase
    private let clock: () -> Double
    private let processID: Int32
    private let isProcessAlive: (Int32) -> Bool

    private static let columns =
        "id, mapping, status, started_at, finished_at, extracted, added, updated, deleted, delivered, failed, "
        + "expired, error, interrupted, pid, error_code"

    /// Opens (creating it and its folders when missing) the history at `path`. `clock` gives times in
    /// seconds since 1970.
    public convenience init(path: String, clock: @escaping () -> Double = { Date().timeIntervalSince1970 })
        throws(StateError)
    {
        try self.init(path: path, clock: clock, processID: getpid(), isProcessAlive: RunHistory.isAlive)
    }

    init(path: String, clock: @escaping () -> Double, processID: Int32, isProcessAlive: @escaping (Int32) -> Bool)
        throws(StateError)
    {
        self.path = path
        self.clock = clock
        self.processID = processID
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

    /// Opens the database at `path` and creates its tables when missing.
    private static func open(path: String) throws(StateError) -> StateDatabase {
        let database = try StateDatabase(path: path)
        try database.run(
            """
            CREATE TABLE IF NOT EXISTS backflow_runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT, mapping TEXT NOT NULL, status TEXT NOT NULL,
                started_at REAL NOT NULL, finished_at REAL,
                extracted INTEGER NOT NULL DEFAULT 0, added INTEGER NOT NULL DEFAULT 0,
                updated INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0,
                delivered INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0,
                expired INTEGER NOT NULL DEFAULT 0, error TEXT, interrupted INTEGER NOT NULL DEFAULT 0,
                pid INTEGER NOT NULL, error_code TEXT, mapping_key TEXT)
            """)
        try database.run("CREATE INDEX IF NOT EXISTS backflow_runs_by_mapping ON backflow_runs (mapping, id)")
        try database.run(
            """
            CREATE TABLE IF NOT EXISTS backflow_run_errors (
                run_id INTEGER NOT NULL, record_id TEXT NOT NULL, change TEXT NOT NULL, reason TEXT NOT NULL,
                sample_payload TEXT, code TEXT)
            """)
        try database.run("CREATE INDEX IF NOT EXISTS backflow_run_errors_by_run ON backflow_run_errors (run_id)")
        // Columns that came later: histories made by earlier releases lack them.
        func added(_ table: String, _ name: String, _ type: String) -> StateDatabase.AddedColumn {
            .init(name: name, statements: ["ALTER TABLE \(table) ADD COLUMN \(name) \(type)"])
        }
        try database.addMissingColumns(
            [
                added("backflow_runs", "error_code", "TEXT"),
                added("backflow_runs", "interrupted", "INTEGER NOT NULL DEFAULT 0"),
                added("backflow_runs", "mapping_key", "TEXT"),
            ], to: "backflow_runs")
        try database.addMissingColumns([added("backflow_run_errors", "code", "TEXT")], to: "backflow_run_errors")
        try database.run("CREATE INDEX IF NOT EXISTS backflow_runs_by_mapping_key ON backflow_runs (mapping_key, id)")
        return database
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

    /// A mapping as its runs are kept: the name it ran under, and its state key (see
    /// ``MappingIdentity/stateKey``), which runs follow when the mapping is renamed. Runs recorded before
    /// state keys were kept are found by name.
    public struct Mapping: Sendable, Hashable {
        public let name: String
        public let key: String?

        public init(name: String, key: String?) {
            self.name = name
            self.key = key
        }

        /// The SQL condition selecting this mapping's runs, and its bindings.
        var condition: (sql: String, bindings: [JSONValue]) {
            guard let key else { return ("mapping = ?", [.string(name)]) }
            return ("(mapping_key = ? OR (mapping_key IS NULL AND mapping = ?))", [.string(key), .string(name)])
        }
    }

    /// Records the start of a run of `mapping` and returns its id. Runs of the mapping still marked
    /// running (the sync lock guarantees none really is) and runs of ended processes are stored as
    /// interrupted first.
    public func start(mapping: Mapping) throws(StateError) -> Int64 {
        var runID: Int64 = 0
        try database.transaction { () throws(StateError) in
            try markInterrupted(mapping: mapping)
            try database.rows(
                "INSERT INTO backflow_runs (mapping, mapping_key, status, started_at, pid) VALUES (?, ?, ?, ?, ?) "
                    + "RETURNING id",
                [
                    .string(mapping.name), mapping.key.map(JSONValue.string) ?? .null,
                    .string(SyncRunStatus.running.rawValue), .number(clock()), .integer(Int64(processID)),
                ]
            ) { row throws(StateError) in
                if case .integer(let id) = row.value(at: 0) { runID = id }
            }
        }
        return runID
    }

    /// Stores how the run ended, with its status decided by ``SyncRunStatus/of(delivered:failed:error:)``.
    @discardableResult
    public func finish(_ runID: Int64, outcome: SyncRunOutcome) throws(StateError) -> SyncRun? {
        let status = SyncRunStatus.of(delivered: outcome.delivered, failed: outcome.failed, error: outcome.error)
        try database.run(
            "UPDATE backflow_runs SET status = ?, finished_at = ?, interrupted = ?, error_code = ?, "
                + Self.countAssignments + " WHERE id = ?",
            [.string(status.rawValue), .number(clock()), .integer(outcome.interrupted ? 1 : 0),
             outcome.errorCode.map { .string($0.rawValue) } ?? .null]
                + Self.countValues(outcome) + [.integer(runID)])
        return try run(id: runID)
    }

    /// Stores a running run's counts so far. A sync calls it as it commits state, so that a run that
    /// never finishes (killed, crashed, the machine lost power) keeps the counts of its last commit.
    public func recordProgress(_ runID: Int64, outcome: SyncRunOutcome) throws(StateError) {
        try database.run(
            "UPDATE backflow_runs SET " + Self.countAssignments + " WHERE id = ? AND status = ?",
            Self.countValues(outcome) + [.integer(runID), .string(SyncRunStatus.running.rawValue)])
    }

    private static let countAssignments =
        "extracted = ?, added = ?, updated = ?, deleted = ?, delivered = ?, failed = ?, expired = ?, error = ?"

    private static func countValues(_ outcome: SyncRunOutcome) -> [JSONValue] {
        let counts = outcome.counts
        return [
            count(counts.extracted), count(counts.added), count(counts.updated), count(counts.deleted),
            count(outcome.delivered), count(outcome.failed), count(outcome.expired),
            outcome.error.map(JSONValue.string) ?? .null,
        ]
    }

    /// Stores per-record errors of runs, in one transaction.
    public func addErrors(_ errors: [RunRecordError]) throws(StateError) {
        try database.transaction { () throws(StateError) in
            let insert = try database.prepare(
                "INSERT INTO backflow_run_errors (run_id, record_id, change, reason, sample_payload, code) "
                    + "VALUES (?, ?, ?, ?, ?, ?)")
            for error in errors {
                try database.storage { () throws(SQLiteError) in
                    try insert.reset()
                    try insert.bind([
                        .integer(error.runID), .string(error.recordID), .string(error.change.rawValue),
                        .string(error.reason), error.samplePayload.map { .string(JSONWriter.compact($0)) } ?? .null,
                        error.code.map { .string($0.rawValue) } ?? .null,
                    ])
                    while try insert.step() {}
                }
            }
        }
    }

    /// The latest runs, newest first, of one mapping or (nil) of all.
    public func runs(mapping: Mapping?, limit: Int) throws(StateError) -> [SyncRun] {
        guard let mapping else {
            return try readRuns("ORDER BY id DESC LIMIT ?", [.integer(Int64(max(0, limit)))])
        }
        let condition = mapping.condition
        return try readRuns(
            "WHERE \(condition.sql) ORDER BY id DESC LIMIT ?", condition.bindings + [.integer(Int64(max(0, limit)))])
    }

    public func run(id: Int64) throws(StateError) -> SyncRun? {
        try readRuns("WHERE id = ?", [.integer(id)]).first
    }

    public func lastRun(mapping: Mapping) throws(StateError) -> SyncRun? {
        try runs(mapping: mapping, limit: 1).first
    }

    /// The first `limit` record errors of a run, in the order they were added.
    public func errors(runID: Int64, limit: Int) throws(StateError) -> [RunRecordError] {
        var errors: [RunRecordError] = []
        try database.rows(
            "SELECT record_id, change, reason, sample_payload, code FROM backflow_run_errors WHERE run_id = ? "
                + "ORDER BY rowid LIMIT ?",
            [.integer(runID), .integer(Int64(max(0, limit)))]
        ) { row throws(StateError) in
            guard case .string(let recordID) = row.value(at: 0), case .string(let change) = row.value(at: 1),
                let kind = RecordChange(rawValue: change), case .string(let reason) = row.value(at: 2)
            else { return }
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

    // MARK: Reading and interruption

    private func readRuns(_ clause: String, _ bindings: [JSONValue]) throws(StateError) -> [SyncRun] {
        var runs: [SyncRun] = []
        try database.rows("SELECT \(Self.columns) FROM backflow_runs \(clause)", bindings) { row throws(StateError) in
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
        let abandoned = stored == .running && !isRunning(pid: Int32(truncatingIfNeeded: integer(14)))
        return SyncRun(
            id: integer(0), mapping: mapping, status: abandoned ? .failed : stored, startedAt: real(3) ?? 0,
            finishedAt: real(4),
            counts: ChangeCounts(
                extracted: Int(integer(5)), added: Int(integer(6)), updated: Int(integer(7)), deleted: Int(integer(8))),
            delivered: Int(integer(9)), failed: Int(integer(10)), expired: Int(integer(11)),
            error: abandoned ? Self.interruptedReason : text(12),
            errorCode: abandoned ? nil : text(15).flatMap(FailureCode.init(rawValue:)),
            interrupted: abandoned || integer(13) != 0)
    }

    private func isRunning(pid: Int32) -> Bool {
        pid == processID || isProcessAlive(pid)
    }

    /// Stores as interrupted the runs of `mapping` left running, and every run whose process ended.
    private func markInterrupted(mapping: Mapping) throws(StateError) {
        var abandoned: [Int64] = []
        let condition = mapping.condition
        try database.rows(
            "SELECT id, \(condition.sql), pid FROM backflow_runs WHERE status = ?",
            condition.bindings + [.string(SyncRunStatus.running.rawValue)]
        ) { row throws(StateError) in
            guard case .integer(let id) = row.value(at: 0), case .integer(let pid) = row.value(at: 2) else { return }
            if row.value(at: 1) == .integer(1) || !isRunning(pid: Int32(truncatingIfNeeded: pid)) {
                abandoned.append(id)
            }
        }
        for id in abandoned {
            try database.run(
                "UPDATE backflow_runs SET status = ?, interrupted = 1, error = ? WHERE id = ?",
                [.string(SyncRunStatus.failed.rawValue), .string(Self.interruptedReason), .integer(id)])
        }
    }

    private static func count(_ value: Int) -> JSONValue { .integer(Int64(value)) }

    /// True when a process with `pid` exists (even one this user may not signal).
    private static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}

import Foundation

/// The run history (``RunHistory``) of the mappings whose state is in a PostgreSQL warehouse:
/// `backflow.sync_runs` and `backflow.sync_changes`, shared by every host syncing from it, so that
/// `backflow runs` on any host shows every host's runs. Times are the server's.
///
/// A run left running is interrupted once its lease (`backflow.sync_leases`, by its token) is gone or
/// expired: its host died or lost the warehouse for longer than the lease.
public final class PostgresRunHistory: RunHistory {
    private let connection: PostgresConnection
    private let host: String
    private let processID: Int32

    private static let columns = """
        r.run_id, r.mapping, r.status, extract(epoch FROM r.started_at), extract(epoch FROM r.finished_at),
        r.extracted, r.added, r.updated, r.deleted, r.delivered, r.failed, r.expired, r.error, r.interrupted,
        r.error_code, r.host, r.skipped,
        r.status = 'running' AND NOT EXISTS (SELECT 1 FROM \(PostgresStateSchema.leases) l
            WHERE l.state_key = r.mapping_key AND l.token = r.lease_token AND l.expires_at > clock_timestamp())
        """

    /// Connects to the warehouse `url` names and makes sure the `backflow` schema is ready.
    public init(url: String, host: String = LeaseIdentity.hostName(), processID: Int32 = getpid()) throws {
        connection = try PostgresConnection.forState(url: url)
        try PostgresStateSchema.prepare(connection)
        self.host = host
        self.processID = processID
    }

    public func start(mapping: RunHistoryMapping, leaseToken: String?) throws -> Int64 {
        try connection.transaction {
            try markInterrupted(mapping)
            let inserted = try connection.execute(
                """
                INSERT INTO \(PostgresStateSchema.runs) (mapping, mapping_key, host, pid, lease_token, status, started_at)
                VALUES ($1, $2, $3, $4, $5, 'running', clock_timestamp()) RETURNING run_id
                """, [mapping.name, mapping.key, host, String(processID), leaseToken])
            return Int64(inserted.text(row: 0, column: 0) ?? "") ?? 0
        }
    }

    @discardableResult
    public func finish(_ runID: Int64, outcome: SyncRunOutcome) throws -> SyncRun? {
        let status = SyncRunStatus.of(delivered: outcome.delivered, failed: outcome.failed, error: outcome.error)
        try connection.execute(
            """
            UPDATE \(PostgresStateSchema.runs) SET status = $2, finished_at = clock_timestamp(), interrupted = $3,
                error_code = $4, \(Self.countAssignments(from: 5))
            WHERE run_id = $1
            """,
            [String(runID), status.rawValue, outcome.interrupted ? "t" : "f", outcome.errorCode?.rawValue]
                + Self.countValues(outcome))
        return try run(id: runID)
    }

    public func recordProgress(_ runID: Int64, outcome: SyncRunOutcome) throws {
        try connection.execute(
            "UPDATE \(PostgresStateSchema.runs) SET \(Self.countAssignments(from: 2)) WHERE run_id = $1 AND status = 'running'",
            [String(runID)] + Self.countValues(outcome))
    }

    private static func countAssignments(from first: Int) -> String {
        ["extracted", "added", "updated", "deleted", "delivered", "failed", "skipped", "expired", "error"]
            .enumerated().map { "\($0.element) = $\(first + $0.offset)" }.joined(separator: ", ")
    }

    private static func countValues(_ outcome: SyncRunOutcome) -> [String?] {
        let counts = outcome.counts
        return [counts.extracted, counts.added, counts.updated, counts.deleted, outcome.delivered, outcome.failed,
            outcome.skipped, outcome.expired].map { String($0) } + [outcome.error]
    }

    /// One copy for the whole set: a run's changes are written as they are committed, tens of
    /// thousands at a time.
    public func addChanges(_ changes: [RunChange]) throws {
        guard !changes.isEmpty else { return }
        var rows = PostgresCopyRows()
        // The changes of one commit mostly share their time: its text is written once.
        var lastTime: (seconds: Double, text: String)?
        for change in changes {
            rows.append(String(change.runID))
            rows.append(change.recordID)
            rows.append(change.change.rawValue)
            rows.append(change.outcome.rawValue)
            rows.append(change.code?.rawValue)
            rows.append(change.reason)
            rows.append(change.messageID)
            rows.append(change.batch.map(String.init))
            rows.append(change.samplePayload.map(JSONWriter.compact))
            if lastTime?.seconds != change.time {
                lastTime = (change.time, UTCTimestampText.iso8601(microsecondsOf: change.time))
            }
            rows.append(lastTime?.text)
            rows.endRow()
        }
        try connection.copyIn(
            """
            COPY \(PostgresStateSchema.changes)
                (run_id, record_id, change, outcome, error_code, reason, message_id, batch, sample_payload, at)
            FROM STDIN
            """, rows)
    }

    public func runs(mapping: RunHistoryMapping?, limit: Int) throws -> [SyncRun] {
        guard let mapping else {
            return try readRuns("ORDER BY r.run_id DESC LIMIT $1", [String(max(0, limit))])
        }
        guard let key = mapping.key else {
            return try readRuns("WHERE r.mapping = $1 ORDER BY r.run_id DESC LIMIT $2", [mapping.name, String(max(0, limit))])
        }
        return try readRuns(
            "WHERE (r.mapping_key = $1 OR (r.mapping_key IS NULL AND r.mapping = $2)) ORDER BY r.run_id DESC LIMIT $3",
            [key, mapping.name, String(max(0, limit))])
    }

    public func run(id: Int64) throws -> SyncRun? {
        try readRuns("WHERE r.run_id = $1", [String(id)]).first
    }

    public func errors(runID: Int64, limit: Int) throws -> [RunRecordError] {
        let result = try connection.execute(
            """
            SELECT record_id, change, reason, sample_payload, error_code FROM \(PostgresStateSchema.changes)
            WHERE run_id = $1 AND outcome IN ('failed', 'expired') ORDER BY ctid LIMIT $2
            """, [String(runID), String(max(0, limit))])
        return (0..<result.rowCount).compactMap { row in
            guard let recordID = result.text(row: row, column: 0),
                let change = result.text(row: row, column: 1).flatMap(RecordChange.init(rawValue:))
            else { return nil }
            return RunRecordError(
                runID: runID, recordID: recordID, change: change, reason: result.text(row: row, column: 2) ?? "",
                code: result.text(row: row, column: 4).flatMap(FailureCode.init(rawValue:)),
                samplePayload: result.text(row: row, column: 3).flatMap { try? JSONReader.parse($0) })
        }
    }

    public func prune(keepingDays days: Int) throws {
        try connection.transaction {
            let cutoff = "clock_timestamp() - $1 * interval '1 day'"
            try connection.execute(
                """
                DELETE FROM \(PostgresStateSchema.changes) WHERE run_id IN
                    (SELECT run_id FROM \(PostgresStateSchema.runs) WHERE started_at < \(cutoff))
                """, [String(days)])
            try connection.execute(
                "DELETE FROM \(PostgresStateSchema.runs) WHERE started_at < \(cutoff) AND status <> 'running'",
                [String(days)])
        }
    }

    // MARK: Reading and interruption

    private func readRuns(_ clause: String, _ parameters: [String?]) throws -> [SyncRun] {
        let result = try connection.execute(
            "SELECT \(Self.columns) FROM \(PostgresStateSchema.runs) r \(clause)", parameters)
        return (0..<result.rowCount).compactMap { row in
            func text(_ column: Int) -> String? { result.text(row: row, column: column) }
            func count(_ column: Int) -> Int { Int(text(column) ?? "") ?? 0 }
            guard let mapping = text(1), let stored = text(2).flatMap(SyncRunStatus.init(rawValue:)) else { return nil }
            let abandoned = text(17) == "t"
            return SyncRun(
                id: Int64(text(0) ?? "") ?? 0, mapping: mapping, status: abandoned ? .failed : stored,
                startedAt: Double(text(3) ?? "") ?? 0, finishedAt: text(4).flatMap(Double.init),
                counts: ChangeCounts(extracted: count(5), added: count(6), updated: count(7), deleted: count(8)),
                delivered: count(9), failed: count(10), expired: count(11),
                error: abandoned ? SyncRun.interruptedReason : text(12),
                errorCode: abandoned ? nil : text(14).flatMap(FailureCode.init(rawValue:)),
                interrupted: abandoned || text(13) == "t", host: text(15), skipped: count(16))
        }
    }

    /// Stores as interrupted the runs of `mapping` left running whose lease is gone.
    private func markInterrupted(_ mapping: RunHistoryMapping) throws(PostgresError) {
        try connection.execute(
            """
            UPDATE \(PostgresStateSchema.runs) r SET status = 'failed', interrupted = true, error = $3
            WHERE r.status = 'running' AND (r.mapping_key = $1 OR (r.mapping_key IS NULL AND r.mapping = $2))
                AND NOT EXISTS (SELECT 1 FROM \(PostgresStateSchema.leases) l
                    WHERE l.state_key = r.mapping_key AND l.token = r.lease_token AND l.expires_at > clock_timestamp())
            """, [mapping.key, mapping.name, SyncRun.interruptedReason])
    }
}

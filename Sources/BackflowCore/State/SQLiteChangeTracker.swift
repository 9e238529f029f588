import Foundation

/// Change detection for a SQLite warehouse, with the state in a separate SQLite file beside it.
///
/// The scanning connection's main database is the state file (WAL mode; every acknowledgement a
/// committed transaction, made through a second connection), and the warehouse is attached read-only
/// by URI as `warehouse`, so a model's unqualified table names resolve to the warehouse and nothing can
/// write to it (a model must not name the schema `main`, which is the state). Rows are classified by
/// one SQL query that joins the model with the records table (see ``ChangeScanQuery``): unchanged rows
/// never leave SQLite, and Swift keeps only the ids that the model repeats, so memory does not grow
/// with the model.
///
/// ``ChangeCounts/extracted`` counts the changes found (added + updated + deleted), as Segment counts
/// records extracted.
///
/// Calls may be made from inside the `change` callback of a scan (to acknowledge a delivered batch
/// while the scan goes on). Failed records that expire are acknowledged at the checksum they have at
/// the next scan, since only a scan reads the model.
/// Not `Sendable`: use one instance from one task at a time.
public final class SQLiteChangeTracker: ChangeTracker {
    public let statePath: String
    public let warehousePath: String
    /// Reads the model (warehouse attached) and the state, and holds a scan's temporary tables.
    private let scanner: StateDatabase
    /// Writes the state, so that an acknowledgement made while a scan reads commits at once, whatever
    /// other processes committed since the scan began.
    private let writer: StateDatabase
    private let clock: () -> Double
    private let rowCounter = RowCounter()
    /// State keys whose tables this tracker has made sure exist.
    private var createdKeys: Set<String> = []
    public var fence: LeaseFence?

    /// Opens (creating it and its folders when missing) the state database at `statePath` and attaches
    /// the existing warehouse at `warehousePath` read-only. `clock` gives the time stored with
    /// acknowledgements and checkpoints, in seconds since 1970.
    public init(
        statePath: String, warehousePath: String,
        clock: @escaping () -> Double = { Date().timeIntervalSince1970 }
    ) throws {
        guard FileManager.default.fileExists(atPath: warehousePath) else {
            throw WarehouseError.notFound(path: warehousePath)
        }
        writer = try StateDatabase(path: statePath)
        scanner = try StateDatabase(path: statePath, allowsURIFilenames: true)
        self.statePath = statePath
        self.warehousePath = warehousePath
        self.clock = clock
        let uri = Self.readOnlyURI(forPath: warehousePath)
        // Temporary tables (the model's ids of a scan) spill to disk rather than grow in memory.
        try scanner.run("PRAGMA temp_store = FILE")
        do {
            try scanner.connection.execute("ATTACH DATABASE \(RecordChecksumFunctions.sqlText(uri)) AS warehouse")
            try RecordChecksumFunctions.define(on: scanner.connection, rowCounter: rowCounter)
        } catch {
            throw WarehouseError.cannotOpen(path: warehousePath, reason: error)
        }
    }

    // MARK: Scanning

    public func scanChanges(
        of model: ModelDefinition, stateKey: String,
        problem: (RecordProblem) throws -> Void,
        change: (consuming RecordChangeItem) throws -> Void
    ) throws -> ChangeCounts {
        let tables = try prepareTables(stateKey)
        let columnNames = try modelColumnNames(model)
        let stateWasEmpty = try !scanner.isTrue(ChangeScanQuery.stateHoldsRows(tables))
        for sql in ChangeScanQuery.dropTemporaryTables { try scanner.run(sql) }
        defer { for sql in ChangeScanQuery.dropTemporaryTables { try? scanner.run(sql) } }
        for sql in ChangeScanQuery.createTemporaryTables { try scanner.run(sql) }
        // The model's ids are counted to find repeated ones and, with a state to compare, vanished ones.
        // Ids proven distinct cannot repeat: the scan then skips this pass over the whole model (most
        // of a second a million rows, in which no message can be built), and collects the ids alone
        // only when some record vanished (see below): rowids as integers, other ids as their text.
        let proof = UniqueRecordIDs.proof(for: model, on: scanner.connection)
        let idsAreRowIDs = proof == .rowIDs, idsAreDistinct = proof != nil
        if !idsAreDistinct {
            try runModel(ChangeScanQuery.collectModelIDs(of: model), model)
            try scanner.run(ChangeScanQuery.collectRepeatedIDs)
        }
        var storedRecords = 0
        if idsAreDistinct, !stateWasEmpty {
            try scanner.rows(ChangeScanQuery.countRecords(tables)) { row in
                if case .integer(let count) = row.value(at: 0) { storedRecords = Int(count) }
            }
        }
        let hasRepeatedIDs = idsAreDistinct ? false : try scanner.isTrue(ChangeScanQuery.hasRepeatedIDs)
        let shape = ChangeScanQuery.StateShape(
            isEmpty: stateWasEmpty, hasRepeatedIDs: hasRepeatedIDs, idsAreRowIDs: idsAreRowIDs)
        let query = ChangeScanQuery(model: model, columnNames: columnNames, tables: tables, state: shape)

        var counts = ChangeCounts()
        let scanned = try scanChangedRows(
            query, model: model, columnNames: columnNames, tables: tables, counts: &counts, problem: problem,
            change: change)
        try settle(scanned.expired, tables: tables)
        // Records acknowledged during this scan are all in the model: with none before it, none vanished.
        // With distinct ids, each model row that has a record matches exactly one (a row without an id
        // matches none), so some record vanished only if fewer rows matched than there are records.
        // Most syncs lose none, and skip reading the model's ids and the records again.
        let mayHaveVanished = !idsAreDistinct || storedRecords > rowCounter.count - scanned.rowsWithoutRecord
        if !stateWasEmpty, mayHaveVanished {
            switch proof {
            case .rowIDs: try runModel(ChangeScanQuery.collectModelRowIDs(of: model), model)
            case .uniqueColumn: try runModel(ChangeScanQuery.collectModelIDs(of: model), model)
            case nil: break
            }
            try scanVanished(query, columnNames: columnNames, counts: &counts, change: change)
        }
        try recordScan(of: model, tables: tables)
        return counts
    }

    /// Streams the acknowledged records the model no longer has to `change`, as deletions.
    private func scanVanished(
        _ query: ChangeScanQuery, columnNames: [String], counts: inout ChangeCounts,
        change: (consuming RecordChangeItem) throws -> Void
    ) throws {
        try scanner.run(query.collectVanished)
        let deletedColumns = JSONObject(columnNames.map { ($0, JSONValue.null) })
        let vanished = try scanner.prepare(query.vanishedRows)
        while try scanner.storage({ () throws(SQLiteError) in try vanished.step() }) {
            guard case .string(let id) = vanished.value(at: 0), case .string(let checksum) = vanished.value(at: 1),
                case .integer(let version) = vanished.value(at: 2)
            else { continue }
            counts.count(.deleted)
            try change(
                RecordChangeItem(
                    record: ModelRecord(id: id, columns: deletedColumns), change: .deleted, checksum: checksum,
                    version: version + 1))
        }
    }

    private func recordScan(of model: ModelDefinition, tables: StateTables) throws(StateError) {
        try writer.run(
            "INSERT INTO main.\(StateTables.checkpoints) (state_key, model, last_scan_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (state_key) DO UPDATE SET model = excluded.model, last_scan_at = excluded.last_scan_at",
            [.string(tables.key), .string(model.name), .number(clock())])
    }

    /// Streams the added and updated rows to `change` and id problems to `problem`, and rewrites the
    /// checksums of unchanged records stored in an earlier ``SQLiteChecksumForm``; returns the
    /// changed rows whose failures expired, to acknowledge instead of sending, and how many rows had
    /// no record (a usable id never acknowledged).
    private func scanChangedRows(
        _ query: ChangeScanQuery, model: ModelDefinition, columnNames: [String], tables: StateTables,
        counts: inout ChangeCounts, problem: (RecordProblem) throws -> Void, change: (consuming RecordChangeItem) throws -> Void
    ) throws -> (expired: [AcknowledgedChange], rowsWithoutRecord: Int) {
        typealias Extra = ChangeScanQuery.Extra
        let statement = try prepareModel(query.changedRows, model)
        let width = columnNames.count
        func extra(_ column: Extra) -> JSONValue { statement.value(at: width + column.rawValue) }
        rowCounter.reset()
        var repeatedIDsSeen: Set<String> = []
        var expired: [AcknowledgedChange] = []
        var rowsWithoutRecord = 0
        var reformed: [ReformedChecksum] = []
        let layout = JSONObject.RowLayout(columns: columnNames)
        while try stepModel(statement, model) {
            let (row, computed) = statement.rowValues(layout: layout, checksum: query.checksumFromRow)
            if query.checksumFromRow != nil, computed == nil {
                // As the query's checksum function would have failed the step.
                throw WarehouseError.queryFailed(model: model.name, reason: .outOfMemory(sql: query.changedRows))
            }
            guard case .integer(let rowNumber) = extra(.rowNumber),
                let checksum = computed ?? extra(.checksum).stringValue
            else { continue }
            guard case .string(let id) = extra(.recordID) else {
                rowsWithoutRecord += 1
                try problem(RecordProblem(kind: .nullUniqueId, rowNumber: Int(rowNumber), id: nil, columns: row.object))
                continue
            }
            var previous: String? = if case .string(let text) = extra(.previousChecksum) { text } else { nil }
            // A deleted record (see ``StateTables/deletedChecksum``) comes back as added, continuing its versions.
            if previous == StateTables.deletedChecksum { previous = nil }
            if previous == nil { rowsWithoutRecord += 1 }
            let version: Int64 = if case .integer(let stored) = extra(.previousVersion) { stored + 1 } else { 1 }
            if case .integer(let occurrences) = extra(.occurrences), occurrences > 1 {
                guard repeatedIDsSeen.insert(id).inserted else {
                    try problem(RecordProblem(kind: .duplicateUniqueId, rowNumber: Int(rowNumber), id: id, columns: row.object))
                    continue
                }
                if previous == checksum { continue }
            }
            if let stored = previous, SQLiteChecksumForm.earlierForm(stored, isChecksumOf: row.object) {
                // Rewritten as the scan goes, so that a state of any size upgrades in bounded memory.
                reformed.append(ReformedChecksum(recordID: id, checksum: checksum, stored: stored))
                if reformed.count >= Self.reformChunk { try reform(&reformed, tables: tables) }
                continue
            }
            let kind: RecordChange = previous == nil ? .added : .updated
            if case .integer(1) = extra(.expired) {
                expired.append(AcknowledgedChange(recordID: id, change: kind, checksum: checksum, version: version))
                continue
            }
            counts.count(kind)
            try change(
                RecordChangeItem(recordID: id, values: .row(row), change: kind, checksum: checksum, version: version))
        }
        try reform(&reformed, tables: tables)
        return (expired, rowsWithoutRecord)
    }

    /// A record whose row is unchanged since it was acknowledged, with its checksum stored in an earlier
    /// ``SQLiteChecksumForm``, `stored`, to be stored as `checksum`.
    private struct ReformedChecksum {
        var recordID: String
        var checksum: String
        var stored: String
    }

    /// Records rewritten by one transaction while a scan upgrades a state's checksums.
    private static let reformChunk = 10_000

    /// Stores the current checksums of `records` where their earlier ones are still stored (nothing
    /// acknowledged them since), and empties `records`.
    private func reform(_ records: inout [ReformedChecksum], tables: StateTables) throws {
        guard !records.isEmpty else { return }
        try fencedTransaction { () throws(StateError) in
            let update = try writer.prepare(
                "UPDATE \(tables.records) SET checksum = ?1 WHERE record_id = ?2 AND checksum = ?3")
            for record in records {
                try execute(update, [.string(record.checksum), .string(record.recordID), .string(record.stored)])
            }
        }
        records.removeAll(keepingCapacity: true)
    }

    /// Acknowledges the changed rows whose failures expired, and forgets every expired failure.
    private func settle(_ expired: [AcknowledgedChange], tables: StateTables) throws {
        try fencedTransaction { () throws(StateError) in
            try write(expired, tables: tables)
            try writer.run("DELETE FROM \(tables.failures) WHERE expired_at IS NOT NULL")
        }
    }

    // MARK: Remembering

    /// A write of the state, in one transaction that first checks the sync still holds its lease
    /// (``fence``): one that lost it writes nothing and throws ``SyncLeaseError/lost(stateKey:)``.
    private func fencedTransaction(_ work: () throws(StateError) -> Void) throws {
        var held = true
        try writer.transaction { () throws(StateError) in
            if let fence { held = try SQLiteLeaseStore.holds(fence, on: writer, at: clock()) }
            if held { try work() }
        }
        if !held, let fence { throw SyncLeaseError.lost(stateKey: fence.stateKey) }
    }

    public func acknowledge(_ changes: [AcknowledgedChange], stateKey: String) throws {
        let tables = try prepareTables(stateKey)
        try fencedTransaction { () throws(StateError) in
            try write(changes, tables: tables)
            try writer.run(
                "INSERT INTO main.\(StateTables.checkpoints) (state_key, last_sync_at) VALUES (?, ?) "
                    + "ON CONFLICT (state_key) DO UPDATE SET last_sync_at = excluded.last_sync_at",
                [.string(tables.key), .number(clock())])
        }
    }

    /// Stores the checksums and versions of added and updated records, deleted ones as deleted (see
    /// ``StateTables/deletedChecksum``), and clears their failures; the caller holds the transaction.
    private func write(_ changes: [AcknowledgedChange], tables: StateTables) throws(StateError) {
        guard !changes.isEmpty else { return }
        // Nearly every sync has no failures to clear: then the per-record delete is skipped.
        var hasFailures = false
        try writer.rows("SELECT 1 FROM \(tables.failures) LIMIT 1") { _ in hasFailures = true }
        let clear = hasFailures ? try writer.prepare("DELETE FROM \(tables.failures) WHERE record_id = ?") : nil
        var stores = recordStores(tables)
        let time = clock()
        try stores.insert(changes) { values in values.append(real: time) }
        if let clear {
            for change in changes { try execute(clear, [.string(change.recordID)]) }
        }
    }

    /// Stores acknowledged records' checksums and versions, deletions as ``StateTables/deletedChecksum``.
    /// The time they were acknowledged is the insert's one shared value.
    private func recordStores(_ tables: StateTables) -> GroupedInsert<AcknowledgedChange> {
        GroupedInsert(
            "INSERT OR REPLACE INTO \(tables.records) (record_id, checksum, synced_at, version) VALUES",
            columns: [.own, .own, .shared(1), .own], database: writer
        ) { change, values in
            values.append(text: change.recordID)
            values.append(text: change.change == .deleted ? StateTables.deletedChecksum : change.checksum)
            values.append(integer: change.version)
        }
    }

    public func recordFailures(_ failures: [FailedChange], stateKey: String, at time: Double) throws {
        let tables = try prepareTables(stateKey)
        try fencedTransaction { () throws(StateError) in
            let note = try writer.prepare(
                """
                INSERT INTO \(tables.failures)
                    (record_id, change, first_failed_at, last_failed_at, attempts, last_reason, code)
                VALUES (?1, ?2, ?3, ?3, 1, ?4, ?5)
                ON CONFLICT (record_id) DO UPDATE SET change = excluded.change,
                    last_failed_at = excluded.last_failed_at, attempts = attempts + 1,
                    last_reason = excluded.last_reason, code = excluded.code
                """)
            for failure in failures {
                try execute(
                    note,
                    [
                        .string(failure.recordID), .string(failure.change.rawValue), .number(time),
                        .string(failure.reason), .string(failure.code.rawValue),
                    ])
            }
        }
    }

    public func expireFailures(olderThan window: Double, stateKey: String, at time: Double) throws -> [ExpiredFailure] {
        let tables = try prepareTables(stateKey)
        var expired: [ExpiredFailure] = []
        try fencedTransaction { () throws(StateError) in
            try writer.run(
                "UPDATE \(tables.failures) SET window_started_at = last_failed_at "
                    + "WHERE window_started_at IS NULL AND expired_at IS NULL")
            let cutoff = JSONValue.number(time - window)
            try writer.rows(
                "SELECT record_id, first_failed_at, attempts, last_reason FROM \(tables.failures) "
                    + "WHERE expired_at IS NULL AND window_started_at < ? ORDER BY first_failed_at, record_id",
                [cutoff]
            ) { row throws(StateError) in
                guard case .string(let id) = row.value(at: 0), case .string(let reason) = row.value(at: 3) else {
                    return
                }
                let firstFailedAt: Double =
                    switch row.value(at: 1) {
                    case .number(let value): value
                    case .integer(let value): Double(value)
                    default: 0
                    }
                let attempts: Int = if case .integer(let count) = row.value(at: 2) { Int(count) } else { 0 }
                expired.append(
                    ExpiredFailure(recordID: id, firstFailedAt: firstFailedAt, attempts: attempts, lastReason: reason))
            }
            // A deletion needs no data from the model: it is acknowledged now, as a deleted record keeping
            // its next version. Added and updated records are acknowledged by the next scan, at the checksum
            // they have then.
            try writer.run(
                "UPDATE \(tables.records) SET checksum = '\(StateTables.deletedChecksum)', version = version + 1 "
                    + "WHERE record_id IN (SELECT record_id FROM \(tables.failures) "
                    + "WHERE expired_at IS NULL AND window_started_at < ? AND change = ?)",
                [cutoff, .string(RecordChange.deleted.rawValue)])
            try writer.run(
                "DELETE FROM \(tables.failures) WHERE expired_at IS NULL AND window_started_at < ? AND change = ?",
                [cutoff, .string(RecordChange.deleted.rawValue)])
            try writer.run(
                "UPDATE \(tables.failures) SET expired_at = ? WHERE expired_at IS NULL AND window_started_at < ?",
                [.number(time), cutoff])
        }
        return expired
    }

    public func openState(_ mapping: MappingIdentity) throws -> MappingState {
        try writer.run(StateTables.registryCreation)
        let state = try StateRegistry.open(mapping, in: SQLiteStateRegistry(database: writer))
        _ = try prepareTables(state.stateKey)
        return state
    }

    public func reset(stateKey: String) throws {
        let tables = try prepareTables(stateKey)
        try writer.run(StateTables.registryCreation)
        try writer.transaction { () throws(StateError) in
            try writer.run("DROP TABLE \(tables.records)")
            try writer.run("DROP TABLE \(tables.failures)")
            try writer.run("DELETE FROM main.\(StateTables.checkpoints) WHERE state_key = ?", [.string(tables.key)])
            try writer.run(
                "UPDATE main.\(StateTables.registry) SET generation = ? WHERE state_key = ?",
                [.string(MappingState.newGeneration()), .string(tables.key)])
        }
        createdKeys.remove(stateKey)
    }

    /// When `stateKey` was last scanned and last acknowledged, or nil when it never was.
    public func checkpoint(stateKey: String) throws -> StateCheckpoint? {
        let tables = try prepareTables(stateKey)
        var found: StateCheckpoint?
        try writer.rows(
            "SELECT model, last_scan_at, last_sync_at FROM main.\(StateTables.checkpoints) WHERE state_key = ?",
            [.string(tables.key)]
        ) { row throws(StateError) in
            func time(_ value: JSONValue) -> Double? {
                switch value {
                case .number(let number): number
                case .integer(let number): Double(number)
                default: nil
                }
            }
            let model: String? = if case .string(let name) = row.value(at: 0) { name } else { nil }
            found = StateCheckpoint(
                model: model, lastScanAt: time(row.value(at: 1)), lastSyncAt: time(row.value(at: 2)))
        }
        return found
    }

    // MARK: Helpers

    /// The tables of `key`, created when missing. Created once per tracker and key: a sync
    /// acknowledges hundreds of times, and checking the schema each time cost three statements.
    private func prepareTables(_ key: String) throws(StateError) -> StateTables {
        let tables = try StateTables(key: key)
        guard !createdKeys.contains(key) else { return tables }
        for sql in tables.creation { try writer.run(sql) }
        try writer.addMissingColumns(tables.addedRecordColumns, to: tables.recordsName)
        try writer.addMissingColumns(tables.addedFailureColumns, to: tables.failuresName)
        createdKeys.insert(key)
        return tables
    }

    /// The model's result column names as the wrapped query sees them, after checking that the query
    /// only reads, returns rows, has the identifier column and keeps Segment's column limits.
    private func modelColumnNames(_ model: ModelDefinition) throws(WarehouseError) -> [String] {
        let wrapped = try scanner.connection.prepareModelQuery(model)
        let names = (0..<wrapped.columnCount).map(wrapped.columnName(at:))
        _ = try RecordAssembler(model: model, columnNames: names)
        return names
    }

    private func prepareModel(_ sql: String, _ model: ModelDefinition) throws(WarehouseError) -> SQLiteStatement {
        do {
            return try scanner.connection.prepare(sql)
        } catch {
            throw .queryFailed(model: model.name, reason: error)
        }
    }

    private func stepModel(_ statement: SQLiteStatement, _ model: ModelDefinition) throws(WarehouseError) -> Bool {
        do {
            return try statement.step()
        } catch {
            throw .queryFailed(model: model.name, reason: error)
        }
    }

    private func runModel(_ sql: String, _ model: ModelDefinition) throws(WarehouseError) {
        let statement = try prepareModel(sql, model)
        while try stepModel(statement, model) {}
    }

    private func execute(_ statement: SQLiteStatement, _ bindings: [JSONValue]) throws(StateError) {
        try writer.storage { () throws(SQLiteError) in
            try statement.reset()
            try statement.bind(bindings)
            while try statement.step() {}
        }
    }

    /// A file URI that opens `path` read-only; `?`, `#` and `%` in the path are percent-encoded.
    static func readOnlyURI(forPath path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
        return "file:" + encoded + "?mode=ro"
    }
}

/// When a state key was last scanned (``SQLiteChangeTracker/scanChanges(of:stateKey:problem:change:)``)
/// and last acknowledged, in seconds since 1970.
public struct StateCheckpoint: Sendable, Hashable {
    public let model: String?
    public let lastScanAt: Double?
    public let lastSyncAt: Double?
}

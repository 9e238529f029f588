/// Change detection inside a PostgreSQL warehouse, with the state in the warehouse's `backflow` schema.
///
/// A scan is two statements (``PostgresChangeQuery``) run read-only in one REPEATABLE READ snapshot and
/// streamed as copies: the model's rows whose checksum differs from the stored one (new and changed
/// records, and rows without a usable id), then, when the state held records, the stored ids the model
/// no longer returns. Rows repeating an id are found in SQL too, unless the ids are proven unique
/// (``PostgresUniqueIDProof``), so nothing grows with the model in this process. State writes run on a
/// second, read-write connection, each call in its own transaction. Not `Sendable`: use one instance
/// from one task at a time.
public final class PostgresChangeTracker: ChangeTracker {
    private let warehouse: PostgresWarehouse
    private let state: PostgresConnection
    private var preparedKeys: Set<String> = []
    private var schemaIsReady = false
    private var serverHashesRecordsAnswer: Bool?
    /// Checksums rewritten in the current form per statement (see ``reform(_:_:)``).
    private static let reformChunk = 10_000
    public var fence: LeaseFence?

    private init(warehouse: PostgresWarehouse, state: PostgresConnection) {
        self.warehouse = warehouse
        self.state = state
    }

    /// Opens the two connections (model reads, state writes) to the database `url` names.
    public static func connect(url: String) throws(WarehouseError) -> PostgresChangeTracker {
        PostgresChangeTracker(warehouse: try PostgresWarehouse.connect(url: url), state: try PostgresConnection.forState(url: url))
    }

    public func scanChanges(
        of model: ModelDefinition, stateKey: String,
        problem: (RecordProblem) throws -> Void,
        change: (consuming RecordChangeItem) throws -> Void
    ) throws -> ChangeCounts {
        let tables = try prepare(stateKey)
        var counts = ChangeCounts()
        var settled: [AcknowledgedChange] = []
        var reformed: [(recordID: String, checksum: String, stored: String)] = []
        try warehouse.readOnly(model, repeatableRead: true) {
            let description = try warehouse.describe(model)
            let names = description.names
            let layout = JSONObject.RowLayout(columns: names)
            _ = try RecordAssembler(model: model, columnNames: names)
            let facts = try warehouse.run(PostgresChangeQuery.stateFacts(tables), [], model)
            let stateHoldsRecords = facts.text(row: 0, column: 0) == "t"
            var idsAreUnique = false
            if let index = names.firstIndex(of: model.idColumn), names.lastIndex(of: model.idColumn) == index {
                idsAreUnique = try PostgresUniqueIDProof.holds(
                    sql: warehouse.wrapped(model), description: description, idColumn: index,
                    run: { try warehouse.run($0, $1, model) })
            }
            let currentForm = PostgresChecksumForm.current(
                columnTypes: (0..<names.count).map(description.typeOID(at:)),
                serverHashesRecords: try serverHashesRecords(model))
            // Each form in `allCases` order after the first fact. A form that cannot be computed for the
            // model as it is now (its types changed) is left out: such records count as changed.
            let storedForms = PostgresChecksumForm.allCases.enumerated().filter { index, form in
                facts.text(row: 0, column: index + 1) == "t" && (form != .recordHash || currentForm == .recordHash)
            }.map(\.element)
            let query = PostgresChangeQuery(
                model: model, columnNames: names, tables: tables,
                shape: .init(idsAreUnique: idsAreUnique, currentForm: currentForm, storedForms: Set(storedForms)))
            typealias Column = PostgresChangeQuery.Column
            // Rows are kept as ``RowValues`` unless a column can hold an array or object.
            let rowsHoldValues = !(0..<names.count).contains {
                PostgresValueDecoder.mayHoldObjects(typeOID: description.typeOID(at: $0))
            }
            try warehouse.stream(query.changedRows, model) { row in
                func columns() -> JSONObject { JSONObject(layout: layout, value: row.value) }
                func trailing(_ column: Column) -> String? { row.text(names.count + column.rawValue) }
                let checksum = trailing(.checksum) ?? ""
                let position = Int(trailing(.position) ?? "") ?? 0
                guard let id = trailing(.recordID) else {
                    return try problem(RecordProblem(kind: .nullUniqueId, rowNumber: position, id: nil, columns: columns()))
                }
                guard trailing(.occurrence) == "1" else {
                    return try problem(
                        RecordProblem(kind: .duplicateUniqueId, rowNumber: position, id: id, columns: columns()))
                }
                let stored = trailing(.stored)
                if trailing(.reform) == "t" {
                    // Rewritten as the scan goes (the scan's snapshot is not disturbed), so that a state
                    // of any size upgrades in bounded memory.
                    reformed.append((id, checksum, stored ?? ""))
                    if reformed.count >= Self.reformChunk {
                        try reform(reformed, tables)
                        reformed.removeAll(keepingCapacity: true)
                    }
                    return
                }
                // A deleted record (see ``StateTables/deletedChecksum``) comes back as added, continuing its versions.
                let known = trailing(.known) == "t" && stored != StateTables.deletedChecksum
                let version = (Int64(trailing(.version) ?? "") ?? 0) + 1
                if known, stored == PostgresStateTables.acceptCurrentData {
                    settled.append(AcknowledgedChange(recordID: id, change: .updated, checksum: checksum, version: version))
                    return
                }
                let kind: RecordChange = known ? .updated : .added
                counts.count(kind)
                let values = (rowsHoldValues ? row.rowValues(layout: layout) : nil).map(RecordValues.row)
                try change(
                    RecordChangeItem(
                        recordID: id, values: values ?? .object(columns()), change: kind, checksum: checksum,
                        version: version))
            }
            // The scan's snapshot holds the state as it was when the scan began: with no records then,
            // none can have vanished.
            guard stateHoldsRecords else { return }
            let emptyColumns = JSONObject(names.map { ($0, JSONValue.null) })
            try warehouse.stream(query.vanishedRecords, model) { row in
                let id = row.text(0) ?? ""
                counts.count(.deleted)
                try change(RecordChangeItem(
                    record: ModelRecord(id: id, columns: emptyColumns), change: .deleted,
                    checksum: row.text(1) ?? "",
                    version: (Int64(row.text(2) ?? "") ?? 0) + 1))
            }
        }
        if !settled.isEmpty { try settle(settled, tables) }
        if !reformed.isEmpty { try reform(reformed, tables) }
        return counts
    }

    public func acknowledge(_ changes: [AcknowledgedChange], stateKey: String) throws {
        let tables = try prepare(stateKey)
        let latest = Self.lastPerRecord(changes, id: \.recordID)
        // A record the scan found no row for (added, first version) is new to the state: such records
        // go in by a copy, and the rest, or all of them if one was there after all, by the upsert.
        let isNew = { (change: AcknowledgedChange) in change.change == .added && change.version == 1 }
        let newRecords = latest.filter(isNew)
        try fenced(tables) { () throws(PostgresError) in
            let copied = newRecords.isEmpty ? false : try insertNew(newRecords, tables)
            let upserted = copied ? latest.filter { !isNew($0) } : latest
            if !upserted.isEmpty { try upsert(upserted, tables) }
            try state.execute(
                "DELETE FROM \(tables.failures) WHERE record_id = ANY($1::text[])",
                [Self.arrayLiteral(latest.map(\.recordID))])
            try state.execute(
                """
                INSERT INTO \(PostgresStateTables.schema).checkpoints (state_key, acknowledged_at) VALUES ($1, now())
                ON CONFLICT (state_key) DO UPDATE SET acknowledged_at = EXCLUDED.acknowledged_at
                """, [stateKey])
        }
    }

    /// Stores acknowledged changes whatever the state holds. Deletions stay as rows with their version
    /// (see ``StateTables/deletedChecksum``). A version is never stored over a newer one. Rows go in in
    /// key order, which keeps the index's inserts together (a quarter less of the server's time for a
    /// million new records).
    private func upsert(_ changes: [AcknowledgedChange], _ tables: PostgresStateTables) throws(PostgresError) {
        try state.execute(
            """
            INSERT INTO \(tables.records) AS r (record_id, checksum, synced_at, version)
            SELECT record_id, checksum, now(), version
            FROM unnest($1::text[], $2::text[], $3::int8[]) AS u(record_id, checksum, version)
            ORDER BY record_id
            ON CONFLICT (record_id) DO UPDATE SET checksum = EXCLUDED.checksum, synced_at = EXCLUDED.synced_at,
                version = EXCLUDED.version
            WHERE r.version <= EXCLUDED.version
            """,
            [Self.arrayLiteral(changes.map(\.recordID)),
             Self.arrayLiteral(changes.map { $0.change == .deleted ? StateTables.deletedChecksum : $0.checksum }),
             Self.arrayLiteral(changes.map { String($0.version) })])
    }

    /// Copies records the state has no row for into it, in key order, inside the open transaction; false,
    /// with nothing written, when one has a row after all (a unique violation undoes the copy). A copy
    /// costs the server about half of what the upsert does for new rows, and a first sync is all new rows.
    private func insertNew(_ changes: [AcknowledgedChange], _ tables: PostgresStateTables) throws(PostgresError) -> Bool {
        try state.execute("SAVEPOINT new_records")
        // The upsert's `now()`: the transaction's start, as the server tells it.
        let now = try state.execute("SELECT now()").text(row: 0, column: 0)
        var rows = PostgresCopyRows()
        for change in changes.sorted(by: { $0.recordID.utf8.lexicographicallyPrecedes($1.recordID.utf8) }) {
            rows.append(change.recordID)
            rows.append(change.checksum)
            rows.append(now)
            rows.append(String(change.version))
            rows.endRow()
        }
        do {
            try state.copyIn("COPY \(tables.records) (record_id, checksum, synced_at, version) FROM STDIN", rows)
        } catch where error.sqlState == PostgresError.State.uniqueViolation {
            try state.execute("ROLLBACK TO SAVEPOINT new_records")
            return false
        }
        try state.execute("RELEASE SAVEPOINT new_records")
        return true
    }

    public func recordFailures(_ failures: [FailedChange], stateKey: String, at time: Double) throws {
        let tables = try prepare(stateKey)
        let latest = Self.lastPerRecord(failures, id: \.recordID)
        try fenced(tables) { () throws(PostgresError) in
            try state.execute(
                """
                INSERT INTO \(tables.failures) AS f
                    (record_id, change, first_failed_at, last_failed_at, attempts, last_reason, code)
                SELECT record_id, change, $4::float8, $4::float8, 1, reason, code
                FROM unnest($1::text[], $2::text[], $3::text[], $5::text[]) AS u(record_id, change, reason, code)
                ON CONFLICT (record_id) DO UPDATE SET change = EXCLUDED.change,
                    last_failed_at = EXCLUDED.last_failed_at, attempts = f.attempts + 1,
                    last_reason = EXCLUDED.last_reason, code = EXCLUDED.code
                """,
                [Self.arrayLiteral(latest.map(\.recordID)), Self.arrayLiteral(latest.map(\.change.rawValue)),
                 Self.arrayLiteral(latest.map(\.reason)), String(time),
                 Self.arrayLiteral(latest.map(\.code.rawValue))])
        }
    }

    /// Expired failures of deleted records are acknowledged as deletions; those of added and updated records are
    /// stored with a marker that makes the next scan accept the record's data as it is then.
    public func expireFailures(olderThan window: Double, stateKey: String, at time: Double) throws -> [ExpiredFailure] {
        let tables = try prepare(stateKey)
        let result = try fenced(tables) { () throws(PostgresError) in
            try state.execute(
                "UPDATE \(tables.failures) SET window_started_at = last_failed_at WHERE window_started_at IS NULL")
            let expired = try state.execute(
                """
                WITH expired AS (
                    DELETE FROM \(tables.failures) WHERE $1::float8 - window_started_at > $2::float8 RETURNING *),
                forgotten AS (
                    UPDATE \(tables.records) r SET checksum = '\(StateTables.deletedChecksum)', version = r.version + 1,
                        synced_at = now()
                    FROM expired e WHERE e.change = '\(RecordChange.deleted.rawValue)' AND r.record_id = e.record_id),
                accepted AS (
                    INSERT INTO \(tables.records) (record_id, checksum, synced_at)
                    SELECT record_id, $3, now() FROM expired WHERE change <> '\(RecordChange.deleted.rawValue)'
                    ON CONFLICT (record_id) DO UPDATE SET checksum = EXCLUDED.checksum, synced_at = EXCLUDED.synced_at)
                SELECT record_id, first_failed_at, attempts, last_reason FROM expired
                ORDER BY first_failed_at, record_id
                """, [String(time), String(window), PostgresStateTables.acceptCurrentData])
            return expired
        }
        return (0..<result.rowCount).map { row in
            ExpiredFailure(
                recordID: result.text(row: row, column: 0) ?? "",
                firstFailedAt: Double(result.text(row: row, column: 1) ?? "") ?? 0,
                attempts: Int(result.text(row: row, column: 2) ?? "") ?? 0,
                lastReason: result.text(row: row, column: 3) ?? "")
        }
    }

    public func openState(_ mapping: MappingIdentity) throws -> MappingState {
        try ensureSchema()
        let opened = try StateRegistry.open(mapping, in: PostgresStateRegistry(connection: state))
        _ = try prepare(opened.stateKey)
        return opened
    }

    public func reset(stateKey: String) throws {
        let tables = try prepare(stateKey)
        try write(tables) { () throws(PostgresError) in
            try state.executeScript(tables.removal(generation: MappingState.newGeneration()))
        }
        preparedKeys.remove(stateKey)
    }

    /// Stores the current checksums of records whose failures expired, where the marker is still set.
    private func settle(_ records: [AcknowledgedChange], _ tables: PostgresStateTables) throws {
        try fenced(tables) { () throws(PostgresError) in
            try state.execute(
                """
                UPDATE \(tables.records) r SET checksum = u.checksum, synced_at = now(), version = u.version
                FROM unnest($1::text[], $2::text[], $4::int8[]) AS u(record_id, checksum, version)
                WHERE r.record_id = u.record_id AND r.checksum = $3
                """,
                [Self.arrayLiteral(records.map(\.recordID)), Self.arrayLiteral(records.map(\.checksum)),
                 PostgresStateTables.acceptCurrentData, Self.arrayLiteral(records.map { String($0.version) })])
        }
    }

    /// Stores unchanged records' checksums in the current form (see ``PostgresChangeQuery``), where the
    /// stored checksum is still the one the scan compared: the version stays, nothing is sent.
    private func reform(_ records: [(recordID: String, checksum: String, stored: String)], _ tables: PostgresStateTables) throws {
        try fenced(tables) { () throws(PostgresError) in
            try state.execute(
                """
                UPDATE \(tables.records) r SET checksum = u.checksum
                FROM unnest($1::text[], $2::text[], $3::text[]) AS u(record_id, checksum, stored)
                WHERE r.record_id = u.record_id AND r.checksum = u.stored
                """,
                [Self.arrayLiteral(records.map(\.recordID)), Self.arrayLiteral(records.map(\.checksum)),
                 Self.arrayLiteral(records.map(\.stored))])
        }
    }

    /// Whether the server can hash records exactly (``PostgresChecksumForm/serverHashesRecordsQuery``);
    /// asked once per tracker.
    private func serverHashesRecords(_ model: ModelDefinition) throws -> Bool {
        if let serverHashesRecordsAnswer { return serverHashesRecordsAnswer }
        let answer = try warehouse.run(PostgresChecksumForm.serverHashesRecordsQuery, [], model).text(row: 0, column: 0) == "t"
        serverHashesRecordsAnswer = answer
        return answer
    }

    // MARK: State connection

    /// Brings the `backflow` schema to this release's layout (see ``PostgresStateSchema``), once per tracker.
    private func ensureSchema() throws {
        guard !schemaIsReady else { return }
        try PostgresStateSchema.prepare(state)
        schemaIsReady = true
    }

    private func prepare(_ stateKey: String) throws -> PostgresStateTables {
        let tables = try PostgresStateTables(stateKey: stateKey)
        try ensureSchema()
        if !preparedKeys.contains(stateKey) {
            try write(tables) { () throws(PostgresError) in
                if try state.execute(tables.isCurrentQuery).text(row: 0, column: 0) != "t" {
                    try state.executeScript(PostgresStateSchema.serialized(tables.creation))
                }
            }
            preparedKeys.insert(stateKey)
        }
        return tables
    }

    /// Runs a state write in one transaction that first checks the sync still holds its lease (``fence``,
    /// see ``PostgresLeaseStore/check(_:on:)``): one that lost it writes nothing and throws
    /// ``SyncLeaseError/lost(stateKey:)``.
    @discardableResult
    private func fenced<T>(_ tables: PostgresStateTables, _ body: () throws(PostgresError) -> T) throws -> T {
        do {
            return try state.transaction {
                if let fence { try PostgresLeaseStore.check(fence, on: state) }
                return try body()
            }
        } catch let error as PostgresError {
            throw PostgresStateError.stateWriteFailed(stateKey: tables.stateKey, reason: error)
        }
    }

    /// Runs state SQL, rolling back an open transaction and naming the state key when it fails.
    @discardableResult
    private func write<T>(_ tables: PostgresStateTables, _ body: () throws(PostgresError) -> T) throws(PostgresStateError) -> T {
        do {
            return try body()
        } catch {
            _ = try? state.execute("ROLLBACK")
            throw .stateWriteFailed(stateKey: tables.stateKey, reason: error)
        }
    }

    /// The last entry per record id, in the order of their first appearance: one statement may not
    /// touch a row twice.
    private static func lastPerRecord<T>(_ items: [T], id: (T) -> String) -> [T] {
        var positions: [String: Int] = [:]
        var latest: [T] = []
        for item in items {
            if let position = positions[id(item)] {
                latest[position] = item
            } else {
                positions[id(item)] = latest.count
                latest.append(item)
            }
        }
        return latest
    }

    /// A PostgreSQL array literal of text elements (see ``PostgresTextArray``).
    static func arrayLiteral(_ elements: [String]) -> String {
        PostgresTextArray.literal(elements)
    }
}

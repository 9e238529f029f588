/// The SQL of one change scan of a model against the state of one key, in three passes:
/// 1. ``collectModelIDs``: every id of the model, counted, into a temporary table (nothing reaches
///    Swift), then ``collectRepeatedIDs``: the few ids counted more than once, into a table of their own.
///    When ``UniqueRecordIDs`` proves the ids distinct, none can repeat: the scan skips this pass,
///    and collects the ids alone after the second pass, only when the rows that matched a record are
///    fewer than the records (rowids by ``collectModelRowIDs``, integers appended in order rather
///    than id texts inserted across a B-tree; other ids by ``collectModelIDs(of:)``);
/// 2. ``changedRows``: the model's rows that are new, changed, id-less or duplicated, with their
///    checksum, id text, row number, acknowledged checksum and failure state;
/// 3. ``collectVanished`` then ``vanishedRows``: acknowledged ids no longer in the model.
///
/// A record whose deletion was acknowledged stays in the records table with an empty checksum and its
/// version (see ``StateTables/deletedChecksum``): it is never vanished, and comes back as added.
///
/// The second pass looks every row's id up in the records table and, when the model repeats an id, in
/// the repeated ids. The temporary tables are `WITHOUT ROWID`, so that an id is one B-tree entry
/// rather than a row and an index entry.
///
/// A scan of a state with nothing acknowledged and nothing failed (a first sync, or after `--reset`)
/// has every row added: its second pass reads the model alone, and nothing can have vanished.
struct ChangeScanQuery {
    static let modelIDs = "temp.backflow_model_ids"
    static let modelRowIDs = "temp.backflow_model_rowids"
    static let repeatedIDs = "temp.backflow_repeated_ids"
    static let vanished = "temp.backflow_vanished"

    /// Columns of ``changedRows`` after the model's own, in this order.
    enum Extra: Int, CaseIterable {
        case checksum, recordID, rowNumber, previousChecksum, occurrences, expired, previousVersion
    }

    /// What the state held when the scan began, which decides the shape of ``changedRows``.
    struct StateShape {
        /// Nothing acknowledged and no failures: every row of the model is added.
        var isEmpty: Bool
        /// The model repeats at least one id (``collectRepeatedIDs`` found one).
        var hasRepeatedIDs: Bool
        /// The model's ids are the rowids of the one table it reads (``UniqueRecordIDs``), collected by
        /// ``collectModelRowIDs``.
        var idsAreRowIDs: Bool
    }

    /// Whether the state of `tables` holds any record or failure.
    static func stateHoldsRows(_ tables: StateTables) -> String {
        "SELECT EXISTS (SELECT 1 FROM \(tables.records)) OR EXISTS (SELECT 1 FROM \(tables.failures))"
    }

    /// The first pass: every id of `model`, counted.
    static func collectModelIDs(of model: ModelDefinition) -> String {
        let id = SQLiteWarehouse.quotedIdentifier(model.idColumn)
        return """
            INSERT INTO \(modelIDs) (record_id, occurrences)
            SELECT \(RecordChecksumFunctions.recordID)(\(id)), 1 FROM \(source(of: model)) WHERE \(id) IS NOT NULL
            ON CONFLICT (record_id) DO UPDATE SET occurrences = occurrences + 1
            """
    }

    /// The ids of a model whose ids are rowids, to find vanished records by: the rowids alone, which
    /// cannot repeat.
    static func collectModelRowIDs(of model: ModelDefinition) -> String {
        let id = SQLiteWarehouse.quotedIdentifier(model.idColumn)
        return "INSERT INTO \(modelRowIDs) (id) SELECT \(id) FROM \(source(of: model))"
    }

    private static func source(of model: ModelDefinition) -> String {
        "(\n\(model.statement)\n) AS backflow_model"
    }

    static let hasRepeatedIDs = "SELECT EXISTS (SELECT 1 FROM \(repeatedIDs))"

    /// How many records the state of `tables` holds, deleted ones left out.
    static func countRecords(_ tables: StateTables) -> String {
        "SELECT count(*) FROM \(tables.records) WHERE checksum <> '\(StateTables.deletedChecksum)'"
    }

    let changedRows: String
    /// How each row's checksum is computed from the row as it is read, when ``changedRows`` leaves its
    /// checksum column NULL; nil when the query computes it.
    let checksumFromRow: RecordChecksumFunctions.RowChecksum?
    let collectVanished: String
    let vanishedRows = "SELECT record_id, checksum, version FROM \(Self.vanished) ORDER BY rowid"

    static let createTemporaryTables =
        [modelIDs, repeatedIDs].map {
            "CREATE TABLE \($0) (record_id TEXT PRIMARY KEY, occurrences INTEGER NOT NULL) WITHOUT ROWID"
        } + ["CREATE TABLE \(modelRowIDs) (id INTEGER PRIMARY KEY)"]
    static let collectRepeatedIDs =
        "INSERT INTO \(repeatedIDs) (record_id, occurrences) SELECT record_id, occurrences FROM \(modelIDs) "
        + "WHERE occurrences > 1"
    static let dropTemporaryTables = [modelIDs, modelRowIDs, repeatedIDs, vanished].map { "DROP TABLE IF EXISTS \($0)" }

    /// `columnNames` are the model's result columns as `SELECT * FROM (<statement>)` names them.
    init(model: ModelDefinition, columnNames: [String], tables: StateTables, state: StateShape) {
        let functions = RecordChecksumFunctions.self
        let id = SQLiteWarehouse.quotedIdentifier(model.idColumn)
        let source = Self.source(of: model)

        // The repeated ids are joined only when there are any: the lookup is then saved for every row.
        let occurrences = state.hasRepeatedIDs ? "d.occurrences" : "NULL"
        func repeatedJoin(on recordID: String) -> String {
            state.hasRepeatedIDs ? "LEFT JOIN \(Self.repeatedIDs) AS d ON d.record_id = \(recordID)" : ""
        }
        if state.isEmpty {
            // No join to filter on, so SQLite reads the model's columns straight into the result,
            // without the copy of every value that a subquery's rows take, and nothing needs the
            // checksum before the row is read: it is computed from the row's columns then, rather than
            // by SQLite reading each column again as an argument of the checksum function.
            let recordID = "\(functions.recordID)(backflow_model.\(id))"
            changedRows = """
                SELECT backflow_model.*, NULL, \(recordID), \(functions.rowNumber)(), NULL, \(occurrences), 0, NULL
                FROM \(source) \(repeatedJoin(on: recordID))
                """
            checksumFromRow = RecordChecksumFunctions.RowChecksum(columnNames: columnNames)
        } else {
            let checksum = functions.checksumExpression(
                columnNames.map { (name: $0, expression: "backflow_model." + SQLiteWarehouse.quotedIdentifier($0)) })
            let repeated = repeatedJoin(on: "m.__bf_id")
            let isRepeated = state.hasRepeatedIDs ? "OR d.occurrences > 1" : ""
            // LIMIT -1 keeps SQLite from flattening the subquery into the join, so each row's checksum,
            // id and row number are computed once, in result order.
            changedRows = """
                SELECT m.*, s.checksum, \(occurrences), f.expired_at IS NOT NULL, s.version
                FROM (
                    SELECT backflow_model.*, \(checksum) AS __bf_checksum, \(functions.recordID)(\(id)) AS __bf_id,
                        \(functions.rowNumber)() AS __bf_row
                    FROM \(source) LIMIT -1
                ) AS m
                LEFT JOIN \(tables.records) AS s ON s.record_id = m.__bf_id
                \(repeated)
                LEFT JOIN \(tables.failures) AS f ON f.record_id = m.__bf_id
                WHERE m.__bf_id IS NULL OR s.checksum IS NULL OR s.checksum <> m.__bf_checksum \(isRepeated)
                """
            checksumFromRow = nil
        }
        // A record is still in the model when its id is one of the model's ids; with rowids, when it is
        // an integer's decimal text (as the id text of an integer is) and that integer is a rowid.
        let inModel =
            state.idsAreRowIDs
            ? "CAST(CAST(s.record_id AS INTEGER) AS TEXT) = s.record_id "
                + "AND EXISTS (SELECT 1 FROM \(Self.modelRowIDs) AS d WHERE d.id = CAST(s.record_id AS INTEGER))"
            : "EXISTS (SELECT 1 FROM \(Self.modelIDs) AS d WHERE d.record_id = s.record_id)"
        collectVanished = """
            CREATE TEMP TABLE backflow_vanished AS
            SELECT s.record_id AS record_id, s.checksum AS checksum, s.version AS version FROM \(tables.records) AS s
            WHERE s.checksum <> '\(StateTables.deletedChecksum)' AND NOT (\(inModel))
            """
    }
}

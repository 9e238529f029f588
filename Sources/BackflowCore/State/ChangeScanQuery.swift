/// The SQL of one change scan of a model against the state of one key, in three passes:
/// 1. ``collectModelIDs``: every id of the model, counted, into a temporary table (nothing reaches
///    Swift), then ``collectRepeatedIDs``: the few ids counted more than once, into a table of their own;
/// 2. ``changedRows``: the model's rows that are new, changed, id-less or duplicated, with their
///    checksum, id text, row number, acknowledged checksum and failure state;
/// 3. ``collectVanished`` then ``vanishedRows``: acknowledged ids no longer in the model.
///
/// The second pass looks every row's id up in the records table and in the repeated ids, which is
/// usually empty: a lookup there costs next to nothing, where one among all the model's ids would cost
/// as much as the records lookup. The temporary tables are `WITHOUT ROWID`, so that an id is one
/// B-tree entry rather than a row and an index entry.
struct ChangeScanQuery {
    static let modelIDs = "temp.backflow_model_ids"
    static let repeatedIDs = "temp.backflow_repeated_ids"
    static let vanished = "temp.backflow_vanished"

    /// Columns of ``changedRows`` after the model's own, in this order.
    enum Extra: Int, CaseIterable {
        case checksum, recordID, rowNumber, previousChecksum, occurrences, expired
    }

    let changedRows: String
    let collectModelIDs: String
    let collectVanished: String
    let vanishedRows = "SELECT record_id, checksum FROM \(Self.vanished) ORDER BY rowid"

    static let createTemporaryTables = [modelIDs, repeatedIDs].map {
        "CREATE TABLE \($0) (record_id TEXT PRIMARY KEY, occurrences INTEGER NOT NULL) WITHOUT ROWID"
    }
    static let collectRepeatedIDs =
        "INSERT INTO \(repeatedIDs) (record_id, occurrences) SELECT record_id, occurrences FROM \(modelIDs) "
        + "WHERE occurrences > 1"
    static let dropTemporaryTables = [modelIDs, repeatedIDs, vanished].map { "DROP TABLE IF EXISTS \($0)" }

    /// `columnNames` are the model's result columns as `SELECT * FROM (<statement>)` names them.
    init(model: ModelDefinition, columnNames: [String], tables: StateTables) {
        let functions = RecordChecksumFunctions.self
        let id = SQLiteWarehouse.quotedIdentifier(model.idColumn)
        let source = "(\n\(model.statement)\n) AS backflow_model"
        let checksum = functions.checksumExpression(
            columnNames.map { (name: $0, expression: "backflow_model." + SQLiteWarehouse.quotedIdentifier($0)) })

        collectModelIDs = """
            INSERT INTO \(Self.modelIDs) (record_id, occurrences)
            SELECT \(functions.recordID)(\(id)), 1 FROM \(source) WHERE \(id) IS NOT NULL
            ON CONFLICT (record_id) DO UPDATE SET occurrences = occurrences + 1
            """
        // LIMIT -1 keeps SQLite from flattening the subquery into the join, so each row's checksum,
        // id and row number are computed once, in result order.
        changedRows = """
            SELECT m.*, s.checksum, d.occurrences,
                (SELECT f.expired_at IS NOT NULL FROM \(tables.failures) AS f WHERE f.record_id = m.__bf_id)
            FROM (
                SELECT backflow_model.*, \(checksum) AS __bf_checksum, \(functions.recordID)(\(id)) AS __bf_id,
                    \(functions.rowNumber)() AS __bf_row
                FROM \(source) LIMIT -1
            ) AS m
            LEFT JOIN \(tables.records) AS s ON s.record_id = m.__bf_id
            LEFT JOIN \(Self.repeatedIDs) AS d ON d.record_id = m.__bf_id
            WHERE m.__bf_id IS NULL OR s.checksum IS NULL OR s.checksum <> m.__bf_checksum OR d.occurrences > 1
            """
        collectVanished = """
            CREATE TEMP TABLE backflow_vanished AS
            SELECT s.record_id AS record_id, s.checksum AS checksum FROM \(tables.records) AS s
            WHERE NOT EXISTS (SELECT 1 FROM \(Self.modelIDs) AS d WHERE d.record_id = s.record_id)
            """
    }
}

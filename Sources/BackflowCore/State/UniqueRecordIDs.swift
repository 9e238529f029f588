/// Whether a SQLite model's ids are distinct by construction, so that a scan need not count every
/// id's text to find repeated ones (``ChangeScanQuery/collectModelIDs(of:)``), and how.
///
/// Proven only in the plain cases, which are also the common ones: the query reads one table once
/// (its plan is a single `SCAN` or `SEARCH`, give or take a sort) with no join, compound, subquery or
/// table-valued function that could yield a table row twice, and the id column is either
/// - that table's integer primary key, the rowid, whose values are distinct integers and so distinct
///   ids; or
/// - a column of that table with a unique index of its own (a `UNIQUE` or `PRIMARY KEY` constraint,
///   or `CREATE UNIQUE INDEX`; not partial, not over an expression), whose values are all integers
///   or all text that is its own id text (well-formed UTF-8 without a NUL; see `backflow_id_kind`):
///   the index keeps the values distinct, and such values keep distinct ids. An integer and its
///   digits as text, two texts repaired to the same one, or a blob and its base64 would not, which
///   is why mixed or other values leave it unproven. NULLs may repeat: those rows have no id at all.
///
/// Anything else is not proven, and the pass runs. The unique column's values are checked when the
/// scan begins, by reading its index; the model's rows are read by the statement after it.
enum UniqueRecordIDs {
    enum Proof: Equatable {
        case rowIDs
        case uniqueColumn
    }

    /// Needs the record functions (``RecordChecksumFunctions/define(on:rowCounter:)``) on `connection`.
    static func proof(for model: ModelDefinition, on connection: SQLiteConnection) -> Proof? {
        try? findProof(for: model, on: connection)
    }

    private static func findProof(for model: ModelDefinition, on connection: SQLiteConnection) throws(SQLiteError)
        -> Proof?
    {
        let query = try connection.prepare(model.statement)
        let names = (0..<query.columnCount).map(query.columnName(at:))
        guard names.filter({ $0 == model.idColumn }).count == 1, let index = names.firstIndex(of: model.idColumn),
            let origin = query.origin(at: index)
        else { return nil }
        guard try readsOneTableOnce(model.statement, on: connection) else { return nil }
        if try isRowID(origin.column, of: origin.table, in: origin.schema, on: connection) { return .rowIDs }
        if try hasUniqueIndex(origin.column, of: origin.table, in: origin.schema, on: connection),
            try valuesKeepDistinctIDs(origin.column, of: origin.table, in: origin.schema, on: connection)
        {
            return .uniqueColumn
        }
        return nil
    }

    /// Whether the plan of `statement` reads exactly one table, once.
    private static func readsOneTableOnce(_ statement: String, on connection: SQLiteConnection) throws(SQLiteError)
        -> Bool
    {
        let plan = try connection.prepare("EXPLAIN QUERY PLAN " + statement)
        var reads = 0
        while try plan.step() {
            guard case .string(let step) = plan.value(at: 3) else { return false }
            if step.hasPrefix("SCAN ") || step.hasPrefix("SEARCH ") {
                reads += 1
            } else if !step.hasPrefix("USE TEMP B-TREE ") {
                return false
            }
        }
        return reads == 1
    }

    /// Whether `column` is the rowid of `table`: its only primary key column, declared `INTEGER`, in
    /// a table that has rowids (a `WITHOUT ROWID` table's integer key may also hold text and reals).
    private static func isRowID(_ column: String, of table: String, in schema: String, on connection: SQLiteConnection)
        throws(SQLiteError) -> Bool
    {
        let key = try connection.prepare(
            """
            SELECT count(*) = 1 AND max(name = ?3 AND upper(type) = 'INTEGER')
                AND (SELECT wr FROM pragma_table_list(?1) WHERE schema = ?2) = 0
            FROM pragma_table_info(?1, ?2) WHERE pk > 0
            """)
        try key.bind([.string(table), .string(schema), .string(column)])
        return try key.step() && key.value(at: 0) == .integer(1)
    }

    /// Whether `column` alone is the key of a unique index of `table` that covers every row.
    private static func hasUniqueIndex(
        _ column: String, of table: String, in schema: String, on connection: SQLiteConnection
    ) throws(SQLiteError) -> Bool {
        let index = try connection.prepare(
            """
            SELECT EXISTS (
                SELECT 1 FROM pragma_index_list(?1, ?2) AS l
                WHERE l."unique" = 1 AND l.partial = 0
                    AND (SELECT count(*) FROM pragma_index_info(l.name, ?2)) = 1
                    AND (SELECT i.name FROM pragma_index_info(l.name, ?2) AS i) = ?3)
            """)
        try index.bind([.string(table), .string(schema), .string(column)])
        return try index.step() && index.value(at: 0) == .integer(1)
    }

    /// Whether the non-null values of `column` are all integers or all verbatim text (and there is one).
    /// The first value's kind is looked up alone, then every value is compared with it: one function
    /// call a row, where a `min` and a `max` of the kinds also cost two aggregate steps.
    private static func valuesKeepDistinctIDs(
        _ column: String, of table: String, in schema: String, on connection: SQLiteConnection
    ) throws(SQLiteError) -> Bool {
        let quoted = SQLiteWarehouse.quotedIdentifier(column)
        let kind = "\(RecordChecksumFunctions.idKind)(\(quoted))"
        let values = "FROM \(SQLiteWarehouse.quotedIdentifier(schema)).\(SQLiteWarehouse.quotedIdentifier(table)) "
            + "WHERE \(quoted) IS NOT NULL"
        let first = try connection.prepare("SELECT \(kind) \(values) LIMIT 1")
        guard try first.step(), case .integer(let firstKind) = first.value(at: 0), firstKind > 0 else { return false }
        let others = try connection.prepare("SELECT NOT EXISTS (SELECT 1 \(values) AND \(kind) IS NOT ?)")
        try others.bind([.integer(firstKind)])
        return try others.step() && others.value(at: 0) == .integer(1)
    }
}

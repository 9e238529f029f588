/// Whether a SQLite model's ids are the rowids of the one table it reads, each read once: distinct
/// integers, so that no id can repeat and a scan need not count every id's text to find repeated ones
/// (``ChangeScanQuery/collectModelIDs(of:)``).
///
/// Proven only in the plain case, which is also the common one: the query reads one table once (its
/// plan is a single `SCAN` or `SEARCH`, give or take a sort) with no join, compound, subquery or
/// table-valued function that could yield a table row twice, and the id column is that table's
/// integer primary key, the rowid, whose values are distinct integers and so distinct ids. Anything
/// else is not proven, and the pass runs.
enum UniqueRecordIDs {
    static func areProven(for model: ModelDefinition, on connection: SQLiteConnection) -> Bool {
        (try? proof(for: model, on: connection)) ?? false
    }

    private static func proof(for model: ModelDefinition, on connection: SQLiteConnection) throws(SQLiteError) -> Bool {
        let query = try connection.prepare(model.statement)
        let names = (0..<query.columnCount).map(query.columnName(at:))
        guard names.filter({ $0 == model.idColumn }).count == 1, let index = names.firstIndex(of: model.idColumn),
            let origin = query.origin(at: index)
        else { return false }
        guard try readsOneTableOnce(model.statement, on: connection) else { return false }
        return try isRowID(origin.column, of: origin.table, in: origin.schema, on: connection)
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
}

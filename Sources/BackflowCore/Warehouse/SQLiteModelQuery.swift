/// The one place a SQLite model is classified, shared by the warehouse and the change tracker.
///
/// Compiling a statement runs nothing, so classification is compiling alone: the statement must be
/// exactly one (``SQLiteConnection/prepare(_:)`` refuses any tail), must not write
/// (`sqlite3_stmt_readonly`) and must return rows. Only then is the statement compiled wrapped as a
/// subquery and handed out to be stepped.
extension SQLiteConnection {
    /// The model's statement wrapped as `SELECT <selection> FROM (<statement>) AS backflow_model
    /// <clause>`, compiled, not yet stepped.
    func prepareModelQuery(
        _ model: ModelDefinition, selecting selection: String = "*", around clause: String = ""
    ) throws(WarehouseError) -> SQLiteStatement {
        let alone = try prepare(model.statement, for: model)
        guard alone.isReadOnly else { throw .writesToDatabase(model: model.name) }
        guard alone.columnCount > 0 else { throw .notAQuery(model: model.name) }
        let wrapped = try prepare(
            "SELECT \(selection) FROM (\n\(model.statement)\n) AS backflow_model \(clause)", for: model)
        guard wrapped.isReadOnly else { throw .writesToDatabase(model: model.name) }
        return wrapped
    }

    /// Compiles SQL of `model`, reporting a failure as the model's.
    func prepare(_ sql: String, for model: ModelDefinition) throws(WarehouseError) -> SQLiteStatement {
        do {
            return try prepare(sql)
        } catch {
            throw .queryFailed(model: model.name, reason: error)
        }
    }
}

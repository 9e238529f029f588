/// Why a warehouse could not be opened or a model could not be read.
public enum WarehouseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The warehouse file does not exist.
    case notFound(path: String)
    case cannotOpen(path: String, reason: SQLiteError)
    /// The model's SQL would change the database; models only read.
    case writesToDatabase(model: String)
    /// The model's SQL is a SQLite statement that returns no rows (`ATTACH`, `PRAGMA x = y`, `BEGIN`...);
    /// PostgreSQL commands are ``commandNotAllowed(model:command:)``.
    case notAQuery(model: String)
    /// The model's SQL is a command Backflow never runs (`COPY`, `DO`, `CALL`, `EXPLAIN`, `SET`...),
    /// named in upper case.
    case commandNotAllowed(model: String, command: String)
    /// The model calls a built-in function that acts outside the query (large objects, server files,
    /// replication, server administration), spelled as in the query.
    case callsServerFunction(model: String, function: String)
    /// The warehouse refused or failed the model's query.
    case queryFailed(model: String, reason: SQLiteError)
    /// The query result lacks the unique identifier column (Segment's `ErrRecordMissingID`).
    case missingIdColumn(model: String, column: String, availableColumns: [String])
    /// Segment extracts at most 512 columns.
    case tooManyColumns(model: String, count: Int)
    /// Segment extracts column names of at most 128 characters.
    case columnNameTooLong(model: String, column: String)
    /// The PostgreSQL server could not be reached or refused the login; `server` is the connection URL
    /// without its password.
    case cannotConnect(server: String, reason: PostgresError)
    /// PostgreSQL refused or failed the model's query.
    case serverQueryFailed(model: String, reason: PostgresError)

    public var description: String {
        switch self {
        case .notFound(let path):
            return "No warehouse file at \(path)."
        case .cannotOpen(let path, let reason):
            return "Cannot open the warehouse at \(path): \(reason.message)."
        case .writesToDatabase(let model):
            return "Model '\(model)' must be a read-only query; its SQL would change the database "
                + "(INSERT/UPDATE/DELETE/CREATE...)."
        case .notAQuery(let model):
            return "Model '\(model)' must be a query that returns rows (SELECT or WITH ... SELECT); "
                + "its SQL returns none (ATTACH/PRAGMA/BEGIN...)."
        case .commandNotAllowed(let model, let command):
            return "Model '\(model)' is a \(command) statement, which Backflow never runs: a model must be one "
                + "query that returns rows (SELECT, VALUES, TABLE or WITH ... SELECT). Write the model as a "
                + "SELECT over the tables to sync."
        case .callsServerFunction(let model, let function):
            return "Model '\(model)' calls \(function)(), which Backflow never runs: it acts on the database "
                + "server outside the query (large objects, server files, replication or administration). "
                + "Remove the call from the query."
        case .queryFailed(let model, let reason):
            return "The query of model '\(model)' failed: \(reason.message)."
        case .missingIdColumn(let model, let column, let availableColumns):
            let available = availableColumns.isEmpty ? "none" : availableColumns.joined(separator: ", ")
            return "Model '\(model)' has no unique identifier column '\(column)' in its query result. "
                + "Available columns: \(available)."
        case .tooManyColumns(let model, let count):
            return "Model '\(model)' returns \(count) columns; the limit is \(RecordAssembler.maximumColumnCount)."
        case .columnNameTooLong(let model, let column):
            return "Model '\(model)' has a column name longer than \(RecordAssembler.maximumColumnNameLength) "
                + "characters: '\(column)'."
        case .cannotConnect(let server, let reason):
            return "Cannot connect to PostgreSQL at \(server): \(reason.message)"
        case .serverQueryFailed(let model, let reason):
            let state = reason.sqlState.map { " [SQLSTATE \($0)]" } ?? ""
            return "The query of model '\(model)' failed: \(reason.message)\(state)."
        }
    }
}

/// A failure reported by PostgreSQL or by libpq, carrying the server's message and SQLSTATE.
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// SQLSTATE codes Backflow reacts to.
    enum State {
        /// `read_only_sql_transaction`: the statement tried to write inside a READ ONLY transaction.
        static let readOnlyTransaction = "25006"
        /// `unique_violation`: a row with the key is there.
        static let uniqueViolation = "23505"
        /// `syntax_error`.
        static let syntaxError = "42601"
        /// `feature_not_supported`, e.g. a data-modifying WITH that is not at the top level.
        static let featureNotSupported = "0A000"
    }

    /// The five-character SQLSTATE; nil when the failure happened in the client (connection, protocol).
    public let sqlState: String?
    /// PostgreSQL's primary message, without the severity prefix; never holds a password.
    public let message: String
    /// PostgreSQL's optional detail line.
    public let detail: String?

    public init(sqlState: String?, message: String, detail: String? = nil) {
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
    }

    public var description: String {
        let state = sqlState.map { " \($0)" } ?? ""
        let more = detail.map { " (\($0))" } ?? ""
        return "PostgreSQL error\(state): \(message)\(more)"
    }

    var isReadOnlyViolation: Bool { sqlState == State.readOnlyTransaction }
}

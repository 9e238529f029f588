/// A Reverse ETL model: one read-only SQL query over a source, and the column that identifies a record.
///
/// Creating one checks Segment's limits (query ≤ 65,535 characters, id column name ≤ 191 characters)
/// and that the query is exactly one statement, because it runs wrapped as a subquery. A trailing `;`
/// is accepted and left out of ``statement``.
public struct ModelDefinition: Sendable, Hashable {
    public static let maximumQueryLength = 65_535
    public static let maximumIdColumnLength = 191

    public let name: String
    /// The name of the warehouse source the query runs against.
    public let sourceName: String
    /// The SQL exactly as the user wrote it.
    public let query: String
    /// The unique identifier column.
    public let idColumn: String
    /// The query's single statement without its terminating `;`, ready to wrap in a subquery.
    public let statement: String

    public init(name: String, sourceName: String, query: String, idColumn: String) throws(ModelDefinitionError) {
        guard query.count <= Self.maximumQueryLength else {
            throw .queryTooLong(model: name, length: query.count)
        }
        guard !idColumn.isEmpty else { throw .emptyIdColumn(model: name) }
        guard idColumn.count <= Self.maximumIdColumnLength else {
            throw .idColumnTooLong(model: name, length: idColumn.count)
        }
        let statements = SQLStatementSplitter.statements(in: query)
        guard let statement = statements.first else { throw .emptyQuery(model: name) }
        guard statements.count == 1 else {
            throw .multipleStatements(model: name, count: statements.count)
        }
        self.name = name
        self.sourceName = sourceName
        self.query = query
        self.idColumn = idColumn
        self.statement = statement
    }
}

/// Why a model definition was refused.
public enum ModelDefinitionError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyQuery(model: String)
    case queryTooLong(model: String, length: Int)
    case multipleStatements(model: String, count: Int)
    case emptyIdColumn(model: String)
    case idColumnTooLong(model: String, length: Int)

    public var description: String {
        switch self {
        case .emptyQuery(let model):
            return "Model '\(model)' has no SQL query."
        case .queryTooLong(let model, let length):
            return "Model '\(model)' has a query of \(length) characters; the limit is "
                + "\(ModelDefinition.maximumQueryLength)."
        case .multipleStatements(let model, let count):
            return "Model '\(model)' must be a single SQL statement, but its query holds \(count); "
                + "remove every statement but the SELECT."
        case .emptyIdColumn(let model):
            return "Model '\(model)' needs a unique identifier column."
        case .idColumnTooLong(let model, let length):
            return "Model '\(model)' has a unique identifier column name of \(length) characters; the limit is "
                + "\(ModelDefinition.maximumIdColumnLength)."
        }
    }
}

/// A SQL query over a source, each row a record identified by one column.
public struct ModelConfig: Sendable, Equatable {
    /// Segment's limits on a model's query and on its unique identifier column's name.
    public static let maximumQueryLength = 65_535
    public static let maximumIdColumnLength = 191

    public var name: String
    /// The name of the source the query runs on.
    public var source: String
    public var idColumn: String
    public var description: String?
    public var query: String
    /// Keys: `source`, `id_column`, `description`, `query`.
    public var locations: SourceLocations

    public init(
        name: String,
        source: String,
        idColumn: String,
        description: String? = nil,
        query: String,
        locations: SourceLocations = SourceLocations()
    ) {
        self.name = name
        self.source = source
        self.idColumn = idColumn
        self.description = description
        self.query = query
        self.locations = locations
    }
}

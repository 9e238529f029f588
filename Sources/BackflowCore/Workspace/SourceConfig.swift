/// A warehouse Backflow reads model rows from.
public struct SourceConfig: Sendable, Equatable {
    public var name: String
    public var kind: SourceKind
    /// Keys: `type`, `path`, `url_env`.
    public var locations: SourceLocations

    public init(name: String, kind: SourceKind, locations: SourceLocations = SourceLocations()) {
        self.name = name
        self.kind = kind
        self.locations = locations
    }
}

/// The kind of warehouse and how to reach it.
public enum SourceKind: Sendable, Equatable {
    /// A SQLite file; the path is kept as written, relative to the workspace file's folder unless absolute.
    case sqlite(path: String)
    /// A PostgreSQL server whose connection URL (which may hold a password) is in an environment variable.
    case postgres(url: SecretReference)

    /// The `type` slug in the file.
    public var typeName: String {
        switch self {
        case .sqlite: return "sqlite"
        case .postgres: return "postgres"
        }
    }
}

/// One column of a model's result, as the mapping editor lists it.
public struct ModelColumn: Sendable, Hashable {
    public let name: String
    /// The warehouse's type name: the declared type of the table column, or, for an expression, the
    /// storage class of the first non-null value (`INTEGER`, `REAL`, `TEXT`, `BLOB`); empty when unknown.
    public let type: String
    public let kind: ColumnKind

    public init(name: String, type: String, kind: ColumnKind) {
        self.name = name
        self.type = type
        self.kind = kind
    }
}

/// A warehouse type reduced to what matters when mapping it.
public enum ColumnKind: String, Sendable, CaseIterable {
    case text, integer, real, boolean, timestamp, json, blob, unknown

    /// Reads a type name the way SQLite assigns column affinity (a name containing `INT` is an integer,
    /// `CHAR`/`CLOB`/`TEXT` text, `REAL`/`FLOA`/`DOUB` real), after first recognising the names that
    /// warehouses such as PostgreSQL use for booleans, JSON, timestamps and decimals.
    public init(typeName: String) {
        let name = typeName.uppercased()
        func has(_ fragment: String) -> Bool { name.contains(fragment) }
        if name.isEmpty {
            self = .unknown
        } else if has("BOOL") {
            self = .boolean
        } else if has("JSON") {
            self = .json
        } else if has("DATE") || has("TIME") {
            self = .timestamp
        } else if has("INT") {
            self = .integer
        } else if has("CHAR") || has("CLOB") || has("TEXT") || has("UUID") {
            self = .text
        } else if has("BLOB") || has("BYTEA") || has("BINARY") {
            self = .blob
        } else if has("REAL") || has("FLOA") || has("DOUB") || has("NUMERIC") || has("DECIMAL") {
            self = .real
        } else {
            self = .unknown
        }
    }
}

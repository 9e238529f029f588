/// A place in the workspace file: 1-based line and column, as editors count them.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `backflow.yml:12:5`, the form compilers use so terminals and editors can jump to it.
    public var description: String { "\(file):\(line):\(column)" }
}

/// Where a configuration element and some of its keys were written.
///
/// Locations say where the text was, not what the workspace means: two elements that differ only
/// in where they were written are equal, so a workspace saved and loaded again compares equal to
/// the one that was saved. Elements built in code have no locations.
public struct SourceLocations: Sendable, Equatable {
    /// The element itself (its first key, or its name key for named entries).
    public var element: SourceLocation?
    private var keys: [String: SourceLocation]

    public init(element: SourceLocation? = nil, keys: [String: SourceLocation] = [:]) {
        self.element = element
        self.keys = keys
    }

    /// The location of a key's value (for example `"action"` or a field key such as `"traits"`).
    public subscript(key: String) -> SourceLocation? {
        get { keys[key] }
        set { keys[key] = newValue }
    }

    public static func == (lhs: SourceLocations, rhs: SourceLocations) -> Bool { true }
}

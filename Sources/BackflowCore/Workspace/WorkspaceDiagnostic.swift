/// One problem in the workspace file, pointing at where to fix it.
///
/// Public and constructible so that checks outside the loader (the destination catalog's action and
/// field checks) report in the same form, at the locations the loader kept.
public struct WorkspaceDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    /// Where in the document: `mappings[0].records`, `sources.warehouse.type`; empty for the whole file.
    public var keyPath: String
    public var message: String

    public init(location: SourceLocation, keyPath: String, message: String) {
        self.location = location
        self.keyPath = keyPath
        self.message = message
    }

    /// `backflow.yml:12:5: mappings[0].records: expected one of … but found "sometimes"`.
    public var description: String {
        keyPath.isEmpty ? "\(location): \(message)" : "\(location): \(keyPath): \(message)"
    }
}

/// Why a workspace could not be loaded.
public enum WorkspaceLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read at all.
    case unreadable(path: String, reason: String)
    /// The file was read and has these problems, in file order.
    case invalid([WorkspaceDiagnostic])

    public var diagnostics: [WorkspaceDiagnostic] {
        switch self {
        case .unreadable: return []
        case .invalid(let diagnostics): return diagnostics
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read the workspace file \(path): \(reason)"
        case .invalid(let diagnostics):
            return diagnostics.map(\.description).joined(separator: "\n")
        }
    }
}

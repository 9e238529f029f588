/// A theme that cannot be used, with the file and the entry to fix.
public enum ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(name: String, searched: [String])
    case unreadable(path: String, reason: String)
    case invalid(path: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let name, let searched):
            return "no theme named \"\(name)\" (looked in \(searched.joined(separator: ", ")))"
        case .unreadable(let path, let reason):
            return "cannot read theme \(path): \(reason)"
        case .invalid(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}

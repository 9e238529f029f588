/// Why the sync state could not be read or written.
public enum StateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A state key outside `^[a-z0-9_]{1,64}$`.
    case invalidStateKey(String)
    /// The state database (or the folder for it) could not be created or opened.
    case cannotOpen(path: String, reason: String)
    /// SQLite refused a read or write of the state.
    case storageFailed(path: String, reason: SQLiteError)

    public var description: String {
        switch self {
        case .invalidStateKey(let key):
            return "'\(key)' is not a valid state key; use 1 to 64 characters of a-z, 0-9 and _."
        case .cannotOpen(let path, let reason):
            return "Cannot open the sync state at \(path): \(reason)."
        case .storageFailed(let path, let reason):
            return "The sync state at \(path) could not be updated: \(reason.message)."
        }
    }
}

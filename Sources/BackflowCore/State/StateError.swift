/// Why the sync state (or the run history, or a lock) could not be read or written, in words that
/// say what to do about it.
public enum StateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A state key outside `^[a-z0-9_]{1,64}$`.
    case invalidStateKey(String)
    /// The state folder (`settings.state_dir`) or a folder in it cannot be used; `problem` says why
    /// and what to do.
    case unusableFolder(path: String, problem: String)
    /// The state database could not be created or opened.
    case cannotOpen(path: String, reason: String)
    /// The file is not a SQLite database, or SQLite found it damaged. The sync state is never started
    /// over silently: that would send every record again.
    case damaged(path: String, reason: String)
    /// SQLite refused a read or write of the state.
    case storageFailed(path: String, reason: SQLiteError)

    public var description: String {
        switch self {
        case .invalidStateKey(let key):
            return "'\(key)' is not a valid state key; use 1 to 64 characters of a-z, 0-9 and _."
        case .unusableFolder(let path, let problem):
            return "The state folder \(path) \(problem)."
        case .cannotOpen(let path, let reason):
            return "Cannot open the sync state at \(path): \(reason)."
        case .damaged(let path, let reason):
            return "The sync state at \(path) is damaged (\(reason)). Backflow does not start it over by itself, "
                + "since every record would then be sent again: restore the file from a backup, or move it aside "
                + "to start over (the next sync then sends every record)."
        case .storageFailed(let path, let reason):
            return "The sync state at \(path) could not be updated: \(reason.message)" + Self.advice(for: reason)
        }
    }

    /// What to do about a failed read or write, by SQLite's primary result code.
    private static func advice(for error: SQLiteError) -> String {
        switch error.code & 0xFF {
        case 13:  // SQLITE_FULL
            return ". Free some space on its disk and sync again: records delivered but not recorded are sent "
                + "again with the same message ids, which Segment drops."
        case 8, 3:  // SQLITE_READONLY, SQLITE_PERM
            return ". Make the file and its folder writable by this user."
        case 5, 6:  // SQLITE_BUSY, SQLITE_LOCKED
            return ". Another process held it for too long; try again."
        default:
            return "."
        }
    }
}

import Foundation

/// A read-write SQLite database of Backflow's own (sync state or run history) in WAL mode, so that a
/// killed process leaves every committed transaction intact and readers never block the writer.
/// Created private to this user (0600). Turns SQLite failures into ``StateError``s, a file that is no
/// database or is damaged into ``StateError/damaged(path:reason:)``. Used serially, like its connection.
final class StateDatabase {
    let path: String
    let connection: SQLiteConnection
    /// Statements prepared once and run again for the life of the connection (``keptStatement(_:sql:)``).
    private var keptStatements: [String: SQLiteStatement] = [:]

    init(path: String, allowsURIFilenames: Bool = false) throws(StateError) {
        try StateFolder.createFolder((path as NSString).deletingLastPathComponent)
        StateFolder.createPrivateFile(path)
        do {
            connection = try SQLiteConnection(
                path: path, mode: .readWriteCreate, allowsURIFilenames: allowsURIFilenames)
        } catch {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                throw .cannotOpen(path: path, reason: "it is a folder, not a file; move it away")
            }
            throw .cannotOpen(path: path, reason: error.message)
        }
        self.path = path
        try switchToWAL()
        // In WAL mode, NORMAL appends each commit to the log without waiting for the disk, which is
        // synced at checkpoints; FULL waited for it at every commit, every acknowledged batch of a sync.
        // A killed process (SIGKILL, a crash) still loses no committed transaction: the commit's bytes
        // are in the operating system's hands before COMMIT returns. Only a power cut or an operating
        // system crash can undo the last commits (never corrupt the file): the records acknowledged in
        // them are then sent again by the next sync, with the same message ids, which Segment
        // de-duplicates; a run's history may lose its last update.
        try run("PRAGMA synchronous = NORMAL")
    }

    /// Switching a new file to WAL needs it alone for a moment, and when another process is opening
    /// the same new file (two syncs of different mappings started together on a fresh workspace)
    /// SQLite answers "database is locked" at once instead of waiting out the busy timeout, since the
    /// switch begins as a read. So the switch is retried, for as long as the busy timeout.
    private func switchToWAL() throws(StateError) {
        let deadline = Date().addingTimeInterval(Double(SQLiteConnection.busyTimeoutMilliseconds) / 1_000)
        while true {
            do throws(StateError) {
                var mode = ""
                try rows("PRAGMA journal_mode = WAL") { row in
                    if case .string(let name) = row.value(at: 0) { mode = name.lowercased() }
                }
                if mode == "wal" { return }
                guard Date() < deadline else {
                    throw .cannotOpen(path: path, reason: "it stayed in \(mode) mode, busy with another process; try again")
                }
            } catch {
                guard case .storageFailed(_, let reason) = error, reason.code & 0xFF == 5, Date() < deadline else {
                    throw error
                }
            }
            usleep(10_000)
        }
    }

    /// Runs one statement with `bindings`, ignoring any rows it returns.
    func run(_ sql: String, _ bindings: [JSONValue] = []) throws(StateError) {
        try rows(sql, bindings) { _ in }
    }

    /// Runs one statement with `bindings` and hands each row to `visit`.
    func rows(_ sql: String, _ bindings: [JSONValue] = [], _ visit: (SQLiteStatement) throws(StateError) -> Void)
        throws(StateError)
    {
        let statement = try prepare(sql)
        try storage { () throws(SQLiteError) in try statement.bind(bindings) }
        while try storage({ () throws(SQLiteError) in try statement.step() }) {
            try visit(statement)
        }
    }

    /// Whether `sql`, a query of one value, answers 1 (`SELECT EXISTS (...)`).
    func isTrue(_ sql: String) throws(StateError) -> Bool {
        var answer = false
        try rows(sql) { row in answer = row.value(at: 0) == .integer(1) }
        return answer
    }

    /// A column that tables made by earlier releases lack: its name, and the statements that add it
    /// (and fill it, where its default would be wrong for the rows already there).
    struct AddedColumn {
        let name: String
        let statements: [String]
    }

    /// Adds to `table` (of the main schema) each of `columns` it lacks, in one transaction (the caller's,
    /// when `inTransaction`). The columns are read first, so that opening an up-to-date table takes no
    /// write lock, and read again inside the transaction, which another process upgrading the same table
    /// may have won.
    func addMissingColumns(_ columns: [AddedColumn], to table: String, inTransaction: Bool = false) throws(StateError) {
        func missing() throws(StateError) -> [AddedColumn] {
            var present: Set<String> = []
            try rows("PRAGMA main.table_info(\(table))") { row throws(StateError) in
                if case .string(let name) = row.value(at: 1) { present.insert(name) }
            }
            return columns.filter { !present.contains($0.name) }
        }
        guard try !missing().isEmpty else { return }
        func add() throws(StateError) {
            for column in try missing() {
                for sql in column.statements { try run(sql) }
            }
        }
        if inTransaction { try add() } else { try transaction(add) }
    }

    func prepare(_ sql: String) throws(StateError) -> SQLiteStatement {
        try storage { () throws(SQLiteError) in try connection.prepare(sql) }
    }

    /// The statement named `key`, prepared from `sql` the first time it is asked for and kept for the
    /// life of the connection, for statements run over and over whose preparing is costly. SQLite
    /// prepares a kept statement again by itself when the schema it was prepared against changes.
    /// The caller runs it to its end (``SQLiteBoundValues/run(_:)`` resets it), so that a kept
    /// statement holds no lock between runs.
    func keptStatement(_ key: String, sql: () -> String) throws(StateError) -> SQLiteStatement {
        if let statement = keptStatements[key] { return statement }
        let statement = try prepare(sql())
        keptStatements[key] = statement
        return statement
    }

    /// Runs `work` in one committed transaction, rolled back when it throws.
    func transaction(_ work: () throws(StateError) -> Void) throws(StateError) {
        try run("BEGIN IMMEDIATE")
        do {
            try work()
            try run("COMMIT")
        } catch {
            try? run("ROLLBACK")
            throw error
        }
    }

    func storage<Result>(_ work: () throws(SQLiteError) -> Result) throws(StateError) -> Result {
        do {
            return try work()
        } catch {
            switch error.code & 0xFF {
            case 11, 26:  // SQLITE_CORRUPT, SQLITE_NOTADB
                throw .damaged(path: path, reason: error.message)
            default:
                throw .storageFailed(path: path, reason: error)
            }
        }
    }
}

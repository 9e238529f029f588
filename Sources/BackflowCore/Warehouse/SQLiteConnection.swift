import CBackflowSQL
import CSQLite
import Foundation

/// A failure reported by SQLite, carrying SQLite's own message and the SQL that caused it.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// SQLite's extended result code.
    public let code: Int32
    public let message: String
    public let sql: String?

    /// SQLite's own out-of-memory error (`SQLITE_NOMEM`), for work done beside SQLite on its values.
    static func outOfMemory(sql: String?) -> SQLiteError {
        SQLiteError(code: SQLITE_NOMEM, message: "out of memory", sql: sql)
    }

    public var description: String {
        guard let sql else { return "SQLite error \(code): \(message)" }
        return "SQLite error \(code): \(message) (in: \(sql))"
    }
}

/// One SQLite database connection: the only type (with ``SQLiteStatement``) that calls `sqlite3_*`.
///
/// Not `Sendable`: a connection and its statements must be used serially, from one task or thread at a
/// time. SQLite's default threading mode would tolerate more, but one caller at a time keeps statement
/// state (bindings, cursor position) coherent without locks.
final class SQLiteConnection {
    enum Mode {
        /// Opens an existing file; every write fails inside SQLite itself.
        case readOnly
        /// Opens or creates the file for writing.
        case readWriteCreate
    }

    /// How long a statement waits for a lock another connection holds (a writer in rollback-journal
    /// mode, the checkpoint a closing WAL connection runs) before SQLite answers "database is locked".
    static let busyTimeoutMilliseconds: Int32 = 5_000

    let path: String
    private let handle: OpaquePointer
    /// What functions defined on this connection read while it is open.
    private var functionState: [AnyObject] = []

    /// SQLite's process-wide settings, made once before the first connection opens.
    private static let librarySetUp: Void = {
        _ = backflow_sqlite_disable_memory_statistics()
    }()

    /// `allowsURIFilenames` lets this connection open and `ATTACH` databases named by `file:` URIs,
    /// such as `file:/path/warehouse.sqlite?mode=ro`.
    init(path: String, mode: Mode, allowsURIFilenames: Bool = false) throws(SQLiteError) {
        var flags: Int32
        switch mode {
        case .readOnly: flags = SQLITE_OPEN_READONLY
        case .readWriteCreate: flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        if allowsURIFilenames { flags |= SQLITE_OPEN_URI }
        Self.librarySetUp
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(opened)
            throw SQLiteError(code: code, message: message, sql: nil)
        }
        sqlite3_extended_result_codes(opened, 1)
        sqlite3_busy_timeout(opened, Self.busyTimeoutMilliseconds)
        self.path = path
        self.handle = opened
        if mode == .readOnly {
            try execute("PRAGMA query_only = ON")
        }
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Compiles exactly one statement; trailing whitespace and comments are allowed, a second
    /// statement is refused so that nothing after it is silently ignored.
    func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        var statement: OpaquePointer?
        var remainder = ""
        let code = sql.withCString { text -> Int32 in
            var tail: UnsafePointer<CChar>?
            let result = sqlite3_prepare_v2(handle, text, -1, &statement, &tail)
            if let tail { remainder = String(cString: tail) }
            return result
        }
        guard code == SQLITE_OK else { throw error(code, sql: sql) }
        guard let statement else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "the SQL holds no statement", sql: sql)
        }
        let compiled = SQLiteStatement(connection: self, handle: statement, sql: sql)
        if containsStatement(remainder) {
            throw SQLiteError(code: SQLITE_MISUSE, message: "only one SQL statement is allowed", sql: sql)
        }
        return compiled
    }

    /// Runs one statement that returns no rows worth reading (DDL, `PRAGMA`, `BEGIN`/`COMMIT`).
    func execute(_ sql: String) throws(SQLiteError) {
        let statement = try prepare(sql)
        while try statement.step() {}
    }

    /// Defines the record functions of `CBackflowSQL` (the checksum, identifier text and row number of
    /// model rows; see ``RecordChecksumFunctions``) on this connection. The connection keeps `rowCounter`
    /// alive as long as SQLite may call `backflow_row_number()`, which counts in it.
    func defineRecordFunctions(rowCounter: RowCounter) throws(SQLiteError) {
        let code = backflow_define_record_functions(handle, rowCounter.storage)
        guard code == SQLITE_OK else { throw error(code, sql: nil) }
        functionState.append(rowCounter)
    }

    /// Whether the connection's text is UTF-8 (`PRAGMA encoding`), the encoding of every text value its
    /// statements hold: then a text value's bytes are read as SQLite holds them (see
    /// ``SQLiteStatement/value(at:)``). Read with the C API alone, since `value(at:)` asks for it.
    private(set) lazy var textIsUTF8: Bool = {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, "PRAGMA encoding", -1, &statement, nil) == SQLITE_OK else { return false }
        defer { sqlite3_finalize(statement) }
        guard sqlite3_step(statement) == SQLITE_ROW, let name = sqlite3_column_text(statement, 0) else { return false }
        return String(cString: name) == "UTF-8"
    }()

    /// True when `sql` holds anything but whitespace, comments and empty statements (`;`).
    private func containsStatement(_ sql: String) -> Bool {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        defer { sqlite3_finalize(statement) }
        guard code == SQLITE_OK else { return true }
        return statement != nil
    }

    fileprivate func error(_ code: Int32, sql: String?) -> SQLiteError {
        SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}

/// A compiled statement; finalized when released. Same serial-use contract as ``SQLiteConnection``,
/// which it keeps alive.
final class SQLiteStatement {
    private let connection: SQLiteConnection
    private let handle: OpaquePointer
    let sql: String

    fileprivate init(connection: SQLiteConnection, handle: OpaquePointer, sql: String) {
        self.connection = connection
        self.handle = handle
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// True when running the statement cannot change the database file (`sqlite3_stmt_readonly`).
    var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    var columnCount: Int { Int(sqlite3_column_count(handle)) }

    func columnName(at index: Int) -> String {
        sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? ""
    }

    /// The declared type of the table column behind a result column, or nil for an expression.
    func declaredType(at index: Int) -> String? {
        sqlite3_column_decltype(handle, Int32(index)).map { String(cString: $0) }
    }

    /// Binds `value` to the 1-based parameter `index`. Booleans bind as 0/1; arrays and objects as their
    /// compact JSON text, the form SQLite's JSON functions read.
    func bind(_ value: JSONValue, at index: Int) throws(SQLiteError) {
        let position = Int32(index)
        let code: Int32
        switch value {
        case .null: code = sqlite3_bind_null(handle, position)
        case .bool(let flag): code = sqlite3_bind_int64(handle, position, flag ? 1 : 0)
        case .integer(let number): code = sqlite3_bind_int64(handle, position, number)
        case .number(let number): code = sqlite3_bind_double(handle, position, number)
        case .string(let text): code = bindText(text, at: position)
        case .array, .object: code = bindText(JSONWriter.compact(value), at: position)
        }
        guard code == SQLITE_OK else { throw connection.error(code, sql: sql) }
    }

    /// Binds `text` from its UTF-8 bytes, up to the first NUL as when it was passed as a C string: the
    /// record ids stored so far, and the id text SQLite computes in a scan, end there. Passed as a C
    /// string, a short string (kept inline, without a terminating NUL) was first copied to the heap:
    /// two allocations a record in the state and run-log writes.
    private func bindText(_ text: String, at position: Int32) -> Int32 {
        text.withStoredUTF8 { bindText($0, at: position, destructor: backflow_sqlite_transient()) }
    }

    /// Binds `bytes` as text that SQLite reads where they are, without copying them: they must stay
    /// alive and unchanged until the statement is reset (see ``SQLiteBoundValues``).
    func bindTextInPlace(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) throws(SQLiteError) {
        let code = bindText(bytes, at: Int32(index), destructor: nil)
        guard code == SQLITE_OK else { throw connection.error(code, sql: sql) }
    }

    /// Binds `bytes` up to their first NUL as text; `destructor` is SQLite's: `SQLITE_TRANSIENT` (copy
    /// them) or nil (`SQLITE_STATIC`: read them in place).
    private func bindText(
        _ bytes: UnsafeBufferPointer<UInt8>, at position: Int32, destructor: sqlite3_destructor_type?
    ) -> Int32 {
        let length = bytes.firstIndex(of: 0) ?? bytes.count
        guard let start = bytes.baseAddress, length > 0 else {
            // An empty string is text, not NULL: SQLite reads a null pointer as NULL.
            return sqlite3_bind_text(handle, position, "", 0, backflow_sqlite_transient())
        }
        return start.withMemoryRebound(to: CChar.self, capacity: length) {
            sqlite3_bind_text64(handle, position, $0, sqlite3_uint64(length), destructor, UInt8(SQLITE_UTF8))
        }
    }

    /// Binds `values` to parameters 1, 2, ... in order.
    func bind(_ values: [JSONValue]) throws(SQLiteError) {
        for (offset, value) in values.enumerated() {
            try bind(value, at: offset + 1)
        }
    }

    /// The schema, table and column that result column `index` reads as it is stored (SQLite's column
    /// metadata), or nil when it is computed.
    func origin(at index: Int) -> (schema: String, table: String, column: String)? {
        let column = Int32(index)
        guard let schema = sqlite3_column_database_name(handle, column),
            let table = sqlite3_column_table_name(handle, column),
            let name = sqlite3_column_origin_name(handle, column)
        else { return nil }
        return (String(cString: schema), String(cString: table), String(cString: name))
    }

    /// Advances to the next row: true when a row is ready to read, false when the statement is done.
    func step() throws(SQLiteError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw connection.error(code, sql: sql)
        }
    }

    /// Makes the statement ready to run again, keeping its bindings: for a caller about to bind every
    /// parameter anew, to which clearing them first is a pass over all of them for nothing.
    func rewind() {
        sqlite3_reset(handle)
    }

    /// Makes the statement ready to run again with new bindings.
    func reset() throws(SQLiteError) {
        sqlite3_reset(handle)
        let code = sqlite3_clear_bindings(handle)
        guard code == SQLITE_OK else { throw connection.error(code, sql: sql) }
    }

    /// The current row's value in column `index`: INTEGER → `.integer`, REAL → `.number`,
    /// TEXT → `.string`, NULL → `.null`, BLOB → `.string` holding the bytes in base64.
    func value(at index: Int) -> JSONValue {
        switch value(lentAt: index) {
        case .null: .null
        case .integer(let number): .integer(number)
        case .number(let number): .number(number)
        case .text(let bytes): .string(String(decoding: bytes, as: UTF8.self))
        case .blob(let base64): .string(base64)
        }
    }

    /// A value of the current row as SQLite holds it, its text not yet a `String`.
    enum LentValue {
        case null
        case integer(Int64)
        case number(Double)
        /// UTF-8 bytes, valid until the statement steps or is reset; not checked to be valid UTF-8.
        case text(UnsafeBufferPointer<UInt8>)
        /// A blob's bytes in base64.
        case blob(String)
    }

    /// The current row's value in column `index`, its text lent where SQLite holds it.
    ///
    /// The value is read through the column's `sqlite3_value`: each `sqlite3_column_*` call checks the
    /// column and the statement's error state again, and a text took three. (Reading an unprotected
    /// value is safe here: a connection is only ever used by one thread at a time.) A UTF-8 text is
    /// read as a blob, which gives its bytes where they are: `sqlite3_value_text` first copies a text
    /// that no NUL follows (one read from a table row) into memory of its own, to end it with one.
    /// Both keep a NUL inside the text, since the length is SQLite's count of bytes.
    func value(lentAt index: Int) -> LentValue {
        lent(columnValue(at: index))
    }

    /// The `sqlite3_value` of the current row's column `index`, for ``lent(_:)`` and
    /// ``checksum(_:of:)``: valid until the statement steps or is reset.
    func columnValue(at index: Int) -> OpaquePointer? {
        sqlite3_column_value(handle, Int32(index))
    }

    /// The value of a column of the current row (``columnValue(at:)``), as ``value(lentAt:)`` reads it.
    func lent(_ value: OpaquePointer?) -> LentValue {
        guard let value else { return .null }
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_value_int64(value))
        case SQLITE_FLOAT:
            return .number(sqlite3_value_double(value))
        case SQLITE_TEXT:
            let text =
                connection.textIsUTF8
                ? sqlite3_value_blob(value)?.assumingMemoryBound(to: UInt8.self) : sqlite3_value_text(value)
            guard let text else { return .text(UnsafeBufferPointer(start: nil, count: 0)) }
            return .text(UnsafeBufferPointer(start: text, count: Int(sqlite3_value_bytes(value))))
        case SQLITE_BLOB:
            let length = Int(sqlite3_value_bytes(value))
            guard length > 0, let bytes = sqlite3_value_blob(value) else { return .blob("") }
            return .blob(Data(bytes: bytes, count: length).base64EncodedString())
        default:
            return .null
        }
    }

    /// The checksum of the current row, whose columns' values (``columnValue(at:)``, in column order)
    /// are `row` (see ``RecordChecksumFunctions/RowChecksum``): the text `backflow_checksum` gives for
    /// the same values; nil when memory ran out.
    func checksum(_ form: RecordChecksumFunctions.RowChecksum, of row: UnsafeBufferPointer<OpaquePointer?>) -> String? {
        let length = Int(BACKFLOW_CHECKSUM_TEXT_LENGTH)
        let utf8 = connection.textIsUTF8
        let checksum = String(unsafeUninitializedCapacity: length) { text in
            let written = form.columns.withUnsafeBufferPointer { columns in
                text.withMemoryRebound(to: CChar.self) { text in
                    backflow_row_checksum(
                        row.baseAddress, columns.baseAddress, Int32(columns.count), form.seed, utf8, text.baseAddress)
                }
            }
            return written ? length : 0
        }
        return checksum.isEmpty ? nil : checksum
    }

    /// The storage class of the current row's value in column `index` (`INTEGER`, `REAL`, `TEXT`,
    /// `BLOB`), or nil for NULL.
    func storageClass(at index: Int) -> String? {
        switch sqlite3_column_type(handle, Int32(index)) {
        case SQLITE_INTEGER: return "INTEGER"
        case SQLITE_FLOAT: return "REAL"
        case SQLITE_TEXT: return "TEXT"
        case SQLITE_BLOB: return "BLOB"
        default: return nil
        }
    }

    /// The current row's values in column order.
    func row() -> [JSONValue] {
        (0..<columnCount).map { value(at: $0) }
    }
}

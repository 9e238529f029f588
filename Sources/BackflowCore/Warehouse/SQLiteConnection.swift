import CSQLite
import Foundation

/// A failure reported by SQLite, carrying SQLite's own message and the SQL that caused it.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// SQLite's extended result code.
    public let code: Int32
    public let message: String
    public let sql: String?

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

    let path: String
    private let handle: OpaquePointer

    /// `allowsURIFilenames` lets this connection open and `ATTACH` databases named by `file:` URIs,
    /// such as `file:/path/warehouse.sqlite?mode=ro`.
    init(path: String, mode: Mode, allowsURIFilenames: Bool = false) throws(SQLiteError) {
        var flags: Int32
        switch mode {
        case .readOnly: flags = SQLITE_OPEN_READONLY
        case .readWriteCreate: flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        if allowsURIFilenames { flags |= SQLITE_OPEN_URI }
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(opened)
            throw SQLiteError(code: code, message: message, sql: nil)
        }
        sqlite3_extended_result_codes(opened, 1)
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

    /// Makes `name` callable from SQL on this connection. The arguments arrive converted as column values
    /// are (see ``SQLiteStatement/value(at:)``); `body` returns the text result, or nil for SQL `NULL`.
    /// `argumentCount` -1 accepts any number. A deterministic function may be evaluated fewer times
    /// than it appears, so only pure functions may say so.
    func defineFunction(
        named name: String, argumentCount: Int32, deterministic: Bool, _ body: @escaping ([JSONValue]) -> String?
    ) throws(SQLiteError) {
        try defineRawFunction(named: name, argumentCount: argumentCount, deterministic: deterministic) { arguments in
            body(arguments.values)
        }
    }

    /// ``defineFunction(named:argumentCount:deterministic:_:)`` with the arguments left as SQLite holds
    /// them, for functions called for every row that can read them without converting each one.
    func defineRawFunction(
        named name: String, argumentCount: Int32, deterministic: Bool,
        _ body: @escaping (SQLFunctionArguments) -> String?
    ) throws(SQLiteError) {
        let box = Unmanaged.passRetained(SQLFunctionBody(body)).toOpaque()
        let flags = SQLITE_UTF8 | (deterministic ? SQLITE_DETERMINISTIC : 0)
        // On failure SQLite itself calls the destructor, which releases the box.
        let code = sqlite3_create_function_v2(
            handle, name, argumentCount, flags, box,
            { context, count, arguments in
                let function = Unmanaged<SQLFunctionBody>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue()
                if let text = function.body(SQLFunctionArguments(count: Int(count), arguments: arguments)) {
                    sqlite3_result_text(context, text, -1, backflow_sqlite_transient())
                } else {
                    sqlite3_result_null(context)
                }
            },
            nil, nil,
            { box in
                guard let box else { return }
                Unmanaged<SQLFunctionBody>.fromOpaque(box).release()
            })
        guard code == SQLITE_OK else { throw error(code, sql: nil) }
    }

    /// A function argument converted as ``SQLiteStatement/value(at:)`` converts a column value.
    fileprivate static func jsonValue(of value: OpaquePointer?) -> JSONValue {
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_value_int64(value))
        case SQLITE_FLOAT:
            return .number(sqlite3_value_double(value))
        case SQLITE_TEXT:
            guard let text = sqlite3_value_text(value) else { return .string("") }
            let length = Int(sqlite3_value_bytes(value))
            return .string(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            let length = Int(sqlite3_value_bytes(value))
            guard length > 0, let bytes = sqlite3_value_blob(value) else { return .string("") }
            return .string(Data(bytes: bytes, count: length).base64EncodedString())
        default:
            return .null
        }
    }

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

/// The Swift closure behind a SQL function, kept alive by SQLite for as long as the function exists.
private final class SQLFunctionBody {
    let body: (SQLFunctionArguments) -> String?

    init(_ body: @escaping (SQLFunctionArguments) -> String?) {
        self.body = body
    }
}

/// The arguments of one call of a function defined on a ``SQLiteConnection``, valid during the call only.
struct SQLFunctionArguments {
    let count: Int
    fileprivate let arguments: UnsafeMutablePointer<OpaquePointer?>?

    fileprivate init(count: Int, arguments: UnsafeMutablePointer<OpaquePointer?>?) {
        self.count = count
        self.arguments = arguments
    }

    /// Every argument converted as column values are.
    var values: [JSONValue] {
        var values: [JSONValue] = []
        values.reserveCapacity(count)
        for index in 0..<count { values.append(self[index]) }
        return values
    }

    /// One argument converted as column values are.
    subscript(index: Int) -> JSONValue {
        SQLiteConnection.jsonValue(of: arguments?[index])
    }

    /// Writes `JSONWriter.write(self[index])`'s bytes without building the value where that is
    /// cheaper: integers, reals, and ASCII text (whose bytes the conversion would keep as they are).
    func writeJSON(at index: Int, into output: inout [UInt8]) {
        let value = arguments?[index]
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER:
            JSONWriter.write(.integer(sqlite3_value_int64(value)), into: &output, indent: nil, depth: 0)
            return
        case SQLITE_FLOAT:
            JSONWriter.write(.number(sqlite3_value_double(value)), into: &output, indent: nil, depth: 0)
            return
        case SQLITE_TEXT:
            if let text = sqlite3_value_text(value) {
                let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_value_bytes(value)))
                if bytes.allSatisfy({ $0 < 0x80 }) {
                    JSONWriter.writeString(utf8: bytes, into: &output)
                    return
                }
            }
        default:
            break
        }
        JSONWriter.write(self[index], into: &output, indent: nil, depth: 0)
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
        case .string(let text): code = sqlite3_bind_text(handle, position, text, -1, backflow_sqlite_transient())
        case .array, .object:
            code = sqlite3_bind_text(handle, position, JSONWriter.compact(value), -1, backflow_sqlite_transient())
        }
        guard code == SQLITE_OK else { throw connection.error(code, sql: sql) }
    }

    /// Binds `values` to parameters 1, 2, ... in order.
    func bind(_ values: [JSONValue]) throws(SQLiteError) {
        for (offset, value) in values.enumerated() {
            try bind(value, at: offset + 1)
        }
    }

    /// Advances to the next row: true when a row is ready to read, false when the statement is done.
    func step() throws(SQLiteError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw connection.error(code, sql: sql)
        }
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
        let column = Int32(index)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT:
            return .number(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, column) else { return .string("") }
            let length = Int(sqlite3_column_bytes(handle, column))
            return .string(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            let length = Int(sqlite3_column_bytes(handle, column))
            guard length > 0, let bytes = sqlite3_column_blob(handle, column) else { return .string("") }
            return .string(Data(bytes: bytes, count: length).base64EncodedString())
        default:
            return .null
        }
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

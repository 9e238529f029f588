import CLibPQ
import Foundation

/// One PostgreSQL connection: the only type (with ``PostgresResult``) that calls libpq's `PQ*` functions.
///
/// Every session runs with `TimeZone=UTC` and `DateStyle=ISO`, so that timestamps come back in one
/// predictable text form. Server notices (`RAISE NOTICE` in a model's functions, "there is no
/// transaction in progress") are dropped rather than written to standard error by libpq, where they
/// would break into Backflow's own output; errors still arrive as ``PostgresError``s, scrubbed of the
/// connection string's passwords. Not `Sendable`: a libpq connection must be used by one thread at a
/// time.
final class PostgresConnection {
    private let handle: OpaquePointer
    /// The connection string, kept only to scrub its passwords from error messages.
    private let conninfo: String

    /// Connects to the server a `postgresql://` URL (or `key=value` string) names. `readOnly` makes
    /// every transaction of the session read-only by default, a second guard besides `BEGIN READ ONLY`.
    /// Error messages never hold the connection string's passwords.
    init(url: String, readOnly: Bool) throws(PostgresError) {
        var options = "-c TimeZone=UTC -c DateStyle=ISO -c IntervalStyle=postgres -c client_min_messages=warning"
        if readOnly { options += " -c default_transaction_read_only=on" }
        let settings = [
            ("dbname", url), ("options", options), ("application_name", "backflow"), ("client_encoding", "UTF8"),
        ]
        let connection = Self.withCStrings(settings.map(\.0)) { keywords in
            Self.withCStrings(settings.map(\.1)) { values in PQconnectdbParams(keywords, values, 1) }
        }
        guard let connection else {
            throw PostgresError(sqlState: nil, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = PostgresURL.scrub(Self.trimmed(PQerrorMessage(connection)), secretsOf: url)
            PQfinish(connection)
            throw PostgresError(sqlState: nil, message: message)
        }
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        handle = connection
        conninfo = url
    }

    deinit {
        PQfinish(handle)
    }

    /// Runs one statement with text-format `parameters` (`$1`, `$2`, ...; nil is SQL NULL) and returns
    /// its whole result.
    @discardableResult
    func execute(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> PostgresResult {
        let result = Self.withOptionalCStrings(parameters) { values in
            PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        return try checked(result)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it (or the commit)
    /// throws, the error passed on as it is.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `sql`, which may hold several statements separated by `;` (no parameters), as one implicit
    /// transaction unless it says otherwise; returns the last statement's result.
    @discardableResult
    func executeScript(_ sql: String) throws(PostgresError) -> PostgresResult {
        try checked(PQexec(handle, sql))
    }

    /// Streams the rows of `sql` (a query without parameters) as `COPY (sql) TO STDOUT` in text format,
    /// each row handed to `visit` as it arrives, its values decoded by `types` (the columns' type OIDs).
    ///
    /// A copy keeps the server working while Backflow builds messages, where a cursor's `FETCH` leaves
    /// one side idle while the other works; memory holds one row at a time. When `visit` throws, the
    /// copy is cancelled and its remaining rows are read and dropped, so the connection stays usable
    /// (its transaction is then aborted and must be rolled back).
    func copyOut(_ sql: String, types: [UInt32], _ visit: (PostgresCopyRow) throws -> Void) throws {
        _ = try checkedCopy(PQexec(handle, "COPY (\(sql)) TO STDOUT"), expecting: PGRES_COPY_OUT)
        var fields: [PostgresCopyRow.Field] = []
        var visitError: (any Error)?
        types.withUnsafeBufferPointer { types in
            while true {
                var buffer: UnsafeMutablePointer<CChar>?
                let length = PQgetCopyData(handle, &buffer, 0)
                guard length > 0, let buffer else { break }
                defer { PQfreemem(buffer) }
                guard visitError == nil else { continue }
                let line = UnsafeBufferPointer(
                    start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self),
                    count: Int(length) - (buffer[Int(length) - 1] == 10 ? 1 : 0))
                PostgresCopyRow.split(line, into: &fields)
                do {
                    try fields.withUnsafeBufferPointer { fields in
                        try visit(PostgresCopyRow(line: line, fields: fields, types: types))
                    }
                } catch {
                    visitError = error
                    cancelRunningQuery()
                }
            }
        }
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            do { _ = try checked(result) } catch { failure = failure ?? error }
        }
        if let visitError { throw visitError }
        if let failure { throw failure }
    }

    /// Runs `sql`, a `COPY … FROM STDIN` in text format, with `rows` as its data, sent a megabyte at a
    /// time. A row the server refuses fails the whole copy, which then loads nothing.
    func copyIn(_ sql: String, _ rows: PostgresCopyRows) throws(PostgresError) {
        _ = try checkedCopy(PQexec(handle, sql), expecting: PGRES_COPY_IN)
        let chunk = 1 << 20
        var sent = true
        rows.bytes.withUnsafeBytes { bytes in
            var start = 0
            while sent, start < bytes.count {
                let end = min(start + chunk, bytes.count)
                let part = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
                sent = PQputCopyData(handle, part.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(part.count)) == 1
                start = end
            }
        }
        let ended = PQputCopyEnd(handle, sent ? nil : "the rows could not be sent") == 1
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            do { _ = try checked(result) } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
        guard sent, ended else { throw PostgresError(sqlState: nil, message: scrubbed(Self.trimmed(PQerrorMessage(handle)))) }
    }

    /// Asks the server to stop the statement running on this connection (its rows still arrive and
    /// must be read).
    private func cancelRunningQuery() {
        guard let cancel = PQgetCancel(handle) else { return }
        var message = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &message, Int32(message.count))
        PQfreeCancel(cancel)
    }

    /// The result of starting a copy; an error when the server answered anything but `status`.
    private func checkedCopy(_ result: OpaquePointer?, expecting status: ExecStatusType) throws(PostgresError) -> PostgresResult {
        if let result, PQresultStatus(result) == status { return PostgresResult(handle: result) }
        return try checked(result)
    }

    /// Parses and plans `sql` as the unnamed prepared statement without running it, and returns the
    /// description of its result: the column names and type OIDs, no rows.
    func describe(_ sql: String) throws(PostgresError) -> PostgresResult {
        _ = try checked(PQprepare(handle, "", sql, 0, nil))
        return try checked(PQdescribePrepared(handle, ""))
    }

    private func checked(_ result: OpaquePointer?) throws(PostgresError) -> PostgresResult {
        guard let result else {
            throw PostgresError(sqlState: nil, message: scrubbed(Self.trimmed(PQerrorMessage(handle))))
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PostgresResult(handle: result)
        default:
            func field(_ code: Character) -> String? {
                PQresultErrorField(result, Int32(code.asciiValue ?? 0)).map { String(cString: $0) }
            }
            let error = PostgresError(
                sqlState: field("C"),
                message: scrubbed(field("M") ?? Self.trimmed(PQresultErrorMessage(result))),
                detail: field("D").map(scrubbed))
            PQclear(result)
            throw error
        }
    }

    private func scrubbed(_ text: String) -> String {
        PostgresURL.scrub(text, secretsOf: conninfo)
    }

    private static func trimmed(_ text: UnsafePointer<CChar>?) -> String {
        guard let text else { return "unknown libpq error" }
        return String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        withOptionalCStrings(strings) { pointers in body(pointers + [nil]) }
    }

    private static func withOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let copies = strings.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        return body(copies.map { $0.map { UnsafePointer($0) } })
    }
}

/// A complete query result held by libpq; cleared when released.
final class PostgresResult {
    private let handle: OpaquePointer

    fileprivate init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        PQclear(handle)
    }

    var rowCount: Int { Int(PQntuples(handle)) }
    var columnCount: Int { Int(PQnfields(handle)) }

    func columnName(at column: Int) -> String {
        PQfname(handle, Int32(column)).map { String(cString: $0) } ?? ""
    }

    /// The OID of the table the column is a plain reference to, 0 when it is computed.
    func tableOID(at column: Int) -> UInt32 {
        UInt32(PQftable(handle, Int32(column)))
    }

    /// The column's number in that table (`pg_attribute.attnum`), 0 when it is computed.
    func tableColumnNumber(at column: Int) -> Int {
        Int(PQftablecol(handle, Int32(column)))
    }

    /// The OID of the column's PostgreSQL type (`pg_type.oid`).
    func typeOID(at column: Int) -> UInt32 {
        UInt32(PQftype(handle, Int32(column)))
    }

    /// The value's text form, nil for SQL NULL.
    func text(row: Int, column: Int) -> String? {
        guard PQgetisnull(handle, Int32(row), Int32(column)) == 0 else { return nil }
        return PQgetvalue(handle, Int32(row), Int32(column)).map { String(cString: $0) }
    }

    /// The value converted by its column's type (see ``PostgresValueDecoder``).
    func value(row: Int, column: Int) -> JSONValue {
        guard let text = text(row: row, column: column) else { return .null }
        return PostgresValueDecoder.value(of: text, typeOID: typeOID(at: column))
    }

    /// The row's values in column order.
    func row(_ row: Int) -> [JSONValue] {
        (0..<columnCount).map { value(row: row, column: $0) }
    }
}

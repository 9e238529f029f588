import CBackflowSQL

/// The SQL functions that let SQLite compute a row's checksum and identifier text as it reads the row,
/// so that unchanged rows are recognised without leaving SQLite. They are written in C
/// (`CBackflowSQL`), since SQLite calls them for every row of a model on every scan and a call into
/// Swift per row cost more than the rest of the scan.
///
/// The checksum (``SQLiteChecksumForm``) hashes the values as SQLite holds them, from a seed that
/// covers the column names. SQLite limits a function call to 127 arguments, so a wide row is hashed in
/// chunks: `backflow_checksum_close(backflow_checksum_fold(backflow_checksum_fold(seed, v1, ...), ...))`;
/// a narrow one in a single `backflow_checksum(seed, v1, ...)`. The identifier text is byte for byte
/// ``ModelRecord/idText(of:)`` of the value Swift reads.
enum RecordChecksumFunctions {
    static let checksum = BACKFLOW_CHECKSUM_FUNCTION
    static let fold = BACKFLOW_CHECKSUM_FOLD_FUNCTION
    static let close = BACKFLOW_CHECKSUM_CLOSE_FUNCTION
    static let recordID = BACKFLOW_RECORD_ID_FUNCTION
    static let rowNumber = BACKFLOW_ROW_NUMBER_FUNCTION
    static let idKind = BACKFLOW_ID_KIND_FUNCTION

    /// Column values hashed by one call, within SQLite's 127-argument limit.
    static let valuesPerCall = Int(BACKFLOW_CHECKSUM_VALUES_PER_CALL)

    /// Defines the functions on `connection`; `rowNumber` counts in `rowCounter`, which the caller resets
    /// before each scan.
    static func define(on connection: SQLiteConnection, rowCounter: RowCounter) throws(SQLiteError) {
        try connection.defineRecordFunctions(rowCounter: rowCounter)
    }

    /// The SQL expression of a row's checksum over `columns` (name, SQL expression reading it), taken
    /// in the order a row's object keeps them, JavaScript's (as ``ModelRecord/checksum`` takes them).
    static func checksumExpression(_ columns: [(name: String, expression: String)]) -> String {
        // The order and seed of a row's checksum are ``RowChecksum``'s, so that both forms hash alike.
        let form = RowChecksum(columnNames: columns.map(\.name))
        let seed = sqlInteger(form.seed)
        let values = form.columns.map { columns[Int($0)].expression }
        guard values.count > valuesPerCall else { return "\(checksum)(\(([seed] + values).joined(separator: ", ")))" }
        var state = seed
        for start in stride(from: 0, to: values.count, by: valuesPerCall) {
            let chunk = values[start..<min(start + valuesPerCall, values.count)]
            state = "\(fold)(\(([state] + chunk).joined(separator: ", ")))"
        }
        return "\(close)(\(state))"
    }

    /// How the checksum of a row is computed from the values read for the row
    /// (``SQLiteStatement/rowValues(layout:checksum:)``) where the query need not call the checksum
    /// functions: the same text, without SQLite reading every column a second time as their arguments.
    struct RowChecksum {
        let seed: UInt64
        /// The row's result columns, in the order their values are hashed.
        let columns: [Int32]

        /// The checksum of rows whose result columns are `columnNames`, as ``checksumExpression(_:)``
        /// of the same columns computes it.
        init(columnNames: [String]) {
            let ordered = JavaScriptPropertyOrder.ordered(Array(columnNames.enumerated()), by: \.element)
            seed = RecordChecksumFunctions.seed(names: ordered.map(\.element))
            columns = ordered.map { Int32($0.offset) }
        }
    }

    /// The seed of the checksums of rows with the columns `names`, in the order their values are hashed:
    /// `backflow_hash64` from 0 over each name's UTF-8 byte count (4 bytes, little-endian) and bytes.
    static func seed(names: [String]) -> UInt64 {
        var signature: [UInt8] = []
        for name in names {
            let bytes = Array(name.utf8)
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: bytes.count).littleEndian) { signature += $0 }
            signature += bytes
        }
        return signature.withUnsafeBytes { backflow_hash64($0.baseAddress, $0.count, 0) }
    }

    /// `number` as an SQL integer literal of the same 64 bits (hex, which SQLite reads as two's
    /// complement, so that no value needs a sign).
    static func sqlInteger(_ number: UInt64) -> String {
        StableHash.hex(number, prefix: "0x")
    }

    /// `text` as a SQL string literal.
    static func sqlText(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}

/// Numbers the rows of one model result as SQLite produces them (1, 2, ...), for problem reports: the
/// count `backflow_row_number()` keeps, in memory of its own so that C can update it without calling
/// back into Swift.
final class RowCounter {
    let storage: UnsafeMutablePointer<BackflowRowCounter>

    init() {
        storage = .allocate(capacity: 1)
        storage.initialize(to: BackflowRowCounter(last: 0))
    }

    deinit {
        storage.deallocate()
    }

    func reset() { storage.pointee.last = 0 }

    /// The rows counted since the last reset.
    var count: Int { Int(storage.pointee.last) }
}

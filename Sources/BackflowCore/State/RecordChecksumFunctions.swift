import CBackflowSQL

/// The SQL functions that let SQLite compute, row by row, the same checksum and identifier text that
/// ``ModelRecord`` computes in Swift, so that unchanged rows are recognised without leaving SQLite.
/// They are written in C (`CBackflowSQL`), since SQLite calls them for every row of a model on every
/// scan and a call into Swift per row cost more than the rest of the scan.
///
/// The checksum is FNV-1a over the compact JSON of the row's columns, which can be hashed piece by
/// piece. SQLite limits a function call to 127 arguments, so a wide row is hashed in chunks:
/// `backflow_checksum_close(backflow_checksum_fold(backflow_checksum_fold(NULL, n1, v1, ...), ...))`;
/// a narrow one in a single `backflow_checksum(n1, v1, ...)`.
enum RecordChecksumFunctions {
    static let checksum = BACKFLOW_CHECKSUM_FUNCTION
    static let fold = BACKFLOW_CHECKSUM_FOLD_FUNCTION
    static let close = BACKFLOW_CHECKSUM_CLOSE_FUNCTION
    static let recordID = BACKFLOW_RECORD_ID_FUNCTION
    static let rowNumber = BACKFLOW_ROW_NUMBER_FUNCTION
    static let idKind = BACKFLOW_ID_KIND_FUNCTION

    /// Column name/value pairs hashed by one call, within SQLite's 127-argument limit.
    static let pairsPerCall = Int(BACKFLOW_CHECKSUM_PAIRS_PER_CALL)

    /// Defines the functions on `connection`; `rowNumber` counts in `rowCounter`, which the caller resets
    /// before each scan.
    static func define(on connection: SQLiteConnection, rowCounter: RowCounter) throws(SQLiteError) {
        try connection.defineRecordFunctions(rowCounter: rowCounter)
    }

    /// The SQL expression of a row's checksum over `columns` (name, SQL expression reading it), taken
    /// in the order ``ModelRecord/checksum`` writes them: a row's object keeps JavaScript's order.
    static func checksumExpression(_ columns: [(name: String, expression: String)]) -> String {
        let pairs = JavaScriptPropertyOrder.ordered(columns, by: \.name).map { "\(sqlText($0.name)), \($0.expression)" }
        guard pairs.count > pairsPerCall else { return "\(checksum)(\(pairs.joined(separator: ", ")))" }
        var state = "NULL"
        for start in stride(from: 0, to: pairs.count, by: pairsPerCall) {
            let chunk = pairs[start..<min(start + pairsPerCall, pairs.count)]
            state = "\(fold)(\(state), \(chunk.joined(separator: ", ")))"
        }
        return "\(close)(\(state))"
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

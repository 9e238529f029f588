/// The SQL functions that let SQLite compute, row by row, the same checksum and identifier text that
/// ``ModelRecord`` computes in Swift, so that unchanged rows are recognised without leaving SQLite.
///
/// The checksum is FNV-1a over the compact JSON of the row's columns, which can be hashed piece by
/// piece. SQLite limits a function call to 127 arguments, so a wide row is hashed in chunks:
/// `backflow_checksum_close(backflow_checksum_fold(backflow_checksum_fold(NULL, n1, v1, ...), ...))`;
/// a narrow one in a single `backflow_checksum(n1, v1, ...)`.
enum RecordChecksumFunctions {
    static let checksum = "backflow_checksum"
    static let fold = "backflow_checksum_fold"
    static let close = "backflow_checksum_close"
    static let recordID = "backflow_record_id"
    static let rowNumber = "backflow_row_number"

    /// Column name/value pairs hashed by one call, within SQLite's 127-argument limit.
    static let pairsPerCall = 60

    /// Defines the functions on `connection`; `rowNumber` numbers the rows of a model result, and is
    /// reset by the caller before each scan.
    static func define(on connection: SQLiteConnection, rowCounter: RowCounter) throws(SQLiteError) {
        try connection.defineRawFunction(named: checksum, argumentCount: -1, deterministic: true) { arguments in
            closeHash(foldPairs(nil, arguments, from: 0))
        }
        try connection.defineRawFunction(named: fold, argumentCount: -1, deterministic: true) { arguments in
            guard arguments.count > 0 else { return nil }
            return StableHash.hex(foldPairs(hashState(arguments[0]), arguments, from: 1))
        }
        try connection.defineFunction(named: close, argumentCount: 1, deterministic: true) { arguments in
            hashState(arguments[0]).map(closeHash)
        }
        try connection.defineFunction(named: recordID, argumentCount: 1, deterministic: true) { arguments in
            ModelRecord.idText(of: arguments[0])
        }
        try connection.defineFunction(named: rowNumber, argumentCount: 0, deterministic: false) { _ in
            String(rowCounter.next())
        }
    }

    /// The SQL expression of a row's checksum over `columns` (name, SQL expression reading it).
    static func checksumExpression(_ columns: [(name: String, expression: String)]) -> String {
        let pairs = columns.map { "\(sqlText($0.name)), \($0.expression)" }
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

    /// Continues the hash of `{"n1":v1,"n2":v2...` with the pairs from argument `start` on; nil starts
    /// a new object. Runs for every row of a model on every scan, so the pairs are written into one
    /// byte buffer, values straight from SQLite's, and hashed once.
    private static func foldPairs(_ state: UInt64?, _ arguments: SQLFunctionArguments, from start: Int) -> UInt64 {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        bytes.append(state == nil ? UInt8(ascii: "{") : UInt8(ascii: ","))
        var index = start
        while index + 1 < arguments.count {
            if index != start { bytes.append(UInt8(ascii: ",")) }
            let name = arguments[index]
            if case .string(let text) = name {
                JSONWriter.writeString(text, into: &bytes)
            } else {
                JSONWriter.writeString(JSONWriter.compact(name), into: &bytes)
            }
            bytes.append(UInt8(ascii: ":"))
            arguments.writeJSON(at: index + 1, into: &bytes)
            index += 2
        }
        return StableHash.fnv1a64(bytes, seed: state ?? StableHash.offsetBasis)
    }

    private static func closeHash(_ state: UInt64) -> String {
        StableHash.hex(StableHash.fnv1a64("}", seed: state))
    }

    private static func hashState(_ value: JSONValue) -> UInt64? {
        guard case .string(let hex) = value else { return nil }
        return UInt64(hex, radix: 16)
    }
}

/// Numbers the rows of one model result as SQLite produces them (1, 2, ...), for problem reports.
final class RowCounter {
    private var current = 0

    func reset() { current = 0 }

    func next() -> Int {
        current += 1
        return current
    }
}

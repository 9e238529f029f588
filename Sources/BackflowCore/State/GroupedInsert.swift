/// Inserts rows in groups of ``rowsPerStatement``, one multi-row `INSERT` a group: a statement's
/// start and finish (reset, opening the table's cursors) cost more than inserting one row.
///
/// Both of its statements, the full group's and the one-row statement that stores the rows of a last,
/// smaller group one by one, are kept prepared by the database (``StateDatabase/keptStatement(_:sql:)``)
/// for the life of its connection: preparing a group's 640-parameter `INSERT` costs as much as inserting
/// a hundred rows, and a sync runs one of these inserts in every transaction it commits.
///
/// The caller holds the transaction.
struct GroupedInsert<Row> {
    /// Appends `row`'s values to `values`, one per column, in order.
    typealias Binder = (_ row: borrowing Row, _ values: inout SQLiteBoundValues) -> Void

    static var rowsPerStatement: Int { 64 }

    private let database: StateDatabase
    private let head: String
    private let width: Int
    private let bind: Binder
    private var values = SQLiteBoundValues()

    /// - Parameter head: the statement up to `VALUES`, as `INSERT INTO t (a, b) VALUES`, naming
    ///   `columns` columns.
    init(_ head: String, columns: Int, database: StateDatabase, bind: @escaping Binder) {
        self.head = head
        width = columns
        self.database = database
        self.bind = bind
    }

    /// Stores `rows`: full groups by the group's statement, the rows left over one by one.
    ///
    /// The rows are bound where they are in `rows`: gathered into a group of their own first, every
    /// string and array they held was retained and released once more (2% of a whole-row sync's
    /// instructions, state and log writes together).
    mutating func insert(_ rows: [Row]) throws(StateError) {
        try rows.withUnsafeBufferPointer { (rows) throws(StateError) in
            let group = Self.rowsPerStatement
            var start = 0
            if rows.count >= group {
                let statement = try statement(rows: group)
                while rows.count - start >= group {
                    try run(statement, rows[start..<start + group])
                    start += group
                }
            }
            guard start < rows.count else { return }
            let single = try statement(rows: 1)
            for index in start..<rows.count { try run(single, rows[index..<index + 1]) }
        }
    }

    private mutating func run(
        _ statement: SQLiteStatement, _ rows: Slice<UnsafeBufferPointer<Row>>
    ) throws(StateError) {
        values.removeAll()
        // Through the pointer: the slice's subscript hands out a copy of the row, retaining each string
        // it holds, that the binder (which borrows) does not need.
        let first = rows.base.baseAddress! + rows.startIndex
        for offset in 0..<rows.count { bind(first[offset], &values) }
        assert(values.count == width * rows.count, "a row of \(head) bound another number of values than its columns")
        let values = values
        try database.storage { () throws(SQLiteError) in try values.run(statement) }
    }

    private func statement(rows: Int) throws(StateError) -> SQLiteStatement {
        try database.keptStatement("\(rows) \(head)") {
            let placeholders = "(" + repeatElement("?", count: width).joined(separator: ", ") + ")"
            return head + " " + repeatElement(placeholders, count: rows).joined(separator: ", ")
        }
    }
}

/// Inserts rows in groups of ``rowsPerStatement``, one multi-row `INSERT` a group: a statement's
/// start and finish (reset, clearing the bindings, opening the table's cursors) cost more than
/// inserting one row. The statement of a full group is prepared once.
///
/// The caller holds the transaction, and calls ``flush()`` to store the rows of a last, smaller group.
struct GroupedInsert<Row> {
    /// Binds `row`'s values to `statement`'s parameters from `first` on, one per column, in order.
    typealias Binder = (_ row: Row, _ statement: SQLiteStatement, _ first: Int) throws(SQLiteError) -> Void

    static var rowsPerStatement: Int { 64 }

    private let database: StateDatabase
    private let head: String
    private let placeholders: String
    private let width: Int
    private let bind: Binder
    private var fullGroup: SQLiteStatement?
    private var pending: [Row] = []

    /// - Parameter head: the statement up to `VALUES`, as `INSERT INTO t (a, b) VALUES`, naming
    ///   `columns` columns.
    init(_ head: String, columns: Int, database: StateDatabase, bind: @escaping Binder) {
        self.head = head
        width = columns
        placeholders = "(" + repeatElement("?", count: columns).joined(separator: ", ") + ")"
        self.database = database
        self.bind = bind
        pending.reserveCapacity(Self.rowsPerStatement)
    }

    mutating func add(_ row: Row) throws(StateError) {
        pending.append(row)
        if pending.count == Self.rowsPerStatement { try flush() }
    }

    /// Stores the rows added since the last flush.
    mutating func flush() throws(StateError) {
        guard !pending.isEmpty else { return }
        let statement: SQLiteStatement
        if pending.count == Self.rowsPerStatement {
            if fullGroup == nil { fullGroup = try database.prepare(sql(rows: pending.count)) }
            statement = fullGroup!
        } else {
            statement = try database.prepare(sql(rows: pending.count))
        }
        let (rows, width, bind) = (pending, width, bind)
        try database.storage { () throws(SQLiteError) in
            try statement.reset()
            for (index, row) in rows.enumerated() { try bind(row, statement, width * index + 1) }
            while try statement.step() {}
        }
        pending.removeAll(keepingCapacity: true)
    }

    private func sql(rows: Int) -> String {
        head + " " + repeatElement(placeholders, count: rows).joined(separator: ", ")
    }
}

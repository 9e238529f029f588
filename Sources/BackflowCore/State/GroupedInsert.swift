/// Inserts rows in groups of ``rowsPerStatement``, one multi-row `INSERT` a group: a statement's
/// start and finish (reset, opening the table's cursors) cost more than inserting one row.
///
/// Both of its statements, the full group's and the one-row statement that stores the rows of a last,
/// smaller group one by one, are kept prepared by the database (``StateDatabase/keptStatement(_:sql:)``)
/// for the life of its connection: preparing a group's 640-parameter `INSERT` costs as much as inserting
/// a hundred rows, and a sync runs one of these inserts in every transaction it commits.
///
/// The caller holds the transaction, and calls ``flush()`` to store the rows of a last, smaller group.
struct GroupedInsert<Row> {
    /// Appends `row`'s values to `values`, one per column, in order.
    typealias Binder = (_ row: Row, _ values: inout SQLiteBoundValues) -> Void

    static var rowsPerStatement: Int { 64 }

    private let database: StateDatabase
    private let head: String
    private let width: Int
    private let bind: Binder
    private var pending: [Row] = []
    private var values = SQLiteBoundValues()

    /// - Parameter head: the statement up to `VALUES`, as `INSERT INTO t (a, b) VALUES`, naming
    ///   `columns` columns.
    init(_ head: String, columns: Int, database: StateDatabase, bind: @escaping Binder) {
        self.head = head
        width = columns
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
        if pending.count == Self.rowsPerStatement {
            try run(statement(rows: pending.count), pending)
        } else {
            let single = try statement(rows: 1)
            for row in pending { try run(single, CollectionOfOne(row)) }
        }
        pending.removeAll(keepingCapacity: true)
    }

    private mutating func run(_ statement: SQLiteStatement, _ rows: some Collection<Row>) throws(StateError) {
        values.removeAll()
        for row in rows { bind(row, &values) }
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

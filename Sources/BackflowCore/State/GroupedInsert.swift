/// Inserts rows in groups of ``rowsPerStatement``, one multi-row `INSERT` a group: a statement's
/// start and finish (reset, clearing the bindings, opening the table's cursors) cost more than
/// inserting one row. The statement of a full group is prepared once.
///
/// The caller holds the transaction, and calls ``flush()`` to store the rows of a last, smaller group.
struct GroupedInsert<Row> {
    /// Appends `row`'s values to `values`, one per column, in order.
    typealias Binder = (_ row: Row, _ values: inout SQLiteBoundValues) -> Void

    static var rowsPerStatement: Int { 64 }

    private let database: StateDatabase
    private let head: String
    private let placeholders: String
    private let width: Int
    private let bind: Binder
    private var fullGroup: SQLiteStatement?
    private var pending: [Row] = []
    private var values = SQLiteBoundValues()

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
        values.removeAll()
        for row in pending { bind(row, &values) }
        assert(values.count == width * pending.count, "a row of \(head) bound another number of values than its columns")
        let values = values
        try database.storage { () throws(SQLiteError) in try values.run(statement) }
        pending.removeAll(keepingCapacity: true)
    }

    private func sql(rows: Int) -> String {
        head + " " + repeatElement(placeholders, count: rows).joined(separator: ", ")
    }
}

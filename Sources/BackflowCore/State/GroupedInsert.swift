/// Inserts rows in groups of up to ``rowsPerStatement``, one multi-row `INSERT` a group: a statement's
/// start and finish (reset, opening the table's cursors) cost more than inserting one row.
///
/// A column's value in each row is the row's own, bound row by row; one value shared by every row of
/// an ``insert(_:sharing:)``, bound once a statement (``Column/shared(_:)``); or NULL, written into the
/// statement. Binding is not free: the ten values a row of a sync's run log bound were 44% of what its
/// writes cost. The log now binds a record's two ids row by row, and the run, change, outcome, batch
/// and time once for a batch of records.
///
/// The rows go in groups of 64, then of the largest power of two left (32, 16, … 1), so that the rows
/// of a last, smaller group take a few statements rather than one each. Every group size's statement
/// is kept prepared by the database (``StateDatabase/keptStatement(_:sql:)``) for the life of its
/// connection: preparing a full group's `INSERT` costs as much as inserting a hundred rows, and a
/// sync runs these inserts in every transaction it commits.
///
/// The caller holds the transaction.
struct GroupedInsert<Row> {
    /// Appends `row`'s own values to `values`, one per ``Column/own`` column, in order.
    typealias Binder = (_ row: borrowing Row, _ values: inout SQLiteBoundValues) -> Void

    /// Where each row's value of a column comes from.
    enum Column: Equatable {
        /// The row's own, appended by the ``Binder``.
        case own
        /// The `number`th (from 1) of the values an insert's `sharing` closure appends.
        case shared(Int)
        /// NULL in every row.
        case null
    }

    static var rowsPerStatement: Int { 64 }

    private let database: StateDatabase
    private let head: String
    private let columns: [Column]
    private let sharedCount: Int
    private let ownCount: Int
    /// The columns' sources in a word each, for the keys the statements are kept by.
    private let signature: String
    private let bind: Binder
    private var values = SQLiteBoundValues()

    /// - Parameter head: the statement up to `VALUES`, as `INSERT INTO t (a, b) VALUES`, naming one
    ///   column for each of `columns`.
    init(_ head: String, columns: [Column], database: StateDatabase, bind: @escaping Binder) {
        self.head = head
        self.columns = columns
        sharedCount = columns.reduce(0) { count, column in
            if case .shared(let number) = column { max(count, number) } else { count }
        }
        ownCount = columns.count(where: { $0 == .own })
        signature = columns.map { column in
            switch column {
            case .own: "own"
            case .shared(let number): "shared\(number)"
            case .null: "null"
            }
        }.joined(separator: " ")
        self.database = database
        self.bind = bind
    }

    /// An insert whose `columns` columns are each row's own.
    init(_ head: String, columns: Int, database: StateDatabase, bind: @escaping Binder) {
        self.init(head, columns: Array(repeating: .own, count: columns), database: database, bind: bind)
    }

    /// Stores `rows`, in order, with the ``Column/shared(_:)`` values that `share` appends, in order.
    mutating func insert(_ rows: [Row], sharing share: (inout SQLiteBoundValues) -> Void = { _ in })
        throws(StateError)
    {
        try rows.withUnsafeBufferPointer { (rows) throws(StateError) in try insert(rows[...], sharing: share) }
    }

    /// Stores `rows`, part of a buffer, in order, with the shared values that `share` appends.
    ///
    /// The rows are bound where they are in `rows`: gathered into a group of their own first, every
    /// string and array they held was retained and released once more (2% of a whole-row sync's
    /// instructions, state and log writes together).
    mutating func insert(
        _ rows: Slice<UnsafeBufferPointer<Row>>, sharing share: (inout SQLiteBoundValues) -> Void = { _ in }
    ) throws(StateError) {
        var start = rows.startIndex
        var last: (rows: Int, statement: SQLiteStatement)?
        while start < rows.endIndex {
            let left = rows.endIndex - start
            let size = min(Self.rowsPerStatement, 1 << (Int.bitWidth - 1 - left.leadingZeroBitCount))
            let statement: SQLiteStatement
            if let last, last.rows == size {
                statement = last.statement
            } else {
                statement = try self.statement(rows: size)
            }
            last = (size, statement)
            try run(statement, rows[start..<start + size], share)
            start += size
        }
    }

    private mutating func run(
        _ statement: SQLiteStatement, _ rows: Slice<UnsafeBufferPointer<Row>>,
        _ share: (inout SQLiteBoundValues) -> Void
    ) throws(StateError) {
        values.removeAll()
        share(&values)
        assert(values.count == sharedCount, "\(head) was given another number of shared values than it uses")
        // Through the pointer: the slice's subscript hands out a copy of the row, retaining each string
        // it holds, that the binder (which borrows) does not need.
        let first = rows.base.baseAddress! + rows.startIndex
        for offset in 0..<rows.count { bind(first[offset], &values) }
        assert(
            values.count == sharedCount + ownCount * rows.count,
            "a row of \(head) bound another number of values than its own columns")
        let values = values
        try database.storage { () throws(SQLiteError) in try values.run(statement) }
    }

    /// The key the database keeps the statement of `rows` rows by.
    func statementKey(rows: Int) -> String {
        "\(rows) \(head) \(signature)"
    }

    private func statement(rows: Int) throws(StateError) -> SQLiteStatement {
        try database.keptStatement(statementKey(rows: rows)) {
            // The shared values are parameters 1 … sharedCount; the rows' own follow, row by row.
            var parameter = sharedCount
            let groups = (0..<rows).map { _ in
                let values = columns.map { column in
                    switch column {
                    case .own:
                        parameter += 1
                        return "?\(parameter)"
                    case .shared(let number): return "?\(number)"
                    case .null: return "NULL"
                    }
                }
                return "(" + values.joined(separator: ", ") + ")"
            }
            return head + " " + groups.joined(separator: ", ")
        }
    }
}

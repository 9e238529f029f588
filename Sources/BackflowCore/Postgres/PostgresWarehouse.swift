/// A warehouse in a PostgreSQL database, reached through libpq.
///
/// A model is classified before anything of it runs (``describe(_:)``): screened as text, then prepared
/// and described by the server. It runs inside `BEGIN READ ONLY`, always rolled back, on a session whose
/// transactions are read-only by default, so a query that would write fails in PostgreSQL itself and is
/// reported as ``WarehouseError/writesToDatabase(model:)``. The query runs wrapped as
/// `SELECT * FROM (<query>) AS backflow_model`; whole results are streamed as a `COPY … TO STDOUT`, a row
/// at a time. Not `Sendable`: use one instance from one task at a time.
public final class PostgresWarehouse: Warehouse {
    /// The connection URL without its password, for messages.
    public let server: String
    private let connection: PostgresConnection
    private var typeNames: [UInt32: String] = [:]

    private init(server: String, connection: PostgresConnection) {
        self.server = server
        self.connection = connection
    }

    /// Connects to the database a `postgresql://user:password@host:port/database` URL names (the value
    /// of the workspace's secret). Neither the error nor ``server`` holds the password.
    public static func connect(url: String) throws(WarehouseError) -> PostgresWarehouse {
        let server = PostgresURL.redacted(url)
        do {
            return PostgresWarehouse(server: server, connection: try PostgresConnection(url: url, readOnly: true))
        } catch {
            throw .cannotConnect(server: server, reason: error)
        }
    }

    public func columns(of model: ModelDefinition) throws(WarehouseError) -> [ModelColumn] {
        try typed(model) {
            try readOnly(model) { () throws(WarehouseError) in
                let description = try describe(model)
                return try (0..<description.columnCount).map { (index) throws(WarehouseError) in
                    let type = try typeName(of: description.typeOID(at: index), model)
                    return ModelColumn(name: description.columnName(at: index), type: type, kind: ColumnKind(typeName: type))
                }
            }
        }
    }

    public func preview(of model: ModelDefinition, limit: Int) throws(WarehouseError) -> ModelPreview {
        let columns = try columns(of: model)
        return try typed(model) {
            try readOnly(model) { () throws(WarehouseError) in
                var assembler = try RecordAssembler(model: model, columnNames: try describe(model).names)
                let result = try run(wrapped(model, "LIMIT $1"), [String(max(0, limit))], model)
                var records: [ModelRecord] = []
                var problems: [RecordProblem] = []
                for row in 0..<result.rowCount {
                    switch assembler.assemble(result.row(row)) {
                    case .record(let record): records.append(record)
                    case .problem(let problem): problems.append(problem)
                    }
                }
                return ModelPreview(columns: columns, records: records, problems: problems)
            }
        }
    }

    public func record(of model: ModelDefinition, id: String) throws(WarehouseError) -> ModelRecord? {
        try typed(model) {
            try readOnly(model) { () throws(WarehouseError) in
                var assembler = try RecordAssembler(model: model, columnNames: try describe(model).names)
                let column = Self.quotedIdentifier(model.idColumn)
                let result = try run(
                    wrapped(model, "WHERE (backflow_model.\(column))::text = $1 LIMIT 1"), [id], model)
                guard result.rowCount > 0, case .record(let record) = assembler.assemble(result.row(0)) else {
                    return nil
                }
                return record
            }
        }
    }

    public func forEachRecord(
        of model: ModelDefinition,
        problem: (RecordProblem) throws -> Void,
        record: (ModelRecord) throws -> Void
    ) throws {
        try readOnly(model) {
            var assembler = try RecordAssembler(model: model, columnNames: try describe(model).names)
            try stream(wrapped(model), model) { row in
                switch assembler.assemble(row.values()) {
                case .record(let row): try record(row)
                case .problem(let row): try problem(row)
                }
            }
        }
    }

    public func count(of model: ModelDefinition) throws(WarehouseError) -> Int {
        try typed(model) {
            try readOnly(model) { () throws(WarehouseError) in
                _ = try describe(model)
                let result = try run(wrapped(model, selecting: "count(*)"), [], model)
                guard result.rowCount > 0, case .integer(let count) = result.value(row: 0, column: 0) else { return 0 }
                return Int(count)
            }
        }
    }

    /// What the connected role could do beyond reading `model` (see ``PostgresRoleFinding``), for
    /// `backflow check`. The model is classified first and never run.
    public func roleFindings(for model: ModelDefinition) throws(WarehouseError) -> [PostgresRoleFinding] {
        try typed(model) { try readOnly(model) { _ = try describe(model) } }
        do {
            return try PostgresRoleAudit(connection: connection).findings(for: model)
        } catch {
            throw .serverQueryFailed(model: model.name, reason: error)
        }
    }

    // MARK: Running model queries (shared with PostgresChangeTracker)

    /// The model's statement as a subquery named `backflow_model`, `clause` following it.
    func wrapped(_ model: ModelDefinition, _ clause: String = "", selecting selection: String = "*") -> String {
        "SELECT \(selection) FROM (\n\(model.statement)\n) AS backflow_model \(clause)"
    }

    /// Runs `body` inside a read-only transaction that always ends in `ROLLBACK`: a model only reads,
    /// so whatever a function might have done inside the transaction is undone rather than kept.
    /// `repeatableRead` makes several queries see one snapshot.
    func readOnly<T>(_ model: ModelDefinition, repeatableRead: Bool = false, _ body: () throws -> T) throws -> T {
        try run(repeatableRead ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN READ ONLY", [], model)
        defer { _ = try? connection.execute("ROLLBACK") }
        return try body()
    }

    /// Classifies the model inside the current transaction without running it, and returns its result
    /// description (column names and types). The text is screened first (``PostgresModelScreen``); then
    /// the wrapped query is only prepared and described, never executed. A statement PostgreSQL cannot
    /// nest as a subquery is prepared alone, still never executed: when it parses, it is one that
    /// writes (a data-modifying `WITH`, `SELECT … INTO`); when it does not, PostgreSQL's own error says
    /// why.
    func describe(_ model: ModelDefinition) throws(WarehouseError) -> PostgresResult {
        if let refusal = PostgresModelScreen.refusal(of: model) { throw refusal }
        do {
            return try connection.describe(wrapped(model))
        } catch let wrappedError {
            if wrappedError.isReadOnlyViolation { throw .writesToDatabase(model: model.name) }
            let notASubquery = [PostgresError.State.syntaxError, PostgresError.State.featureNotSupported]
            guard notASubquery.contains(wrappedError.sqlState ?? "") else {
                throw .serverQueryFailed(model: model.name, reason: wrappedError)
            }
            try run("ROLLBACK", [], model)
            try run("BEGIN READ ONLY", [], model)
            do {
                _ = try connection.describe(model.statement)
            } catch {
                throw .serverQueryFailed(model: model.name, reason: error)
            }
            throw .writesToDatabase(model: model.name)
        }
    }

    /// Runs one statement of the model's transaction, mapping PostgreSQL's read-only refusal to
    /// ``WarehouseError/writesToDatabase(model:)``.
    @discardableResult
    func run(_ sql: String, _ parameters: [String?], _ model: ModelDefinition) throws(WarehouseError) -> PostgresResult {
        do {
            return try connection.execute(sql, parameters)
        } catch {
            throw Self.failure(error, model)
        }
    }

    /// PostgreSQL's read-only refusal as ``WarehouseError/writesToDatabase(model:)``, any other error as
    /// the model's query failing.
    private static func failure(_ error: PostgresError, _ model: ModelDefinition) -> WarehouseError {
        error.isReadOnlyViolation ? .writesToDatabase(model: model.name) : .serverQueryFailed(model: model.name, reason: error)
    }

    /// Streams the rows of `sql` (no parameters) in the current transaction, as a copy (see
    /// ``PostgresConnection/copyOut(_:types:_:)``): the statement is described first for its types.
    func stream(_ sql: String, _ model: ModelDefinition, _ visit: (PostgresCopyRow) throws -> Void) throws {
        do {
            let description = try connection.describe(sql)
            try connection.copyOut(sql, types: (0..<description.columnCount).map(description.typeOID(at:)), visit)
        } catch let error as PostgresError {
            throw Self.failure(error, model)
        }
    }

    /// The type's name as `pg_type` spells it (`int8`, `timestamptz`), arrays as `<element>[]`.
    private func typeName(of oid: UInt32, _ model: ModelDefinition) throws(WarehouseError) -> String {
        if let known = typeNames[oid] { return known }
        let result = try run(
            """
            SELECT CASE WHEN t.typcategory = 'A' AND e.oid IS NOT NULL THEN e.typname || '[]' ELSE t.typname END
            FROM pg_catalog.pg_type t LEFT JOIN pg_catalog.pg_type e ON e.oid = t.typelem
            WHERE t.oid = $1::oid
            """, [String(oid)], model)
        let name = result.rowCount > 0 ? result.text(row: 0, column: 0) ?? "" : ""
        typeNames[oid] = name
        return name
    }

    /// Runs a body that can throw only ``WarehouseError``s, restoring the typed error.
    private func typed<T>(_ model: ModelDefinition, _ body: () throws -> T) throws(WarehouseError) -> T {
        do {
            return try body()
        } catch let error as WarehouseError {
            throw error
        } catch {
            throw .serverQueryFailed(model: model.name, reason: PostgresError(sqlState: nil, message: "\(error)"))
        }
    }

    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension PostgresResult {
    /// The result's column names in order.
    var names: [String] { (0..<columnCount).map(columnName(at:)) }
}

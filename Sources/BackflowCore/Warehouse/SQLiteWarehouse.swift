import Foundation

/// A warehouse in an existing SQLite file, opened read-only.
///
/// Every model query is checked before it runs: it must be one statement, must not write
/// (`sqlite3_stmt_readonly`) and must return rows; the connection itself is read-only and `query_only`
/// as well. The query then runs wrapped as `SELECT * FROM (<query>) AS backflow_model`.
/// Not `Sendable`: use one instance from one task at a time.
public final class SQLiteWarehouse: Warehouse {
    /// Rows read at most when a column's type must be inferred from its values.
    static let typeInferenceRowLimit = 100

    public let path: String
    private let connection: SQLiteConnection

    public init(path: String) throws(WarehouseError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .notFound(path: path) }
        do {
            connection = try SQLiteConnection(path: path, mode: .readOnly)
        } catch {
            throw .cannotOpen(path: path, reason: error)
        }
        self.path = path
    }

    public func columns(of model: ModelDefinition) throws(WarehouseError) -> [ModelColumn] {
        let statement = try connection.prepareModelQuery(model)
        let names = (0..<statement.columnCount).map(statement.columnName(at:))
        var types = (0..<statement.columnCount).map { statement.declaredType(at: $0) ?? "" }
        var rowsRead = 0
        while types.contains(""), rowsRead < Self.typeInferenceRowLimit, try step(statement, model) {
            rowsRead += 1
            for index in types.indices where types[index].isEmpty {
                types[index] = statement.storageClass(at: index) ?? ""
            }
        }
        return zip(names, types).map { ModelColumn(name: $0, type: $1, kind: ColumnKind(typeName: $1)) }
    }

    public func preview(of model: ModelDefinition, limit: Int) throws(WarehouseError) -> ModelPreview {
        let columns = try columns(of: model)
        let statement = try connection.prepareModelQuery(model, around: "LIMIT ?")
        try bind(statement, [.integer(Int64(max(0, limit)))], model)
        var records: [ModelRecord] = []
        var problems: [RecordProblem] = []
        try visitRows(of: statement, model) { row in
            switch row {
            case .record(let record): records.append(record)
            case .problem(let problem): problems.append(problem)
            }
        }
        return ModelPreview(columns: columns, records: records, problems: problems)
    }

    public func record(of model: ModelDefinition, id: String) throws(WarehouseError) -> ModelRecord? {
        // Checked first: without the column, the filter below would fail with SQLite's "no such column".
        _ = try assembler(for: connection.prepareModelQuery(model), model)
        let column = Self.quotedIdentifier(model.idColumn)
        let statement = try connection.prepareModelQuery(model, around: "WHERE CAST(\(column) AS TEXT) = ?1 OR \(column) = ?2")
        try bind(statement, [.string(id), Self.numericForm(of: id)], model)
        var found: ModelRecord?
        try visitRows(of: statement, model) { row in
            if found == nil, case .record(let record) = row, record.id == id { found = record }
        }
        return found
    }

    public func forEachRecord(
        of model: ModelDefinition,
        problem: (RecordProblem) throws -> Void,
        record: (ModelRecord) throws -> Void
    ) throws {
        let statement = try connection.prepareModelQuery(model)
        var assembler = try assembler(for: statement, model)
        while try step(statement, model) {
            switch assembler.assemble(statement.row()) {
            case .record(let row): try record(row)
            case .problem(let row): try problem(row)
            }
        }
    }

    public func count(of model: ModelDefinition) throws(WarehouseError) -> Int {
        let statement = try connection.prepareModelQuery(model, selecting: "count(*)")
        guard try step(statement, model), case .integer(let count) = statement.value(at: 0) else { return 0 }
        return Int(count)
    }

    // MARK: Running model queries

    private func assembler(for statement: SQLiteStatement, _ model: ModelDefinition) throws(WarehouseError)
        -> RecordAssembler
    {
        try RecordAssembler(model: model, columnNames: (0..<statement.columnCount).map(statement.columnName(at:)))
    }

    private func visitRows(
        of statement: SQLiteStatement, _ model: ModelDefinition, _ visit: (RecordAssembler.Row) -> Void
    ) throws(WarehouseError) {
        var assembler = try assembler(for: statement, model)
        while try step(statement, model) {
            visit(assembler.assemble(statement.row()))
        }
    }

    private func bind(_ statement: SQLiteStatement, _ values: [JSONValue], _ model: ModelDefinition)
        throws(WarehouseError)
    {
        do {
            try statement.bind(values)
        } catch {
            throw .queryFailed(model: model.name, reason: error)
        }
    }

    private func step(_ statement: SQLiteStatement, _ model: ModelDefinition) throws(WarehouseError) -> Bool {
        do {
            return try statement.step()
        } catch {
            throw .queryFailed(model: model.name, reason: error)
        }
    }

    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The id as the number it spells, so an integer or real identifier column matches it too.
    private static func numericForm(of id: String) -> JSONValue {
        if let integer = Int64(id) { return .integer(integer) }
        if let real = Double(id), real.isFinite { return .number(real) }
        return .string(id)
    }
}

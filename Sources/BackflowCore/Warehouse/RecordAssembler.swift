/// Turns a model's result rows into records, checking Segment's extract limits on the columns and
/// telling rows with a null or repeated identifier apart. Shared by every ``Warehouse``.
struct RecordAssembler {
    static let maximumColumnCount = 512
    static let maximumColumnNameLength = 128

    enum Row {
        case record(ModelRecord)
        case problem(RecordProblem)
    }

    private let layout: JSONObject.RowLayout
    private let idIndex: Int
    private var seenIds: Set<String> = []
    private var rowNumber = 0

    init(model: ModelDefinition, columnNames: [String]) throws(WarehouseError) {
        guard columnNames.count <= Self.maximumColumnCount else {
            throw .tooManyColumns(model: model.name, count: columnNames.count)
        }
        if let long = columnNames.first(where: { $0.count > Self.maximumColumnNameLength }) {
            throw .columnNameTooLong(model: model.name, column: long)
        }
        guard let idIndex = columnNames.firstIndex(of: model.idColumn) else {
            throw .missingIdColumn(model: model.name, column: model.idColumn, availableColumns: columnNames)
        }
        layout = JSONObject.RowLayout(columns: columnNames)
        self.idIndex = idIndex
    }

    /// Classifies the next row of the result; `values` are in column order.
    mutating func assemble(_ values: [JSONValue]) -> Row {
        rowNumber += 1
        let columns = JSONObject(layout: layout) { values[$0] }
        guard let id = ModelRecord.idText(of: values[idIndex]) else {
            return .problem(RecordProblem(kind: .nullUniqueId, rowNumber: rowNumber, id: nil, columns: columns))
        }
        guard seenIds.insert(id).inserted else {
            return .problem(RecordProblem(kind: .duplicateUniqueId, rowNumber: rowNumber, id: id, columns: columns))
        }
        return .record(ModelRecord(id: id, columns: columns))
    }
}

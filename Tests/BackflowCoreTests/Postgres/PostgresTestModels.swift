@testable import BackflowCore

/// Small helpers the PostgreSQL suites share.
enum PostgresTestModels {
    static func model(_ query: String, id: String = "id", name: String = "m") throws -> ModelDefinition {
        try ModelDefinition(name: name, sourceName: "pg", query: query, idColumn: id)
    }

    /// Every record and problem of a model, in the order forEachRecord delivers them.
    static func allRows(of model: ModelDefinition, in warehouse: PostgresWarehouse) throws
        -> (records: [ModelRecord], problems: [RecordProblem])
    {
        var records: [ModelRecord] = []
        var problems: [RecordProblem] = []
        try warehouse.forEachRecord(of: model, problem: { problems.append($0) }, record: { records.append($0) })
        return (records, problems)
    }
}

/// A source of model rows. Calls are synchronous and a result is streamed row by row, so an
/// implementation over a client library such as SQLite or libpq keeps one cursor open at a time.
///
/// Implementations are used serially (one call at a time) and run model queries read-only. Errors are
/// ``WarehouseError``s, except that ``forEachRecord(of:problem:record:)`` also passes on whatever its
/// callbacks throw.
public protocol Warehouse: AnyObject {
    /// The model's result columns in query order, with their types. Unlike the other calls it does not
    /// require the identifier column, so an editor can offer the columns to choose it from.
    func columns(of model: ModelDefinition) throws(WarehouseError) -> [ModelColumn]

    /// The columns and the first `limit` rows of the model (none for a negative limit).
    func preview(of model: ModelDefinition, limit: Int) throws(WarehouseError) -> ModelPreview

    /// The first row whose identifier, as text, is `id`; nil when there is none.
    func record(of model: ModelDefinition, id: String) throws(WarehouseError) -> ModelRecord?

    /// Visits every row of the model in query order without holding the result in memory: each usable
    /// row goes to `record`, each row without a usable identifier to `problem`. Only the identifiers
    /// seen so far are kept, to recognise duplicates.
    func forEachRecord(
        of model: ModelDefinition,
        problem: (RecordProblem) throws -> Void,
        record: (ModelRecord) throws -> Void
    ) throws

    /// The number of rows the model returns, including rows with problems.
    func count(of model: ModelDefinition) throws(WarehouseError) -> Int
}

extension Warehouse {
    /// The columns and the first 10 rows of the model, as Segment's model preview shows them.
    public func preview(of model: ModelDefinition) throws(WarehouseError) -> ModelPreview {
        try preview(of: model, limit: ModelPreview.defaultLimit)
    }
}

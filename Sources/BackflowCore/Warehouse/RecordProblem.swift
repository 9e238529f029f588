/// A row that cannot be synced as a record, reported instead of being passed on.
///
/// These are Segment's Reverse ETL discards for rows; a model whose query lacks the identifier column
/// altogether is refused as a whole (``WarehouseError/missingIdColumn(model:column:availableColumns:)``).
public struct RecordProblem: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The identifier column is `null` in this row.
        case nullUniqueId = "ErrRecordNullUniqueID"
        /// An earlier row of the same result had this identifier; the earlier row was kept.
        case duplicateUniqueId = "ErrRecordDuplicate"
    }

    public let kind: Kind
    /// The row's 1-based position in the query result.
    public let rowNumber: Int
    /// The identifier as text; nil when it is null.
    public let id: String?
    public let columns: JSONObject

    public init(kind: Kind, rowNumber: Int, id: String?, columns: JSONObject) {
        self.kind = kind
        self.rowNumber = rowNumber
        self.id = id
        self.columns = columns
    }

    /// Segment's discard code for this kind of problem.
    public var code: String { kind.rawValue }

    public var message: String {
        switch kind {
        case .nullUniqueId:
            return "Row \(rowNumber) has no unique identifier (its identifier column is null); it is skipped."
        case .duplicateUniqueId:
            return "Row \(rowNumber) repeats the unique identifier '\(id ?? "")' of an earlier row; it is skipped."
        }
    }
}

/// The first rows of a model, as the model editor shows them (Segment shows 10).
public struct ModelPreview: Sendable, Hashable {
    public static let defaultLimit = 10

    public let columns: [ModelColumn]
    /// The usable rows among the first `limit` rows of the result.
    public let records: [ModelRecord]
    /// The rows among the first `limit` that cannot be synced, with the reason.
    public let problems: [RecordProblem]

    public init(columns: [ModelColumn], records: [ModelRecord], problems: [RecordProblem]) {
        self.columns = columns
        self.records = records
        self.problems = problems
    }
}

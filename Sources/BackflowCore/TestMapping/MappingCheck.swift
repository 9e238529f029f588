/// A record that Test Mapping rejected, with every problem it found.
public struct RecordCheckFailure: Sendable {
    public let recordID: String
    public let problems: [MappingProblem]
}

/// Test Mapping run over a mapping's records, as `backflow check` does before a sync.
public struct MappingCheckReport: Sendable {
    public let mapping: String
    /// Records tested.
    public let checked: Int
    public let failures: [RecordCheckFailure]
    /// Rows the model returned without a usable unique id (null or duplicate); a sync discards them.
    public let discarded: [RecordProblem]

    public var passed: Int { checked - failures.count }
    public var isClean: Bool { failures.isEmpty && discarded.isEmpty }
}

public enum MappingCheck {
    /// Tests the first `limit` records of the mapping's model (all when nil), streaming, so memory
    /// does not grow with the model.
    public static func run(_ mapping: ResolvedMapping, in warehouse: any Warehouse, limit: Int? = nil) throws
        -> MappingCheckReport
    {
        var checked = 0
        var failures: [RecordCheckFailure] = []
        var discarded: [RecordProblem] = []
        do {
            try warehouse.forEachRecord(
                of: mapping.model,
                problem: { discarded.append($0) },
                record: { record in
                    if let limit, checked >= limit { throw LimitReached() }
                    checked += 1
                    let result = mapping.test(record)
                    if !result.problems.isEmpty {
                        failures.append(RecordCheckFailure(recordID: record.id, problems: result.problems))
                    }
                })
        } catch is LimitReached {
            // The sample is complete.
        }
        return MappingCheckReport(mapping: mapping.name, checked: checked, failures: failures, discarded: discarded)
    }

    private struct LimitReached: Error {}
}

import BackflowCore

/// Failed records of one run that share a reason: a run read as "3 × the field 'event' is missing"
/// rather than as the same sentence three times.
public struct FailureGroup: Sendable, Hashable {
    public var reason: String
    public var code: FailureCode?
    /// The group's records, as indexes into the run's ``RunFailures/errors``, in the run's order.
    public var records: [Int]

    /// Groups of `errors` by reason and code, the largest first (equal sizes in the order first met).
    static func grouping(_ errors: [RunRecordError]) -> [FailureGroup] {
        var groups: [FailureGroup] = []
        var indexByKey: [String: Int] = [:]
        for (index, error) in errors.enumerated() {
            let key = "\(error.code?.rawValue ?? "")\u{0}\(error.reason)"
            if let group = indexByKey[key] {
                groups[group].records.append(index)
            } else {
                indexByKey[key] = groups.count
                groups.append(FailureGroup(reason: error.reason, code: error.code, records: [index]))
            }
        }
        return groups.enumerated().sorted { lhs, rhs in
            lhs.element.records.count != rhs.element.records.count
                ? lhs.element.records.count > rhs.element.records.count : lhs.offset < rhs.offset
        }.map(\.element)
    }
}

/// A row of an open run's failure list: a group's heading, or one record of an expanded group.
public enum FailureRow: Sendable, Hashable {
    case group(Int)
    case record(group: Int, error: Int)

    var group: Int {
        switch self {
        case .group(let group), .record(let group, _): return group
        }
    }
}

extension SyncsState {
    /// The open run's failure list: each group, and under each expanded group its records. Under
    /// a filter, the groups with records it matches; a group matched by a record id rather than by
    /// its reason lists those records at once, so the ids found are in sight.
    public var failureRows: [FailureRow] {
        guard let failures = failures.value else { return [] }
        return failures.groups.indices.flatMap { group -> [FailureRow] in
            let shown = shownFailureRecords(in: group)
            guard !shown.isEmpty else { return [] }
            let matchedByID = shown.count < failures.groups[group].records.count
            let records = expandedFailureGroups.contains(group) || matchedByID
                ? shown.map { FailureRow.record(group: group, error: $0) } : []
            return [.group(group)] + records
        }
    }

    /// The records of `group` the failure filter shows (indexes into ``RunFailures/errors``): all
    /// of them when the filter is empty or is in the group's reason or code, else those whose
    /// record id has it.
    public func shownFailureRecords(in group: Int) -> [Int] {
        guard let failures = failures.value, let records = failures.groups[safe: group]?.records else { return [] }
        let filter = failureFilter.lowercased()
        let heading = failures.groups[group].reason + " " + (failures.groups[group].code?.rawValue ?? "")
        guard !filter.isEmpty, !heading.lowercased().contains(filter) else { return records }
        return records.filter { failures.errors[$0].recordID.lowercased().contains(filter) }
    }

    /// The record whose sample payload is shown: the selected record, or the first of the selected group.
    public var selectedFailureRecord: RunRecordError? {
        guard let failures = failures.value, let row = failureRows[safe: selectedFailure] else { return nil }
        switch row {
        case .group(let group): return failures.groups[group].records.first.map { failures.errors[$0] }
        case .record(_, let error): return failures.errors[error]
        }
    }

    /// Enter on a group's heading: shows its records, or hides them again, keeping the heading selected.
    mutating func toggleSelectedFailureGroup() {
        guard case .group(let group) = failureRows[safe: selectedFailure] else { return }
        if expandedFailureGroups.remove(group) == nil { expandedFailureGroups.insert(group) }
    }
}

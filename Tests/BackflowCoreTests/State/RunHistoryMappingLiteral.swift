@testable import BackflowCore

/// In history tests a mapping is named by a literal: a mapping kept by name alone, as runs recorded
/// before state keys are.
extension RunHistoryMapping: ExpressibleByStringLiteral {
    public init(stringLiteral name: String) {
        self.init(name: name, key: nil)
    }
}

extension RunHistory {
    /// Stores record errors as the failed (or expired) rows of `sync_changes` a sync would write.
    func addErrors(_ errors: [RunRecordError]) throws {
        try addChanges(
            errors.map {
                RunChange(
                    runID: $0.runID, recordID: $0.recordID, change: $0.change,
                    outcome: $0.code == .expired ? .expired : .failed, code: $0.code, reason: $0.reason,
                    samplePayload: $0.samplePayload, time: 0)
            })
    }
}

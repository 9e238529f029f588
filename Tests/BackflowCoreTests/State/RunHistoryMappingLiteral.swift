@testable import BackflowCore

/// In history tests a mapping is named by a literal: a mapping kept by name alone, as runs recorded
/// before state keys are.
extension RunHistory.Mapping: ExpressibleByStringLiteral {
    public init(stringLiteral name: String) {
        self.init(name: name, key: nil)
    }
}

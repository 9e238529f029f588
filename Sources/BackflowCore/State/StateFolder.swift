import Foundation

/// Where Backflow keeps what it remembers between syncs, one folder beside the warehouse:
/// `state.sqlite` (records, failures and checkpoints of every mapping), `history.sqlite` (runs and
/// their record errors) and `locks/<state key>.lock` (one running sync per mapping).
///
/// History lives in its own file so that reading it (`backflow runs`) never contends with a sync's
/// state writes, and so that deleting it never loses sync state.
public struct StateFolder: Sendable, Hashable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public var statePath: String { join("state.sqlite") }
    public var historyPath: String { join("history.sqlite") }
    public var locksPath: String { join("locks") }

    public func lockPath(stateKey: String) -> String {
        (locksPath as NSString).appendingPathComponent(stateKey + ".lock")
    }

    private func join(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// Creates `folder` and its parents when missing.
    static func createFolder(_ folder: String) throws(StateError) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotOpen(path: folder, reason: error.localizedDescription)
        }
    }
}

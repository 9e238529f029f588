import Foundation

/// Every run of a workspace's mappings, read from each engine that keeps their state (the state
/// folder's history for SQLite sources, each PostgreSQL warehouse's `backflow.sync_runs`), so that any
/// host shows every host's runs. The CLI's `runs` and the editor read through it.
///
/// Run ids are each engine's own; a workspace with sources in several engines may see one id twice,
/// and ``run(id:)`` then finds the first engine's, in source order.
public final class WorkspaceRunLog {
    private let session: WorkspaceSession
    private let histories: [any RunHistory]
    /// The sources whose history could not be read, with why; their runs are missing from the answers.
    public let unreachable: [String]

    public init(session: WorkspaceSession) {
        self.session = session
        // Every SQLite source shares the state folder's one history, read only once it exists: reading
        // the runs never creates state.
        var engines: [(WorkspaceSession.StateEngine, String)] = []
        if FileManager.default.fileExists(atPath: session.stateFolder.historyPath) {
            engines.append((.stateFolder(warehousePath: ""), "state folder"))
        }
        var problems: [String] = []
        for source in session.workspace.sources {
            do {
                let engine = try session.stateEngine(of: source)
                if case .postgres = engine, !engines.contains(where: { $0.0 == engine }) {
                    engines.append((engine, source.name))
                }
            } catch {
                problems.append("source '\(source.name)': \(error.description)")
            }
        }
        var histories: [any RunHistory] = []
        for (engine, name) in engines {
            do {
                histories.append(try session.runHistory(in: engine))
            } catch {
                problems.append("source '\(name)': the run history cannot be read: \(error)")
            }
        }
        self.histories = histories
        unreachable = problems
    }

    /// The latest runs, newest first, of the mapping named `mapping` (its runs under earlier names too)
    /// or of every mapping.
    public func runs(mapping: String?, limit: Int) throws -> [SyncRun] {
        let selection = mapping.map(session.historyMapping(named:))
        var runs: [SyncRun] = []
        for history in histories { runs += try history.runs(mapping: selection, limit: limit) }
        return Array(runs.sorted { ($0.startedAt, $0.id) > ($1.startedAt, $1.id) }.prefix(max(0, limit)))
    }

    public func lastRun(mapping: String) throws -> SyncRun? {
        try runs(mapping: mapping, limit: 1).first
    }

    public func run(id: Int64) throws -> SyncRun? {
        for history in histories {
            if let run = try history.run(id: id) { return run }
        }
        return nil
    }

    /// The first `limit` failed or expired records of the run `id` (see ``run(id:)``).
    public func errors(runID: Int64, limit: Int) throws -> [RunRecordError] {
        for history in histories where try history.run(id: runID) != nil {
            return try history.errors(runID: runID, limit: limit)
        }
        return []
    }
}

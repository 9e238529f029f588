import BackflowCore
import Foundation

/// Does the work `update` asks for. Quick reads (a model preview, Test Mapping on one record, the
/// run history) run right here on the UI thread through the session; syncs run on a task of their
/// own, with a session of their own, and report through the mailbox.
final class EffectRunner {
    private var session: WorkspaceSession
    private let mailbox: Mailbox
    private let environment: [String: String]
    /// Stops the sync under way, if one is: the editor runs one sync at a time.
    private var interruption = SyncInterruption()
    private var file: WorkspaceFileWatch

    init(session: WorkspaceSession, mailbox: Mailbox, environment: [String: String]) {
        self.session = session
        self.mailbox = mailbox
        self.environment = environment
        self.file = WorkspaceFileWatch(path: session.path)
    }

    /// Performs `effect`; returns the events that are ready at once.
    func perform(_ effect: Effect) -> [AppEvent] {
        switch effect {
        case .loadPreview(let name, let limit):
            return [.previewLoaded(model: name, loadPreview(name, limit: limit))]
        case .testMapping(let name, let recordID):
            return [.testFinished(test(name, recordID: recordID, in: session))]
        case .loadHistory:
            return [loadHistory()]
        case .loadRunFailures(let runID):
            return [.runFailuresLoaded(loadFailures(runID))]
        case .startSync(let names):
            startSync(names)
            return []
        case .stopSync:
            interruption.request(cause: "quitting the editor")
            return []
        case .resetAndSync(let name):
            var options = SyncOptions()
            options.reset = true
            startSync([name], options: options)
            return []
        case .save(let workspace, let overwriting):
            guard overwriting || file.outsideText() == nil else { return [.fileChangedOutside(whileSaving: true)] }
            return [save(workspace)]
        case .checkWorkspaceFile:
            return file.changedSinceLastLook() ? [.fileChangedOutside(whileSaving: false)] : []
        case .reloadWorkspace:
            return [reload()]
        case .diffWorkspaceFile(let workspace):
            return [.fileDiff(diff(to: workspace))]
        case .testDraft(let workspace, let name):
            let draftSession = WorkspaceSession(workspace: workspace, path: session.path, environment: environment)
            return [.draftTested(test(name, recordID: nil, in: draftSession))]
        case .useWorkspace(let workspace):
            session = WorkspaceSession(workspace: workspace, path: session.path, environment: environment)
            return [.writeKeysMasked(EditorProgram.maskedWriteKeys(workspace, environment: environment))]
        case .terminal:
            preconditionFailure("the editor's loop gives terminal requests to the terminal")
        }
    }

    /// Writes atomically over the file, keeping the comments of the text now on disk (what the
    /// editor last loaded or wrote, or an outside change the user chose to overwrite).
    private func save(_ workspace: Workspace) -> AppEvent {
        let original = try? String(contentsOfFile: session.path, encoding: .utf8)
        do {
            try WorkspaceWriter.save(workspace, to: session.path, preservingFrom: original)
            file.remember(try? String(contentsOfFile: session.path, encoding: .utf8))
            return .saved(workspace)
        } catch {
            return .saveFailed(error.description)
        }
    }

    /// The workspace as the file holds it now; a file that does not load is reported and left as it is.
    private func reload() -> AppEvent {
        do {
            let (workspace, text) = try WorkspaceLoader.loadKeepingText(path: session.path)
            file.remember(text)
            return .reloaded(workspace)
        } catch {
            return .problem("cannot reload \(session.path): \(error.description)")
        }
    }

    /// What saving `workspace` would change in the file as it is now.
    private func diff(to workspace: Workspace) -> String {
        let current = (try? String(contentsOfFile: session.path, encoding: .utf8)) ?? ""
        let name = (session.path as NSString).lastPathComponent
        let diff = LineDiff.unified(
            old: current, new: WorkspaceWriter.render(workspace, preservingFrom: current),
            oldName: "\(name) (the file now)", newName: "\(name) (the editor's version)")
        return diff.isEmpty ? "The file and the editor's version are the same.\n" : diff
    }

    private func loadPreview(_ name: String, limit: Int) -> Loadable<ModelPreview> {
        do {
            return .loaded(try session.preview(of: try session.model(named: name), limit: limit))
        } catch {
            return .failed(error.description)
        }
    }

    private func test(_ name: String, recordID: String?, in session: WorkspaceSession) -> Loadable<TestOutcome> {
        do {
            let mapping = try session.mapping(named: name)
            let record = try session.testRecord(for: mapping, id: recordID)
            return .loaded(TestOutcome(mapping, testing: record))
        } catch {
            return .failed(error.description)
        }
    }

    /// Every host's runs, from the shared run history (see ``WorkspaceRunLog``); opening the editor never
    /// creates a SQLite history.
    private func loadHistory() -> AppEvent {
        let log = WorkspaceRunLog(session: session)
        if let problem = log.unreachable.first { return .problem(problem) }
        do {
            var last: [String: SyncRun] = [:]
            for mapping in session.workspace.mappings {
                last[mapping.name] = try log.lastRun(mapping: mapping.name)
            }
            return .historyLoaded(runs: try log.runs(mapping: nil, limit: 100), lastRuns: last)
        } catch {
            return .problem("cannot read the run history: \(error)")
        }
    }

    private func loadFailures(_ runID: Int64) -> Loadable<RunFailures> {
        do {
            let log = WorkspaceRunLog(session: session)
            return .loaded(RunFailures(runID: runID, errors: try log.errors(runID: runID, limit: 100)))
        } catch {
            return .failed("\(error)")
        }
    }

    private func startSync(_ names: [String], options: SyncOptions = SyncOptions()) {
        interruption = options.interruption
        let workspace = session.workspace, path = session.path, environment = environment, mailbox = mailbox
        Task.detached {
            let session = WorkspaceSession(workspace: workspace, path: path)
            let mappings: [ResolvedMapping]
            do {
                mappings = try names.map { name throws(WorkspaceError) in try session.mapping(named: name) }
            } catch {
                mailbox.post(.syncCouldNotStart("\(error)"))
                return
            }
            let engine = SyncEngine(session: session, environment: environment)
            _ = await engine.sync(mappings, options: options) { mailbox.post(.sync($0)) }
            mailbox.post(.syncEnded)
        }
    }
}

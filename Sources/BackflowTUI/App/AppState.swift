import BackflowCore
import Foundation

/// Everything the editor shows, as a value. Only ``AppState/update(_:)`` changes it, and views
/// are pure functions of it.
public struct AppState: Sendable {
    public var workspace: Workspace
    public var workspacePath: String
    public var keymap: Keymap
    public var screen: Screen = .overview
    public var showingHelp = false
    public var helpOffset = 0
    /// A line of text being typed (a filter, a record id); while it is open, keys go to it.
    public var prompt: TextPrompt?
    /// The last thing worth telling the user, in the line above the status bar.
    public var notice: Notice?
    public var shouldQuit = false
    /// The terminal's rows: how many model rows a preview loads and a page moves.
    public var screenHeight = AppView.minimumHeight
    /// The terminal's columns: the layout a payload pane scrolls and a click lands in.
    public var screenWidth = AppView.minimumWidth
    /// The time of the latest clock tick (seconds since 1970), for the age of a run: views are pure,
    /// so they read the time from here.
    public var now: Double = 0
    /// Where a run's start is told in: the user's time zone.
    public var timeZone = TimeZone.current
    /// Each destination's write-key reference as shown: the variable's name and the value masked.
    public var maskedWriteKeys: [String: String]
    /// The latest run of each mapping, by mapping name.
    public var lastRuns: [String: SyncRun] = [:]
    public var overview = OverviewState()
    /// What `/` narrowed each list to (but a run's failed records, kept with the open run).
    public var listFilters: [FilteredList: String] = [:]
    public var models = ModelBrowserState()
    public var test = TestMappingState()
    public var syncs = SyncsState()
    /// The mapping editor, when it is open; it has the keys until it closes.
    public var editor: MappingEditorState?
    /// The workspace as it is in the file: what the last load or save left there.
    public var savedWorkspace: Workspace
    /// The edits `u` undoes and Ctrl-R redoes.
    public var history = EditHistory<Workspace>()
    /// The file's text as last loaded or saved: a save keeps its comments, and the problems are
    /// found in the file as a save would write it.
    public var fileText: String?
    /// The problems of the workspace in memory, as the loader and the catalog check find them in
    /// the file a save would write; redone after every change.
    public var problems: [WorkspaceProblem] = []
    /// Problems of the file as it was opened whose entries or values the editor could not hold:
    /// the next save leaves them out (after asking).
    public var leftOutBySaving: [WorkspaceProblem] = []
    /// The problems pane: open over the screen, with the problem under the cursor.
    public var problemsPane = ProblemsPaneState()
    /// The destination form, when it is open; it has the keys until it closes.
    public var destinationEditor: DestinationEditorState?
    /// What was typed to narrow the pop-up list open over a form.
    public var popupFilter: PopupFilter?
    /// Open while quitting with unsaved changes: the keys answer save, discard or cancel.
    public var confirmingQuit = false
    /// A question waiting for `y` before something hard to take back (a reset, a retry).
    public var confirmation: Confirmation?
    /// True while a save is on its way; quitting waits for its answer when it was asked to.
    public var quitAfterSave = false
    /// Set when quitting was asked for while a sync ran: the sync is being stopped, and the editor
    /// quits once it has recorded its run.
    public var quitAfterSync: QuitRequest?
    /// The sync to start once the save under way has written the file (`s` at "sync with unsaved edits?").
    public var syncAfterSave: SyncRequest?

    public init(workspace: Workspace, workspacePath: String, maskedWriteKeys: [String: String], keymap: Keymap = .standard) {
        self.workspace = workspace
        self.savedWorkspace = workspace
        self.workspacePath = workspacePath
        self.maskedWriteKeys = maskedWriteKeys
        self.keymap = keymap
    }

    /// Whether the workspace in memory differs from the file.
    public var hasUnsavedChanges: Bool { workspace != savedWorkspace }
}

/// A one-line text input and what it is for.
public struct TextPrompt: Sendable, Hashable {
    public enum Purpose: Sendable, Hashable {
        case columnFilter
        case recordID
        case mappingName
        /// A literal for the value at this path (a field key, or a field key and an object key).
        case literal([String])
        case template([String])
        case rawJSON([String])
        /// A new key of this object field.
        case objectKey(String)
        /// The `:` command line.
        case command
        /// The mapping form's test record (empty: the model's first record).
        case testRecord
        /// A cron schedule: five fields and a time zone.
        case cronSchedule
        /// A text setting of the destination form.
        case destinationValue(DestinationRow)
        /// `/` in a payload pane: what to look for.
        case search
        /// `/` on a list: the rows that contain the text.
        case listFilter(FilteredList)
        /// Typing in a pop-up list: the rows that contain the text.
        case popupFilter
    }

    public var purpose: Purpose
    /// The text typed so far; setting it keeps the cursor inside it.
    public var text: String {
        didSet { cursor = min(cursor, text.count) }
    }
    /// Where typing goes: the number of characters before the cursor.
    public var cursor: Int
    /// What the last Tab could complete to, when it was more than one thing (listed under the line).
    public var completions: [String] = []

    /// A prompt with `text` already in it and the cursor at its end, as a shell line would be.
    public init(purpose: Purpose, text: String = "") {
        self.purpose = purpose
        self.text = text
        self.cursor = text.count
    }

    public var label: String {
        switch purpose {
        case .columnFilter: return "Filter columns: "
        case .recordID: return "Record id: "
        case .mappingName: return "Mapping name: "
        case .literal(let path): return "Literal for \(path.joined(separator: ".")) (JSON, or plain text): "
        case .template(let path): return "Template for \(path.joined(separator: ".")): "
        case .rawJSON(let path): return "Mapping JSON for \(path.joined(separator: ".")): "
        case .objectKey(let field): return "New key of \(field): "
        case .command: return ":"
        case .testRecord: return "Test record id (empty: the model's first record): "
        case .cronSchedule: return "Cron, then the time zone (0 */2 * * * Europe/Berlin): "
        case .destinationValue(let row): return row.promptLabel
        case .search: return "Search: "
        case .listFilter, .popupFilter: return "Filter: "
        }
    }
}

/// Who asked to quit while a sync ran, which decides what happens once it has stopped.
public enum QuitRequest: Sendable, Hashable {
    /// The user, with `q`: unsaved changes are still asked about.
    case user
    /// A signal (SIGTERM, SIGHUP): the editor quits as it would have at once.
    case signal
}

/// A sync the user asked for, kept while the editor asks about it first.
public enum SyncRequest: Sendable, Hashable {
    /// Sync these mappings: what changed since their last run, and their failed records again.
    case sync([String])
    /// Forget what was delivered for the mapping, then send every record again.
    case reset(String)

    public var mappings: [String] {
        switch self {
        case .sync(let names): return names
        case .reset(let name): return [name]
        }
    }
}

/// What `y` confirms on the Syncs screen.
public enum Confirmation: Sendable, Hashable {
    /// Sync the mapping again now: its failed records are retried with their latest data.
    case retry(mapping: String)
    /// Forget the mapping's delivered records and send every record again.
    case reset(mapping: String)
    /// Quit while a sync runs: `w` waits for it to end, `s` stops it cleanly first (keeping what it
    /// delivered), any other key keeps it running and the editor open.
    case quitDuringSync
    /// Undo an edit that is already saved in the file: the workspace in memory then differs from it.
    case undoSavedEdit(String)
    /// A sync asked for while the workspace has unsaved edits: `s` saves first, `y` syncs the file
    /// as it was last saved, so the sync never uses edits the file does not hold without saying so.
    case syncWithUnsavedEdits(SyncRequest)
    /// Delete a mapping from the workspace (in memory: `u` brings it back, `w` writes it).
    case deleteMapping(String)
    /// Save a workspace that has problems (or leaves out parts of the file it could not read).
    case saveWithProblems(String)
    /// The file changed outside the editor (found by the watch, or by a save that then wrote nothing).
    case fileChangedOutside(whileSaving: Bool)

    public var question: String {
        switch self {
        case .retry(let mapping): return "Sync \(mapping) again, retrying its failed records? y yes, any other key no"
        case .reset(let mapping):
            return "Reset \(mapping): forget what was sent and send every record again? y yes, any other key no"
        case .undoSavedEdit(let label):
            return "Undo \"\(label)\"? It is saved in the file, which keeps it until w. y undoes it, any other key no"
        case .quitDuringSync:
            return "A sync is running: w wait for it to end and quit, s stop it cleanly and quit (what was "
                + "delivered is kept), any other key keeps it running"
        case .deleteMapping(let name):
            return "Delete mapping \(name)? Its sync state and run history are kept. y yes, any other key no"
        case .syncWithUnsavedEdits:
            return "Sync with unsaved edits? The sync uses the saved file. s save first and sync, "
                + "y sync the saved file, any other key no"
        case .saveWithProblems(let summary):
            return "Save with \(summary)? y saves anyway, p lists them, any other key no"
        case .fileChangedOutside(let saving):
            return "The file changed outside the editor\(saving ? "; nothing was written" : ""): r reload it, "
                + "d show the diff, \(saving ? "o overwrite it with yours, " : "")any other key keeps both as they are"
        }
    }
}

/// A message for the user and how serious it is.
public struct Notice: Sendable, Hashable {
    public var text: String
    public var role: UIRole

    public init(_ text: String, role: UIRole) {
        self.text = text
        self.role = role
    }
}

/// Which of the overview's two tables has the keys.
public struct OverviewState: Sendable, Hashable {
    public enum Panel: Sendable, Hashable {
        case destinations
        case mappings
    }

    public var panel: Panel = .mappings
    public var selectedDestination = 0
    public var selectedMapping = 0

    public init() {}
}

/// The model browser: a model list, and the chosen model's columns and first rows.
public struct ModelBrowserState: Sendable, Hashable {
    public var selectedModel = 0
    public var preview: Loadable<ModelPreview> = .notLoaded
    /// The model the preview belongs to.
    public var previewModel: String?
    public var columnFilter = ""
    /// True when the keys scroll the rows table instead of moving in the model list.
    public var browsingRows = false
    /// The first row shown.
    public var firstRow = 0
    /// The row the keys are on while the rows are browsed: Enter opens it.
    public var selectedRow = 0
    /// How many rows the preview asked for: it grows a screen at a time as the rows are paged
    /// through, and a preview with fewer rows has shown the whole model.
    public var rowLimit = 0
    public var firstColumn = 0
    /// The row opened with Enter (an index into the preview's records), shown whole in a payload pane.
    public var openRow: Int?
    public var rowViewer = PayloadViewerState()

    public init() {}
}

/// Test Mapping: the mapping, the record, and what the mapping made of it.
public struct TestMappingState: Sendable, Hashable {
    /// The panes `o` moves the keys between.
    public enum Pane: Sendable, Hashable {
        case mappings
        case message
        case record
    }

    public var selectedMapping = 0
    /// The record id asked for; nil means the mapping's test record or the model's first record.
    public var recordID: String?
    public var outcome: Loadable<TestOutcome> = .notLoaded
    /// Whether the keys move in the mapping list or scroll the message or the record (`o` switches).
    public var pane = Pane.mappings
    public var viewer = PayloadViewerState()
    public var recordViewer = PayloadViewerState()

    public init() {}
}

/// What Test Mapping found for one record: the message it would send and the validation problems.
public struct TestOutcome: Sendable, Hashable {
    public var mapping: String
    public var recordID: String
    public var message: JSONObject?
    public var problems: [MappingProblem]
    /// The mapping's fields resolved on the record: shown, with the failing ones marked, when
    /// problems stop the message.
    public var payload: JSONObject?
    /// The record's columns, shown beside the message.
    public var record: JSONObject
    /// Integers Segment's JavaScript runtime would read differently from what Backflow sends.
    public var warnings: [InexactIntegerWarning]

    public init(
        mapping: String, recordID: String, message: JSONObject?, problems: [MappingProblem], payload: JSONObject? = nil,
        record: JSONObject = [:], warnings: [InexactIntegerWarning] = []
    ) {
        self.mapping = mapping
        self.recordID = recordID
        self.message = message
        self.problems = problems
        self.payload = payload
        self.record = record
        self.warnings = warnings
    }

    /// Test Mapping of `record` by `mapping`, with everything the screen shows beside the message.
    public init(_ mapping: ResolvedMapping, testing record: ModelRecord) {
        let result = mapping.test(record)
        self.init(
            mapping: mapping.name, recordID: record.id, message: result.message, problems: result.problems,
            payload: result.payload, record: record.columns, warnings: mapping.inexactIntegers(in: result))
    }
}

/// Syncs: live progress of running syncs, the run history and one run's failures.
public struct SyncsState: Sendable, Hashable {
    public enum Panel: Sendable, Hashable {
        case mappings
        case runs
        /// The sample payload of the failed record selected in an open run.
        case payload
    }

    public var panel: Panel = .mappings
    public var selectedMapping = 0
    public var selectedRun = 0
    /// Progress of the syncs of the current batch, in the order they were started.
    public var live: [SyncProgress] = []
    /// The mappings of the batch still to finish; a new sync cannot start while this is not empty.
    public var pending: [String] = []
    public var runs: [SyncRun] = []
    /// The failed records of the run opened with Enter.
    public var failures: Loadable<RunFailures> = .notLoaded
    /// The selected row of the open run's failure list (``failureRows``): a group or one of its records.
    public var selectedFailure = 0
    public var viewer = PayloadViewerState()
    /// The open run's failure groups (indexes into ``RunFailures/groups``) whose records are listed.
    public var expandedFailureGroups: Set<Int> = []
    /// What `/` narrowed the open run's failed records to: record ids, reasons or codes containing it.
    public var failureFilter = ""
    /// The retries of each mapping of the current batch, for its live line.
    public var retries: [String: RetryTally] = [:]
    /// Why mappings of the current batch failed as a whole, by mapping: shown in place of their
    /// counts, which alone would read as a quiet success.
    public var runErrors: [String: RunError] = [:]

    public init() {}

    public var isSyncing: Bool { !pending.isEmpty }
}

/// The failed records of one run, and the same grouped by reason.
public struct RunFailures: Sendable, Hashable {
    public var runID: Int64
    public var errors: [RunRecordError]
    public let groups: [FailureGroup]

    public init(runID: Int64, errors: [RunRecordError]) {
        self.runID = runID
        self.errors = errors
        self.groups = FailureGroup.grouping(errors)
    }
}

/// Data that arrives later: not asked for yet, on its way, there, or failed with a message.
public enum Loadable<Value: Sendable & Hashable>: Sendable, Hashable {
    case notLoaded
    case loading
    case loaded(Value)
    case failed(String)

    public var value: Value? {
        if case .loaded(let value) = self { return value }
        return nil
    }
}

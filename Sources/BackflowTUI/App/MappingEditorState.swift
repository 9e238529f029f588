import BackflowCore

/// The mapping editor, open over the current screen. A new mapping is built in a few choices in a
/// row (destination, model, action, records, name); then, and at once for a mapping opened with
/// `e`, the form: the mapping's settings as rows at its top, then the action's fields. It edits a
/// draft; `a` puts the draft into the workspace in memory and `w` saves that.
public struct MappingEditorState: Sendable, Equatable {
    public enum Step: Sendable, Equatable, CaseIterable {
        case destination, model, action, records, name, form
    }

    /// The mapping's name in the workspace when it was opened (or last put there); nil for a new mapping.
    public var originalName: String?
    public var draft: MappingConfig
    public var step: Step = .destination
    /// The cursor in the step's list; on the form, the selected row (settings first, then fields).
    public var selected = 0
    /// A list opened over the form for the selected row.
    public var picker: FieldPicker?
    /// Test Mapping of the draft on its test record, redone after each change.
    public var test: Loadable<TestOutcome> = .notLoaded
    /// Why the last choice was refused (a full destination, a name in use, JSON that does not parse).
    public var message: String?
    /// The draft as the workspace holds it; the draft differs from it once the user changed something.
    public var openedDraft: MappingConfig
    /// The fields the draft had for each destination and action it has left, so that choosing that
    /// action again brings them back instead of starting over from the defaults.
    public var fieldsLeftBehind: [ActionKey: JSONObject] = [:]
    /// True while Esc asks whether to drop the changed draft: `y` drops it, any other key keeps editing.
    public var confirmingDiscard = false
    /// A change of action or destination that would put the draft's fields aside, waiting for `y`;
    /// until then the draft keeps its action and fields.
    public var pendingChange: PendingDraftChange?
    /// The draft's changes since the form opened: `u` takes them back one by one, Ctrl-R puts them back.
    public var history = EditHistory<MappingConfig>()
    /// True while the live preview has the keys (`o` on the form): they scroll, search and copy it.
    public var previewFocused = false
    /// How the live preview is scrolled and searched; it keeps its place as the draft changes.
    public var previewViewer = PayloadViewerState()

    public init(originalName: String?, draft: MappingConfig) {
        self.originalName = originalName
        self.draft = draft
        self.openedDraft = draft
    }

    /// Whether closing the editor now would lose something the user did.
    public var hasChanges: Bool { draft != openedDraft }

    /// The question Esc asks before dropping a changed draft.
    public var discardQuestion: String {
        "Drop your changes to \(originalName ?? "the new mapping")? y drops them, any other key keeps editing"
    }
}

/// A choice on the form that would put the draft's fields aside: asked about before it is made.
public struct PendingDraftChange: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        case action(String)
        case destination(String)
    }

    public var target: Target
    /// The draft's action and how many fields it has, for the question.
    public var currentAction: String
    public var fieldCount: Int

    public var question: String {
        let what: String
        switch target {
        case .action(let action): what = "the action to \(action)"
        case .destination(let destination): what = "the destination to \(destination) (its actions are chosen anew)"
        }
        let fields = fieldCount == 1 ? "The 1 field" : "The \(fieldCount) fields"
        return "Change \(what)? \(fields) set for \(currentAction) are put aside until a or w (choosing "
            + "\(currentAction) again brings them back). y changes it, any other key keeps \(currentAction)"
    }
}

/// An action of a destination: the fields a draft had are kept per pair.
public struct ActionKey: Sendable, Hashable {
    public var destination: String
    public var action: String

    public init(destination: String, action: String) {
        self.destination = destination
        self.action = action
    }
}

/// The mapping's settings, the rows at the top of the form, each with the key that opens it there.
public enum MappingSetting: String, Sendable, CaseIterable {
    case destination, model, action, records, name, schedule
    case testRecord = "test record"
    case syncNulls = "sync nulls"

    /// The command that opens the setting on the form; the form's keymap gives it its key.
    public var command: Command {
        switch self {
        case .destination: return .setDestination
        case .model: return .setModel
        case .action: return .setAction
        case .records: return .setRecords
        case .name: return .setName
        case .schedule: return .setSchedule
        case .testRecord: return .setTestRecord
        case .syncNulls: return .toggleSyncNulls
        }
    }
}

/// One row of the form: a setting, or a field of the action (by its key).
public enum FormRow: Sendable, Equatable {
    case setting(MappingSetting)
    case field(String)
}

/// What the form shows over itself while a row is being set.
public enum FieldPicker: Sendable, Equatable {
    /// How to set the value at `path` (a field key, or a field key and a key of its object).
    case kind(path: [String], selected: Int)
    /// The model's columns, for the value at `path`.
    case column(path: [String], selected: Int)
    /// The keys of an object field: its current keys, the schema's other properties, and "add a key".
    case objectKeys(field: String, selected: Int)
    /// The choices of a setting: destinations, models, actions, records, schedules.
    case setting(MappingSetting, selected: Int)
}

/// The ways to set a value, in the order the kind picker lists them.
public enum ValueKind: String, Sendable, CaseIterable {
    case column = "a column of the model"
    case literal = "a literal value"
    case template = "a template ({{properties.column}})"
    case object = "an object, key by key"
    case rawJSON = "raw mapping JSON"
    case clear = "nothing (clear the field)"
}

extension RecordSelection {
    /// How the records step lists the selection.
    public var label: String {
        switch self {
        case .added: return "added"
        case .updated: return "updated"
        case .addedOrUpdated: return "added or updated"
        case .deleted: return "deleted"
        }
    }
}

extension Schedule {
    /// The schedule in a few words, as the form's row shows it.
    public var label: String {
        switch self {
        case .manual: return "manual"
        case .interval(let minutes): return "every \(Schedule.intervalToken(minutes: minutes) ?? "\(minutes)m")"
        case .weekly(let days, let hour):
            return "\(days.sorted().map(\.rawValue).joined(separator: ", ")) at \(hour < 10 ? "0" : "")\(hour):00"
        case .cron(let expression, let zone): return "cron \(expression.text) (\(zone.name))"
        }
    }
}

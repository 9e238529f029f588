import BackflowCore

/// The mapping editor, open over the current screen: a few choices in a row (destination, model,
/// action, records, name), then the action's form, field by field. It edits a draft; `a` puts the
/// draft into the workspace in memory and `w` saves that.
public struct MappingEditorState: Sendable, Equatable {
    public enum Step: Sendable, Equatable, CaseIterable {
        case destination, model, action, records, name, form
    }

    /// The mapping's name in the workspace when it was opened; nil for a new mapping.
    public var originalName: String?
    public var draft: MappingConfig
    public var step: Step = .destination
    /// The cursor in the step's list; on the form, the selected field.
    public var selected = 0
    /// A list opened over the form for the selected field.
    public var picker: FieldPicker?
    /// Test Mapping of the draft on its test record, redone after each change.
    public var test: Loadable<TestOutcome> = .notLoaded
    /// Why the last choice was refused (a full destination, a name in use, JSON that does not parse).
    public var message: String?
    /// The draft as the editor opened it; the draft differs from it once the user changed something.
    public let openedDraft: MappingConfig
    /// The fields the draft had for each destination and action it has left, so that choosing that
    /// action again brings them back instead of starting over from the defaults.
    public var fieldsLeftBehind: [ActionKey: JSONObject] = [:]
    /// True while Esc asks whether to drop the changed draft: `y` drops it, any other key keeps editing.
    public var confirmingDiscard = false

    public init(originalName: String?, draft: MappingConfig) {
        self.originalName = originalName
        self.draft = draft
        self.openedDraft = draft
    }

    /// Whether closing the editor now would lose something the user did.
    public var hasChanges: Bool { draft != openedDraft }

    /// The question Esc asks before dropping a changed draft; on the form it also offers the steps
    /// before it, where Esc used to lead.
    public var discardQuestion: String {
        let name = originalName ?? "the new mapping"
        let back = step == .form ? ", b back to the steps" : ""
        return "Drop your changes to \(name)? y drops them\(back), any other key keeps editing"
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

/// What the form shows over itself while a field is being set.
public enum FieldPicker: Sendable, Equatable {
    /// How to set the value at `path` (a field key, or a field key and a key of its object).
    case kind(path: [String], selected: Int)
    /// The model's columns, for the value at `path`.
    case column(path: [String], selected: Int)
    /// The keys of an object field: its current keys, the schema's other properties, and "add a key".
    case objectKeys(field: String, selected: Int)
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

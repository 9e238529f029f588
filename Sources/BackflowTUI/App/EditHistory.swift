import BackflowCore

/// One edit of the workspace in memory: the workspace before and after it, and what it did in a
/// few words, so undo and redo can say what they took back or put back.
public struct WorkspaceEdit: Sendable, Equatable {
    public var before: Workspace
    public var after: Workspace
    public var label: String

    public init(before: Workspace, after: Workspace, label: String) {
        self.before = before
        self.after = after
        self.label = label
    }
}

/// The edits `u` undoes and Ctrl-R redoes, newest last. Saving keeps both lists: undo reaches
/// back past a save (after asking), since the file is only rewritten by the next `w`.
public struct EditHistory: Sendable, Equatable {
    /// The most edits `u` can take back.
    public static let limit = 100

    public private(set) var undoable: [WorkspaceEdit] = []
    public private(set) var redoable: [WorkspaceEdit] = []

    public init() {}

    /// A new edit: it can be undone, and what was undone before it can no longer be redone.
    mutating func record(_ edit: WorkspaceEdit) {
        undoable.append(edit)
        if undoable.count > Self.limit { undoable.removeFirst() }
        redoable = []
    }

    /// The edit `u` would take back.
    var nextUndo: WorkspaceEdit? { undoable.last }

    mutating func undo() -> WorkspaceEdit? {
        guard let edit = undoable.popLast() else { return nil }
        redoable.append(edit)
        return edit
    }

    mutating func redo() -> WorkspaceEdit? {
        guard let edit = redoable.popLast() else { return nil }
        undoable.append(edit)
        return edit
    }
}

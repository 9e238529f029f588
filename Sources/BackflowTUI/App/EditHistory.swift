import BackflowCore

/// One edit: the value before and after it, and what it did in a few words, so undo and redo can
/// say what they took back or put back.
public struct Edit<Value: Sendable & Equatable>: Sendable, Equatable {
    public var before: Value
    public var after: Value
    public var label: String

    public init(before: Value, after: Value, label: String) {
        self.before = before
        self.after = after
        self.label = label
    }
}

/// An edit of the workspace in memory.
public typealias WorkspaceEdit = Edit<Workspace>

/// The edits `u` undoes and Ctrl-R redoes, newest last: the workspace's, and the open mapping
/// form's draft. Saving keeps both lists: undo reaches back past a save (after asking), since the
/// file is only rewritten by the next `w`.
public struct EditHistory<Value: Sendable & Equatable>: Sendable, Equatable {
    /// The most edits `u` can take back.
    public static var limit: Int { 100 }

    public private(set) var undoable: [Edit<Value>] = []
    public private(set) var redoable: [Edit<Value>] = []

    public init() {}

    /// A new edit: it can be undone, and what was undone before it can no longer be redone.
    mutating func record(_ edit: Edit<Value>) {
        undoable.append(edit)
        if undoable.count > Self.limit { undoable.removeFirst() }
        redoable = []
    }

    /// The edit `u` would take back.
    var nextUndo: Edit<Value>? { undoable.last }

    mutating func undo() -> Edit<Value>? {
        guard let edit = undoable.popLast() else { return nil }
        redoable.append(edit)
        return edit
    }

    mutating func redo() -> Edit<Value>? {
        guard let edit = redoable.popLast() else { return nil }
        undoable.append(edit)
        return edit
    }
}

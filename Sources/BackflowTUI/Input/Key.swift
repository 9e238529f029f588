/// A key as the app understands it, decoded from curses (or written by a test).
public enum Key: Sendable, Hashable, CustomStringConvertible {
    case character(Character)
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace
    /// The Delete key: removes the character under a prompt's cursor.
    case delete
    /// Text the terminal delivered as one paste (bracketed paste), newlines included: a prompt takes
    /// it whole, and no character of it is read as a key that does something else.
    case paste(String)
    /// A click or a turn of the wheel, where the pointer was.
    case mouse(MouseEvent)

    /// The key's name in help and in the status line.
    public var description: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .control(let character): return "Ctrl-\(character.uppercased())"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .paste: return "paste"
        case .mouse: return "mouse"
        }
    }
}

/// What the mouse did, at a cell of the screen (0-based column and row).
public struct MouseEvent: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        /// The left button went down: focus the pane and select the row under the pointer.
        case click
        case wheelUp
        case wheelDown
    }

    public var action: Action
    public var x: Int
    public var y: Int

    public init(_ action: Action, x: Int, y: Int) {
        self.action = action
        self.x = x
        self.y = y
    }
}

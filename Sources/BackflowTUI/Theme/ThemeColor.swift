/// A colour a theme can name: the terminal's own (`default`), one of the 16 ANSI colours by name,
/// or an index of the 256-colour palette.
public enum ThemeColor: Sendable, Hashable {
    case terminalDefault
    case index(Int)

    private static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses `default`, `red`, `bright-red` or `0`…`255`; nil for anything else.
    public init?(name: String) {
        let lowered = name.lowercased()
        if lowered == "default" {
            self = .terminalDefault
        } else if let index = Self.names.firstIndex(of: lowered) {
            self = .index(index)
        } else if lowered.hasPrefix("bright-"), let index = Self.names.firstIndex(of: String(lowered.dropFirst(7))) {
            self = .index(index + 8)
        } else if let index = Int(lowered), (0...255).contains(index) {
            self = .index(index)
        } else {
            return nil
        }
    }

    /// The curses colour number: -1 for the terminal's default.
    public var cursesNumber: Int {
        switch self {
        case .terminalDefault: return -1
        case .index(let index): return index
        }
    }
}

/// How one role looks: colours and attributes.
public struct RoleStyle: Sendable, Hashable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(
        foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault, bold: Bool = false,
        reverse: Bool = false, underline: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    /// The same attributes without colour, for terminals without colour and for NO_COLOR.
    public var withoutColor: RoleStyle {
        RoleStyle(bold: bold, reverse: reverse, underline: underline, dim: dim)
    }
}

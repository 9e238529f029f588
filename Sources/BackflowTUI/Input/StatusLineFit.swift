import BackflowCore

/// One `key label` pair of the status line, and how long it stays when the line is short of room.
public struct StatusEntry: Sendable, Hashable {
    public var text: String
    /// Entries with the lowest value are left out first.
    public var value: Int

    public init(_ text: String, value: Int) {
        self.text = text
        self.value = value
    }
}

extension Keymap {
    /// The status line's entries on `screen` with a `pane` pane focused, the focused pane's own keys
    /// first. `?` and `q` are worth the most (the help lists whatever is left out), then the pane's
    /// keys, then the screen's, then `w` and `/`; `Tab` least, as the tabs show the screen numbers.
    public func statusEntries(on screen: Screen, pane: PaneKind = .list) -> [StatusEntry] {
        let shown = bindings(on: screen).filter { $0.inStatusLine && $0.applies(to: screen, pane: pane) }
        let ordered = shown.filter { $0.pane != nil } + shown.filter { $0.pane == nil }
        return ordered.map { binding in
            let value: Int
            switch binding.command {
            case .quit, .toggleHelp: value = 4
            case .nextScreen: value = 0
            case .save, .filter: value = 1
            default: value = binding.pane != nil ? 3 : 2
            }
            return StatusEntry("\(binding.keys[0]) \(binding.label)", value: value)
        }
    }
}

/// Fits a status line to the terminal's width: entries are left out whole, least valuable first (of
/// equal ones the later first), and the rest keep their order; a key is never cut in half.
enum StatusLineFit {
    static let separator = "  "

    static func fit(_ entries: [StatusEntry], width: Int) -> String {
        var kept = Array(entries.indices)
        func length(_ indices: [Int]) -> Int {
            indices.reduce(0) { $0 + DisplayWidth.of(entries[$1].text) } + max(0, indices.count - 1) * separator.count
        }
        while !kept.isEmpty, length(kept) > width {
            let dropped = kept.reversed().min { entries[$0].value < entries[$1].value } ?? kept[kept.count - 1]
            kept.removeAll { $0 == dropped }
        }
        return kept.map { entries[$0].text }.joined(separator: separator)
    }

    /// A line of keys written as text (`Enter done  Esc cancel`), fitted by leaving out its last entries first.
    static func fit(_ line: String, width: Int) -> String {
        let parts = line.components(separatedBy: separator).filter { !$0.isEmpty }
        return fit(parts.enumerated().map { StatusEntry($1, value: -$0) }, width: width)
    }
}

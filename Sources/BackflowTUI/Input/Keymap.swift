import BackflowCore

/// The screens of the editor, in tab order.
public enum Screen: String, Sendable, Hashable, CaseIterable {
    case overview = "Overview"
    case models = "Models"
    case testMapping = "Test Mapping"
    case syncs = "Syncs"
}

/// What kind of pane has the keys: a list (the default) or a payload viewer, whose keys scroll,
/// search, copy and page the payload.
public enum PaneKind: Sendable, Hashable {
    case list
    case payload
}

/// One row of the keymap: the keys, what they do, and where they apply.
public struct KeyBinding: Sendable, Hashable {
    public var keys: [Key]
    public var command: Command
    /// One or two words for the status line.
    public var label: String
    /// A sentence for the help screen.
    public var description: String
    /// The screens where the binding applies; empty means every screen.
    public var screens: Set<Screen>
    /// Whether the status line lists it (movement keys are left out to keep the line short).
    public var inStatusLine: Bool
    /// The kind of pane the binding needs to have the keys; nil for any.
    public var pane: PaneKind?

    public init(
        _ keys: [Key], _ command: Command, _ label: String, _ description: String, screens: Set<Screen> = [],
        pane: PaneKind? = nil, inStatusLine: Bool = true
    ) {
        self.keys = keys
        self.command = command
        self.label = label
        self.description = description
        self.screens = screens
        self.pane = pane
        self.inStatusLine = inStatusLine
    }

    public func applies(to screen: Screen) -> Bool { screens.isEmpty || screens.contains(screen) }

    /// Whether the binding applies on `screen` when a pane of kind `pane` has the keys.
    public func applies(to screen: Screen, pane focused: PaneKind) -> Bool {
        applies(to: screen) && (pane == nil || pane == focused)
    }

    /// The keys as shown to the user, e.g. `j/↓`.
    public var keyLabel: String { keys.map(\.description).joined(separator: "/") }
}

/// Every key binding of the editor, as data: dispatch, the `?` help and the status line all read
/// this one table, so they cannot drift apart.
public struct Keymap: Sendable, Hashable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) {
        self.bindings = bindings
    }

    /// The command `key` means on `screen` with a `pane` pane focused: a binding for that kind of
    /// pane first, then one for the screen, then a global one.
    public func command(for key: Key, on screen: Screen, pane: PaneKind = .list) -> Command? {
        let matching = bindings.filter { $0.keys.contains(key) && $0.applies(to: screen, pane: pane) }
        return (matching.first { $0.pane != nil } ?? matching.first { !$0.screens.isEmpty } ?? matching.first)?.command
    }

    /// The bindings that apply on `screen`, screen-specific first.
    public func bindings(on screen: Screen) -> [KeyBinding] {
        bindings.filter { !$0.screens.isEmpty && $0.screens.contains(screen) } + bindings.filter { $0.screens.isEmpty }
    }

    /// `key label` pairs for the status line of `screen` with a `pane` pane focused, with each
    /// binding's first key: the focused pane's own keys first.
    public func statusLine(on screen: Screen, pane: PaneKind = .list) -> String {
        statusEntries(on: screen, pane: pane).map(\.text).joined(separator: StatusLineFit.separator)
    }

    /// The help text: every binding, grouped by where it applies.
    public var helpLines: [String] {
        var lines = ["Everywhere"]
        lines += bindings.filter { $0.screens.isEmpty && $0.pane == nil }.map(helpLine)
        for screen in Screen.allCases {
            let own = bindings.filter { $0.screens.contains(screen) && $0.pane == nil }
            guard !own.isEmpty else { continue }
            lines += ["", screen.rawValue] + own.map(helpLine)
        }
        let payload = bindings.filter { $0.pane == .payload }
        if !payload.isEmpty {
            let heading = "A payload pane (o on Test Mapping: the message, then the record; o in an open run; "
                + "Enter on a model's rows)"
            lines += ["", heading] + payload.map(helpLine)
        }
        return lines
    }

    /// The help text of a keymap that applies in one place, such as a form, under `title`.
    public func helpLines(titled title: String) -> [String] {
        [title] + bindings.map(helpLine)
    }

    private func helpLine(_ binding: KeyBinding) -> String {
        "  " + DisplayWidth.pad(binding.keyLabel, to: 22) + binding.description
    }
}

import Testing

@testable import BackflowTUI

@Suite("TUI keymap")
struct TUIKeymapTests {
    let keymap = Keymap.standard

    @Test func helpListsEveryBinding() {
        let help = keymap.helpLines.joined(separator: "\n")
        for binding in keymap.bindings {
            #expect(help.contains(binding.keyLabel + " "), "\(binding.command)")
            #expect(help.contains(binding.description), "\(binding.command)")
        }
    }

    @Test func everyCommandHasABinding() {
        let bound = Set((keymap.bindings + Keymap.form.bindings).map(\.command))
        #expect(bound == Set(Command.allCases))
    }

    @Test func noKeyMeansTwoThingsOnOneScreen() {
        for screen in Screen.allCases {
            var seen: [Key: Command] = [:]
            for binding in keymap.bindings(on: screen).filter({ !$0.screens.isEmpty }) {
                for key in binding.keys {
                    #expect(seen[key] == nil, "\(key) on \(screen)")
                    seen[key] = binding.command
                }
            }
            var global: [Key: Command] = [:]
            for binding in keymap.bindings.filter(\.screens.isEmpty) {
                for key in binding.keys {
                    #expect(global[key] == nil, "\(key) globally")
                    global[key] = binding.command
                }
            }
        }
    }

    @Test func statusLineShowsTheKeysOfTheFocusedPaneWithinOneRow() {
        #expect(keymap.statusLine(on: .overview).contains("n new"))
        #expect(!keymap.statusLine(on: .syncs).contains("n new"))
        #expect(keymap.statusLine(on: .testMapping, pane: .payload).hasPrefix("n next  W wrap  y copy  v pager"))
        #expect(!keymap.statusLine(on: .testMapping).contains("W wrap"))
        for screen in Screen.allCases { #expect(keymap.statusLine(on: screen).count <= 99, "\(screen)") }
    }

    /// A key bound everywhere keeps its meaning on every screen and in every pane: no screen's or
    /// payload pane's own binding hides it.
    @Test func noScreenOrPaneKeyHidesAKeyOfEveryScreen() {
        let everywhere = Set(keymap.bindings.filter(\.screens.isEmpty).flatMap(\.keys))
        for binding in keymap.bindings where !binding.screens.isEmpty {
            #expect(everywhere.isDisjoint(with: binding.keys), "\(binding.command)")
        }
    }

    /// The forms read the keys of every screen first (movement, `?`, `:`, `w`, `u`, Ctrl-R, Ctrl-Z),
    /// so a form key must be none of them.
    @Test func theFormKeysAreNoneOfTheKeysOfEveryScreen() {
        let everywhere = Set(keymap.bindings.filter(\.screens.isEmpty).flatMap(\.keys))
        for binding in Keymap.form.bindings {
            #expect(everywhere.isDisjoint(with: binding.keys), "\(binding.command)")
        }
    }

    @Test func screenBindingWinsOverAGlobalOne() {
        let custom = Keymap(bindings: [
            KeyBinding([.character("x")], .quit, "quit", "Quit"),
            KeyBinding([.character("x")], .filter, "filter", "Filter", screens: [.models]),
        ])
        #expect(custom.command(for: .character("x"), on: .models) == .filter)
        #expect(custom.command(for: .character("x"), on: .overview) == .quit)
    }
}

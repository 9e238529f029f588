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

    @Test func statusLineShowsTheKeysOfTheCurrentScreenWithinOneRow() {
        #expect(keymap.statusLine(on: .models).contains("/ filter"))
        #expect(!keymap.statusLine(on: .overview).contains("/ filter"))
        for screen in Screen.allCases { #expect(keymap.statusLine(on: screen).count <= 99, "\(screen)") }
    }

    @Test func screenBindingWinsOverAGlobalOne() {
        let custom = Keymap(bindings: [
            KeyBinding([.character("x")], .quit, "quit", "Quit"),
            KeyBinding([.character("x")], .filterColumns, "filter", "Filter", screens: [.models]),
        ])
        #expect(custom.command(for: .character("x"), on: .models) == .filterColumns)
        #expect(custom.command(for: .character("x"), on: .overview) == .quit)
    }
}

import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// The status line fits the terminal: entries are left out whole, the least useful first.
@Suite("TUI status line")
struct TUIStatusLineTests {
    /// The last row of the screen, without its trailing blanks.
    private func statusRow(_ state: AppState, width: Int) -> String {
        let grid = AppView.render(state, width: width, height: 24)
        return String(grid.rowText(grid.height - 1).reversed().drop { $0 == " " }.reversed())
    }

    @Test func atEightyColumnsEveryScreenKeepsWholeKeysAndHelpAndQuit() throws {
        var state = try TUIFixture.state()
        for screen in ["1", "2", "3", "4"] {
            _ = state.update(.key(.character(Character(screen))))
            let line = statusRow(state, width: 80)
            #expect(line.count <= 80)
            #expect(line.contains("q quit") && line.contains("? help"), "\(line)")
            let entries = state.keymap.statusEntries(on: state.screen, pane: state.focusedPane).map(\.text)
            for part in line.dropFirst().components(separatedBy: "  ") {
                #expect(entries.contains(part), "\"\(part)\" is not a whole entry of \(entries)")
            }
        }
    }

    @Test func theScreenKeyGoesFirstThenSaveAndFilter() {
        let entries = Keymap.standard.statusEntries(on: .overview)
        let full = entries.map(\.text).joined(separator: "  ")
        #expect(full.contains("Tab screen"))
        let fitted = StatusLineFit.fit(entries, width: full.count - 1)
        #expect(!fitted.contains("Tab screen"))
        #expect(fitted.contains("/ filter") && fitted.contains("w save"))
        let tighter = StatusLineFit.fit(entries, width: full.count - 13)
        #expect(!tighter.contains("w save") && tighter.contains("/ filter"))
        #expect(tighter.hasPrefix("o pane  n new"))
    }

    @Test func aWideTerminalShowsEveryEntry() throws {
        let state = try TUIFixture.state()
        #expect(statusRow(state, width: 200).dropFirst() == Keymap.standard.statusLine(on: .overview))
    }

    @Test func aLineOfKeysAsTextLosesItsLastEntriesFirst() {
        #expect(StatusLineFit.fit("Enter done  Esc cancel  Tab next", width: 22) == "Enter done  Esc cancel")
        #expect(StatusLineFit.fit("Enter done  Esc cancel  Tab next", width: 21) == "Enter done")
        #expect(StatusLineFit.fit("Enter done  Esc cancel", width: 5) == "")
    }
}

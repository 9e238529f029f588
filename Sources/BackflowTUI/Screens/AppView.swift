import BackflowCore

/// Draws the whole editor for a state: the screen tabs, the current screen, a notice or the open
/// prompt, and the status line of keys. A pure function, so golden tests call it directly.
public enum AppView {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public static func render(_ state: AppState, width: Int, height: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            drawTooSmall(&grid)
            return grid
        }
        drawTabs(state, into: &grid)
        let body = body(width: width, height: height)
        if state.showingHelp {
            HelpView.draw(state, in: body, into: &grid)
        } else if let editing = state.editor {
            MappingEditorView.draw(state, editing, in: body, into: &grid)
        } else if let editing = state.destinationEditor {
            DestinationEditorView.draw(state, editing, in: body, into: &grid)
        } else if state.problemsPane.isShowing {
            ProblemsView.draw(state, in: body, into: &grid)
        } else {
            switch state.screen {
            case .overview: OverviewView.draw(state, in: body, into: &grid)
            case .models: ModelBrowserView.draw(state, in: body, into: &grid)
            case .testMapping: TestMappingView.draw(state, in: body, into: &grid)
            case .syncs: SyncsView.draw(state, in: body, into: &grid)
            }
        }
        drawNotice(state, into: &grid)
        drawStatusBar(state, into: &grid)
        return grid
    }

    /// Where a screen is drawn: between the tabs and the notice and status lines.
    static func body(width: Int, height: Int) -> Rect { Rect(x: 0, y: 1, width: width, height: height - 3) }

    /// Each screen's tab and the columns its label takes in the top row.
    static var tabs: [(screen: Screen, columns: Range<Int>)] {
        var x = DisplayWidth.of(title)
        return Screen.allCases.enumerated().map { index, screen in
            let start = x + 1
            x = start + DisplayWidth.of(tabLabel(screen, index: index))
            return (screen, start..<x)
        }
    }

    private static let title = "Backflow "

    private static func tabLabel(_ screen: Screen, index: Int) -> String { " \(index + 1) \(screen.rawValue) " }

    private static func drawTabs(_ state: AppState, into grid: inout CellGrid) {
        var x = grid.put(title, x: 0, y: 0, role: .title)
        for (index, tab) in tabs.enumerated() {
            x = grid.put(
                tabLabel(tab.screen, index: index), x: tab.columns.lowerBound, y: 0,
                role: tab.screen == state.screen ? .selection : .muted)
        }
        let count = state.problemRows.count
        let problems = count == 0 ? "" : "[\(count) problem\(count == 1 ? "" : "s"): p] "
        let shown = problems + (state.hasUnsavedChanges ? "[modified] " : "") + state.workspacePath
        let path = DisplayWidth.truncate(shown, to: max(0, grid.width - x - 2))
        grid.put(path, x: grid.width - DisplayWidth.of(path), y: 0, role: .muted)
    }

    private static func drawNotice(_ state: AppState, into grid: inout CellGrid) {
        let y = grid.height - 2
        if let prompt = state.prompt {
            let x = grid.put(prompt.label, x: 0, y: y, role: .key)
            grid.put(PromptLine.visible(prompt, width: grid.width - x), x: x, y: y, role: .text)
        } else if let notice = state.notice {
            let lines = noticeLines(notice, width: grid.width, height: grid.height)
            let top = y + 1 - lines.count
            grid.fill(Rect(x: 0, y: top, width: grid.width, height: lines.count), role: .text)
            for (offset, line) in lines.enumerated() { grid.put(line, x: 0, y: top + offset, role: notice.role) }
        }
    }

    /// A notice wrapped to the width, growing upwards over the screen rather than being cut at the
    /// edge: an error's reason is the one thing the user needs whole. Past half the screen (never
    /// reached by a real message) the last line is cut.
    static func noticeLines(_ notice: Notice, width: Int, height: Int) -> [String] {
        let lines = TextWrap.lines(notice.text, width: width)
        return Array(lines.prefix(max(1, height / 2)))
    }

    /// The keys of whatever has them, fitted to the width (see ``StatusLineFit``).
    private static func drawStatusBar(_ state: AppState, into grid: inout CellGrid) {
        let y = grid.height - 1
        grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), role: .statusBar)
        let width = grid.width - 1
        let keys: String
        if let prompt = state.prompt {
            switch prompt.purpose {
            case .columnFilter: keys = "type to filter  Enter keep  Esc clear"
            case .recordID: keys = "Enter test  Esc cancel"
            case .search: keys = "type to search  Enter keep  Esc clear  then n/N next/previous"
            case .listFilter, .popupFilter: keys = "type to filter  Enter keep  Esc clear"
            case .command:
                keys = prompt.completions.isEmpty
                    ? "Tab complete  Enter run  Esc cancel" : prompt.completions.joined(separator: "  ")
            default: keys = "Enter done  Esc cancel"
            }
        } else if state.showingHelp {
            keys = "j/k PgUp/PgDn Home/End scroll  any other key closes the help"
        } else if let editing = state.editor {
            keys = MappingEditorView.keys(state, editing)
        } else if let editing = state.destinationEditor {
            keys = DestinationEditorView.keys(state, editing)
        } else if state.problemsPane.isShowing {
            keys = ProblemsView.keys
        } else {
            let entries = state.keymap.statusEntries(on: state.screen, pane: state.focusedPane)
            grid.put(" " + StatusLineFit.fit(entries, width: width), x: 0, y: y, role: .statusBar)
            return
        }
        grid.put(" " + StatusLineFit.fit(keys, width: width), x: 0, y: y, role: .statusBar)
    }

    private static func drawTooSmall(_ grid: inout CellGrid) {
        let lines = [
            "The terminal is \(grid.width)×\(grid.height).",
            "Backflow needs at least \(minimumWidth)×\(minimumHeight): make the window bigger.",
            "q quits.",
        ]
        let top = max(0, (grid.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            let x = max(0, (grid.width - DisplayWidth.of(line)) / 2)
            grid.put(line, x: x, y: top + offset, role: offset == 0 ? .warning : .text)
        }
    }
}

import BackflowCore

/// The overview: destinations with their settings, and mappings with their last run (running now,
/// or its status in the colour of what it means and how long ago it ended). Column
/// widths come from the values and the width there is (``TableLayout``): at 80 columns the
/// mapping's name, ON, LAST RUN, SENT and FAIL stay, and the columns that matter less go first.
enum OverviewView {
    /// The destinations box and the mappings box; the mappings table sits inside its box, above a
    /// line about the selected mapping's last run.
    static func layout(_ state: AppState, in rect: Rect) -> (destinations: Rect, mappings: Rect, mappingsTable: Rect) {
        let destinationsHeight = min(rect.height / 2, max(4, state.workspace.destinations.count + 3))
        let (top, bottom) = rect.splitRows(at: destinationsHeight)
        return (top, bottom, Rect(x: bottom.x + 2, y: bottom.y + 1, width: bottom.width - 3, height: bottom.height - 4))
    }

    static func draw(_ state: AppState, in rect: Rect, into grid: inout CellGrid) {
        let (top, bottom, table) = layout(state, in: rect)
        let destinationsFocused = state.overview.panel == .destinations
        let destinationFilter = state.listFilter(of: .destinations)
        grid.box(
            top, title: destinationFilter.isEmpty ? "Destinations" : "Destinations matching \"\(destinationFilter)\"",
            focused: destinationsFocused)
        let destinationsArea = top.inner.inset(left: 1)
        let shownDestinations = state.visibleDestinations()
        let destinations = shownDestinations.map { state.workspace.destinations[$0] }
        let (destinationColumns, destinationRows) = TableLayout.table(
            [
                ColumnSpec("NAME", values: destinations.map(\.name), priority: 10),
                ColumnSpec("ON", values: destinations.map { $0.enabled ? "yes" : "no" }, priority: 9),
                ColumnSpec("WRITE KEY", values: destinations.map { state.maskedWriteKeys[$0.name] ?? "–" }, priority: 8,
                    minimum: 16),
                ColumnSpec("TYPE", values: destinations.map(\.type), priority: 5),
                ColumnSpec("REGION", values: destinations.map { $0.effectiveRegion ?? "–" }, priority: 4),
            ], width: destinationsArea.width - 1
        ) { destinations[$0].enabled ? .text : .muted }
        let selectedDestination = shownDestinations.firstIndex(of: state.overview.selectedDestination)
        grid.table(
            destinationColumns, rows: destinationRows, in: destinationsArea, selected: selectedDestination,
            focused: destinationsFocused,
            firstRow: scrollOffset(selected: selectedDestination ?? 0, current: 0, visible: destinationsArea.height - 1))
        let filter = state.listFilter(of: .mappings(.overview))
        grid.box(bottom, title: filter.isEmpty ? "Mappings" : "Mappings matching \"\(filter)\"", focused: !destinationsFocused)
        if state.workspace.mappings.isEmpty {
            grid.put(
                "No mappings yet: press n to add one.", x: bottom.x + 2, y: bottom.y + 1,
                role: .muted, clip: bottom.inner)
            return
        }
        let visible = state.visibleMappings(on: .overview)
        let mappings = visible.map { state.workspace.mappings[$0] }
        let runs = mappings.map { state.lastRuns[$0.name] }
        let (columns, rows) = TableLayout.table(
            [
                ColumnSpec("NAME", values: mappings.map(\.name), priority: 10, minimum: 14),
                ColumnSpec("DESTINATION", values: mappings.map(\.destination), priority: 3),
                ColumnSpec("MODEL", values: mappings.map(\.model), priority: 4),
                ColumnSpec("ACTION", values: mappings.map(\.action), priority: 5, minimum: 12),
                ColumnSpec("RECORDS", values: mappings.map(\.records.rawValue), priority: 2),
                ColumnSpec("ON", values: mappings.map { $0.enabled ? "yes" : "no" }, priority: 9),
                ColumnSpec(
                    "LAST RUN", values: mappings.indices.map { lastRunColumn(state, mappings[$0].name, runs[$0]) },
                    priority: 8, minimum: 20,
                    roles: mappings.indices.map { row in
                        state.syncs.pending.contains(mappings[row].name) ? .key : runs[row].map(RunText.role)
                    }),
                ColumnSpec("SENT", values: runs.map { $0.map { NumberText.grouped($0.delivered) } ?? "–" }, priority: 7,
                    isNumber: true),
                ColumnSpec("FAIL", values: runs.map { $0.map { NumberText.grouped($0.failed) } ?? "–" }, priority: 7,
                    isNumber: true),
            ], width: table.width - 1
        ) { row in mappings[row].enabled ? .text : .muted }
        let selectedRow = visible.firstIndex(of: state.overview.selectedMapping)
        grid.table(
            columns, rows: rows, in: table, selected: selectedRow, focused: !destinationsFocused,
            firstRow: scrollOffset(selected: selectedRow ?? 0, current: 0, visible: table.height - 1))
        if let selected = state.workspace.mappings[safe: state.overview.selectedMapping], selectedRow != nil {
            let detail = "\(selected.name): last run " + lastRunText(state.lastRuns[selected.name])
            let role = state.lastRuns[selected.name]?.runError?.role ?? .muted
            grid.put(detail, x: table.x, y: bottom.maxY - 2, role: role, clip: bottom.inner)
        }
    }

    /// `running 12s` while this editor syncs the mapping, `success 3m ago` after, `never` before.
    private static func lastRunColumn(_ state: AppState, _ mapping: String, _ run: SyncRun?) -> String {
        if state.syncs.pending.contains(mapping) {
            let elapsed = state.syncs.live.first { $0.mapping == mapping }?.elapsed ?? 0
            return "running " + RunText.duration(elapsed)
        }
        return run.map { RunText.statusWithAge($0, now: state.now) } ?? "never"
    }

    static func lastRunText(_ run: SyncRun?) -> String {
        guard let run else { return "never" }
        let counts = "\(NumberText.grouped(run.delivered)) delivered, \(NumberText.grouped(run.failed)) failed"
        guard let failure = run.runError else { return "#\(run.id) \(run.statusText): \(counts)" }
        return "#\(run.id) \(failure.summary) (\(counts))"
    }
}

extension Rect {
    /// The rectangle without its first `left` columns.
    func inset(left: Int) -> Rect { Rect(x: x + left, y: y, width: width - left, height: height) }
}

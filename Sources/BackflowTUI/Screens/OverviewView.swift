import BackflowCore

/// The overview: destinations with their settings, and mappings with their last run.
enum OverviewView {
    static func draw(_ state: AppState, in rect: Rect, into grid: inout CellGrid) {
        let destinationsHeight = min(rect.height / 2, max(4, state.workspace.destinations.count + 3))
        let (top, bottom) = rect.splitRows(at: destinationsHeight)
        let destinationsFocused = state.overview.panel == .destinations
        grid.box(top, title: "Destinations", focused: destinationsFocused)
        grid.table(
            [
                TableColumn("NAME", width: 14), TableColumn("TYPE", width: 24), TableColumn("REGION", width: 14),
                TableColumn("WRITE KEY", width: 30), TableColumn("ENABLED", width: 7),
            ],
            rows: state.workspace.destinations.map { destination in
                TableRow(
                    [
                        destination.name, destination.type, destination.effectiveRegion ?? "–",
                        state.maskedWriteKeys[destination.name] ?? "–", destination.enabled ? "yes" : "no",
                    ], role: destination.enabled ? .text : .muted)
            },
            in: top.inner.inset(left: 1), selected: state.overview.selectedDestination, focused: destinationsFocused,
            firstRow: scrollOffset(
                selected: state.overview.selectedDestination, current: 0, visible: top.inner.height - 1))
        grid.box(bottom, title: "Mappings", focused: !destinationsFocused)
        if state.workspace.mappings.isEmpty {
            grid.put(
                "No mappings yet: press n to add one.", x: bottom.x + 2, y: bottom.y + 1,
                role: .muted, clip: bottom.inner)
            return
        }
        let table = Rect(x: bottom.x + 2, y: bottom.y + 1, width: bottom.width - 3, height: bottom.height - 4)
        grid.table(
            [
                TableColumn("NAME", width: 19), TableColumn("DESTINATION", width: 11), TableColumn("MODEL", width: 11),
                TableColumn("ACTION", width: 16), TableColumn("RECORDS", width: 16), TableColumn("ON", width: 3),
                TableColumn("LAST RUN", width: 9),
            ],
            rows: state.workspace.mappings.map { mapping in
                TableRow(
                    [
                        mapping.name, mapping.destination, mapping.model, mapping.action,
                        mapping.records.rawValue, mapping.enabled ? "yes" : "no",
                        state.lastRuns[mapping.name]?.statusText ?? "never",
                    ], role: !mapping.enabled ? .muted : state.lastRuns[mapping.name]?.status == .failed ? .error : .text)
            },
            in: table, selected: state.overview.selectedMapping, focused: !destinationsFocused,
            firstRow: scrollOffset(selected: state.overview.selectedMapping, current: 0, visible: table.height - 1))
        if let selected = state.workspace.mappings[safe: state.overview.selectedMapping] {
            let detail = "\(selected.name): last run " + lastRunText(state.lastRuns[selected.name])
            let role = state.lastRuns[selected.name]?.runError?.role ?? .muted
            grid.put(detail, x: table.x, y: bottom.maxY - 2, role: role, clip: bottom.inner)
        }
    }

    static func lastRunText(_ run: SyncRun?) -> String {
        guard let run else { return "never" }
        let counts = "\(run.delivered) delivered, \(run.failed) failed"
        guard let failure = run.runError else { return "#\(run.id) \(run.statusText): \(counts)" }
        return "#\(run.id) \(failure.summary) (\(counts))"
    }
}

extension Rect {
    /// The rectangle without its first `left` columns.
    func inset(left: Int) -> Rect { Rect(x: x + left, y: y, width: width - left, height: height) }
}

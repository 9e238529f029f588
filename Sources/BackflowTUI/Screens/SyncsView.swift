import Foundation
import BackflowCore

/// Syncs: mappings to sync on the left; live progress of the running batch, and the run history
/// or one run's failed records, on the right.
enum SyncsView {
    static func draw(_ state: AppState, in rect: Rect, into grid: inout CellGrid) {
        let (list, detail) = rect.splitColumns(at: 26)
        let mappingsFocused = state.syncs.panel == .mappings
        grid.box(list, title: "Mappings", focused: mappingsFocused)
        grid.list(
            state.workspace.mappings.map { mapping in
                (state.syncs.pending.contains(mapping.name) ? "⟳ " : "  ") + mapping.name
            }, in: list.inner, selected: state.syncs.selectedMapping, focused: mappingsFocused,
            first: scrollOffset(selected: state.syncs.selectedMapping, current: 0, visible: list.inner.height))
        let progressHeight = state.syncs.live.isEmpty ? 3 : min(detail.height / 2, state.syncs.live.count + 2)
        let (progressBox, lower) = detail.splitRows(at: progressHeight)
        drawProgress(state.syncs, in: progressBox, into: &grid)
        if state.syncs.failures != .notLoaded {
            drawFailures(state.syncs, in: lower, into: &grid)
        } else {
            drawHistory(state.syncs, focused: !mappingsFocused, in: lower, into: &grid)
        }
    }

    private static func drawProgress(_ syncs: SyncsState, in rect: Rect, into grid: inout CellGrid) {
        grid.box(rect, title: syncs.isSyncing ? "Sync running" : "Last sync")
        let inner = rect.inner.inset(left: 1)
        guard !syncs.live.isEmpty else {
            grid.put("s syncs the selected mapping, S every enabled one.",
                x: inner.x, y: inner.y, role: .muted, clip: inner)
            return
        }
        let lines = syncs.live.map(progressLine)
        grid.lines(lines, in: inner)
    }

    static func progressLine(_ progress: SyncProgress) -> StyledLine {
        let counts = progress.counts
        let phaseRole: UIRole = progress.phase == .finished ? (progress.failed > 0 ? .warning : .success) : .key
        let rate = progress.rate > 0 ? String(format: "%.0f/s", progress.rate) : "–"
        let eta = progress.estimatedSecondsLeft.map { String(format: "  ETA %.0fs", $0) } ?? ""
        return StyledLine([
            (DisplayWidth.pad(progress.mapping, to: 18) + " ", .title),
            (DisplayWidth.pad(progress.phase.rawValue, to: 11), phaseRole),
            (
                "+\(counts.added) ~\(counts.updated) -\(counts.deleted)  sent \(progress.delivered)  "
                    + "failed \(progress.failed)  \(rate)\(eta)", .text
            ),
        ])
    }

    private static func drawHistory(_ syncs: SyncsState, focused: Bool, in rect: Rect, into grid: inout CellGrid) {
        grid.box(rect, title: "Run history", focused: focused)
        let inner = rect.inner.inset(left: 1)
        guard !syncs.runs.isEmpty else {
            grid.put("No runs yet.", x: inner.x, y: inner.y, role: .muted, clip: inner)
            return
        }
        grid.table(
            [
                TableColumn("RUN", width: 4, alignRight: true), TableColumn("MAPPING", width: 18),
                TableColumn("STATUS", width: 10), TableColumn("+ADD", width: 5, alignRight: true),
                TableColumn("~UPD", width: 5, alignRight: true), TableColumn("-DEL", width: 5, alignRight: true),
                TableColumn("SENT", width: 5, alignRight: true), TableColumn("FAIL", width: 5, alignRight: true),
            ],
            rows: syncs.runs.map { run in
                TableRow(
                    [
                        "#\(run.id)", run.mapping, run.statusText, "\(run.counts.added)", "\(run.counts.updated)",
                        "\(run.counts.deleted)", "\(run.delivered)", "\(run.failed)",
                    ], role: run.failed > 0 || run.error != nil ? .error : .text)
            },
            in: inner, selected: syncs.selectedRun, focused: focused,
            firstRow: scrollOffset(selected: syncs.selectedRun, current: 0, visible: inner.height - 1))
    }

    private static func drawFailures(_ syncs: SyncsState, in rect: Rect, into grid: inout CellGrid) {
        let inner = rect.inner.inset(left: 1)
        switch syncs.failures {
        case .notLoaded, .loading:
            grid.box(rect, title: "Failed records")
            grid.put("loading…", x: inner.x, y: inner.y, role: .muted, clip: inner)
        case .failed(let reason):
            grid.box(rect, title: "Failed records")
            grid.put(reason, x: inner.x, y: inner.y, role: .error, clip: inner)
        case .loaded(let failures):
            grid.box(rect, title: "Run #\(failures.runID): failed records (Esc back)", focused: true)
            guard !failures.errors.isEmpty else {
                grid.put("This run has no failed records.", x: inner.x, y: inner.y, role: .success, clip: inner)
                return
            }
            let lines = failures.errors.dropFirst(syncs.failureOffset).flatMap { failureLines($0, width: inner.width) }
            grid.lines(lines, in: inner)
        }
    }

    static func failureLines(_ error: RunRecordError, width: Int) -> [StyledLine] {
        var lines = [StyledLine([("record \(error.recordID)", .title), (" (\(error.change.rawValue))", .muted)])]
        lines += TestMappingView.wrap(error.reason, width: width - 2).map { StyledLine("  " + $0, role: .error) }
        if let payload = error.samplePayload {
            lines.append(StyledLine("  sample payload:", role: .muted))
            lines += JSONLines.lines(payload).map { StyledLine([("    ", .text)] + $0.spans) }
        }
        lines.append(StyledLine())
        return lines
    }
}

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
        let progress = progressLines(state.syncs, width: detail.inner.width - 1)
        let progressHeight = progress.isEmpty ? 3 : min(detail.height / 2, progress.count + 2)
        let (progressBox, lower) = detail.splitRows(at: progressHeight)
        drawProgress(state.syncs, lines: progress, in: progressBox, into: &grid)
        if state.syncs.failures != .notLoaded {
            drawFailures(state.syncs, in: lower, into: &grid)
        } else {
            drawHistory(state.syncs, focused: !mappingsFocused, in: lower, into: &grid)
        }
    }

    private static func drawProgress(
        _ syncs: SyncsState, lines: [StyledLine], in rect: Rect, into grid: inout CellGrid
    ) {
        grid.box(rect, title: syncs.isSyncing ? "Sync running" : "Last sync")
        let inner = rect.inner.inset(left: 1)
        guard !lines.isEmpty else {
            grid.put("s syncs the selected mapping, S every enabled one.",
                x: inner.x, y: inner.y, role: .muted, clip: inner)
            return
        }
        grid.lines(lines, in: inner)
    }

    /// A line of counts for each mapping of the batch, and under a mapping that failed as a whole,
    /// why, wrapped to `width`.
    static func progressLines(_ syncs: SyncsState, width: Int) -> [StyledLine] {
        syncs.live.flatMap { progress in
            let failure = syncs.runErrors[progress.mapping]
            let why = failure.map { failure in
                TextWrap.lines(failure.summary, width: width - 2).map { StyledLine("  " + $0, role: failure.role) }
            }
            return [progressLine(progress, failure: failure)] + (why ?? [])
        }
    }

    static func progressLine(_ progress: SyncProgress, failure: RunError?) -> StyledLine {
        let counts = progress.counts
        let finishedRole: UIRole = progress.failed > 0 ? .warning : .success
        let phase = failure.map { ($0.status, $0.role) }
            ?? (progress.phase.rawValue, progress.phase == .finished ? finishedRole : .key)
        let rate = progress.rate > 0 ? String(format: "%.0f/s", progress.rate) : "–"
        let eta = progress.estimatedSecondsLeft.map { String(format: "  ETA %.0fs", $0) } ?? ""
        return StyledLine([
            (DisplayWidth.pad(progress.mapping, to: 18) + " ", .title),
            (DisplayWidth.pad(phase.0, to: 11), phase.1),
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
            let runError = syncs.runs.first { $0.id == failures.runID }?.runError
            var lines = runError.map { runErrorLines($0, width: inner.width) } ?? []
            if failures.errors.isEmpty, runError == nil {
                lines.append(StyledLine("This run has no failed records.", role: .success))
            }
            lines += failures.errors.dropFirst(syncs.failureOffset).flatMap { failureLines($0, width: inner.width) }
            grid.lines(lines, in: inner)
        }
    }

    /// Why the whole run failed, wrapped: the reason, then what its code means.
    static func runErrorLines(_ failure: RunError, width: Int) -> [StyledLine] {
        var lines = TextWrap.lines("Run \(failure.summary)", width: width).map { StyledLine($0, role: failure.role) }
        if let code = failure.code {
            lines += TextWrap.lines("\(code.rawValue): \(code.meaning)", width: width - 2)
                .map { StyledLine("  " + $0, role: .muted) }
        }
        lines.append(StyledLine())
        return lines
    }

    static func failureLines(_ error: RunRecordError, width: Int) -> [StyledLine] {
        var lines = [StyledLine([("record \(error.recordID)", .title), (" (\(error.change.rawValue))", .muted)])]
        lines += TextWrap.lines(error.reason, width: width - 2).map { StyledLine("  " + $0, role: .error) }
        if let payload = error.samplePayload {
            lines.append(StyledLine("  sample payload:", role: .muted))
            lines += JSONLines.lines(payload).map { StyledLine([("    ", .text)] + $0.spans) }
        }
        lines.append(StyledLine())
        return lines
    }
}

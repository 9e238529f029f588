import Foundation
import BackflowCore

/// Syncs: mappings to sync on the left; live progress of the running batch, and the run history
/// or one open run (its header, its failed records grouped by reason, and the selected record's
/// payload in a payload pane) on the right.
enum SyncsView {
    /// Where each pane goes; `failures` and `payload` only while a run is open.
    struct Layout: Equatable {
        var list: Rect
        var progress: Rect
        var lower: Rect
        var failures: Rect?
        var payload: Rect?
    }

    static func layout(_ state: AppState, in rect: Rect) -> Layout {
        let widest = state.workspace.mappings.map { DisplayWidth.of($0.name) }.max() ?? 0
        let (list, detail) = rect.splitColumns(at: min(max(20, widest + 6), 30))
        let progress = progressLines(state.syncs, width: detail.inner.width - 1)
        let progressHeight = progress.isEmpty ? 3 : min(detail.height / 2, progress.count + 2)
        let (progressBox, lower) = detail.splitRows(at: progressHeight)
        guard let failures = state.syncs.failures.value, !failures.errors.isEmpty else {
            return Layout(list: list, progress: progressBox, lower: lower)
        }
        let listLines = headerLines(state, failures, width: lower.width - 3).count + state.syncs.failureRows.count
        let (failuresBox, payload) = lower.splitRows(at: min(max(3, lower.height / 2), listLines + 2))
        return Layout(list: list, progress: progressBox, lower: lower, failures: failuresBox, payload: payload)
    }

    static func draw(_ state: AppState, in rect: Rect, into grid: inout CellGrid) {
        let layout = layout(state, in: rect)
        let mappingsFocused = state.syncs.panel == .mappings
        let filter = state.listFilter(of: .mappings(.syncs))
        grid.box(layout.list, title: filter.isEmpty ? "Mappings" : "Mappings: \(filter)", focused: mappingsFocused)
        let visible = state.visibleMappings(on: .syncs)
        let selectedRow = visible.firstIndex(of: state.syncs.selectedMapping)
        grid.list(
            visible.map { index in
                let name = state.workspace.mappings[index].name
                return (state.syncs.pending.contains(name) ? "⟳ " : "  ") + name
            }, in: layout.list.inner, selected: selectedRow, focused: mappingsFocused,
            first: scrollOffset(selected: selectedRow ?? 0, current: 0, visible: layout.list.inner.height))
        drawProgress(state.syncs, lines: progressLines(state.syncs, width: layout.progress.inner.width - 1),
            in: layout.progress, into: &grid)
        if state.syncs.failures != .notLoaded {
            drawFailures(state, layout: layout, into: &grid)
        } else {
            drawHistory(state, focused: !mappingsFocused, in: layout.lower, into: &grid)
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
        let nameWidth = syncs.live.map { DisplayWidth.of($0.mapping) }.max() ?? 0
        return syncs.live.flatMap { progress in
            let failure = syncs.runErrors[progress.mapping]
            let why = failure.map { failure in
                TextWrap.lines(failure.summary, width: width - 2).map { StyledLine("  " + $0, role: failure.role) }
            }
            return progressLine(progress, failure: failure, retries: syncs.retries[progress.mapping], nameWidth: nameWidth)
                .flowed(width: width) + (why ?? [])
        }
    }

    /// The mapping, its phase, its counts, and while the destination refuses attempts what it
    /// answered and how often ("503 ×64, retrying").
    static func progressLine(_ progress: SyncProgress, failure: RunError?, retries: RetryTally?, nameWidth: Int)
        -> StyledLine
    {
        let counts = progress.counts
        let finishedRole: UIRole = progress.failed > 0 ? .warning : .success
        let phase = failure.map { ($0.status, $0.role) }
            ?? (progress.phase.rawValue, progress.phase == .finished ? finishedRole : .key)
        let rate = progress.rate > 0 ? String(format: "%.0f/s", progress.rate) : "–"
        let eta = progress.estimatedSecondsLeft.map { String(format: "  ETA %.0fs", $0) } ?? ""
        let number = NumberText.grouped
        var line = StyledLine([
            (DisplayWidth.pad(progress.mapping, to: nameWidth) + "  ", .title),
            (DisplayWidth.pad(phase.0, to: 11), phase.1),
            ("+\(number(counts.added)) ~\(number(counts.updated)) -\(number(counts.deleted))", .text),
            ("  sent \(number(progress.delivered))", .text), ("  failed \(number(progress.failed))", .text),
            ("  \(rate)\(eta)", .text),
        ])
        if let retries, !retries.counts.isEmpty {
            let waiting = progress.isBackingOff && progress.phase != .finished
            line.append("  " + retries.summary + (waiting ? ", retrying" : ""), waiting ? .warning : .muted)
        }
        return line
    }

    private static func drawHistory(_ state: AppState, focused: Bool, in rect: Rect, into grid: inout CellGrid) {
        grid.box(rect, title: "Run history", focused: focused)
        let inner = rect.inner.inset(left: 1)
        let visible = state.visibleRuns()
        guard !visible.isEmpty else {
            grid.put(state.syncs.runs.isEmpty ? "No runs yet." : "No runs of the filtered mappings.",
                x: inner.x, y: inner.y, role: .muted, clip: inner)
            return
        }
        let runs = visible.map { state.syncs.runs[$0] }
        let number = NumberText.grouped
        let (columns, rows) = TableLayout.table(
            [
                ColumnSpec("RUN", values: runs.map { "#\($0.id)" }, priority: 10, isNumber: true),
                ColumnSpec("MAPPING", values: runs.map(\.mapping), priority: 9, minimum: 12),
                ColumnSpec(
                    "STATUS", values: runs.map { RunText.statusWithAge($0, now: state.now) }, priority: 8,
                    roles: runs.map(RunText.role)),
                ColumnSpec("+ADD", values: runs.map { number($0.counts.added) }, priority: 4, isNumber: true),
                ColumnSpec("~UPD", values: runs.map { number($0.counts.updated) }, priority: 3, isNumber: true),
                ColumnSpec("-DEL", values: runs.map { number($0.counts.deleted) }, priority: 2, isNumber: true),
                ColumnSpec("SENT", values: runs.map { number($0.delivered) }, priority: 7, isNumber: true),
                ColumnSpec(
                    "FAIL", values: runs.map { number($0.failed) }, priority: 7, isNumber: true,
                    roles: runs.map { $0.failed > 0 ? .error : nil }),
            ], width: inner.width - 1
        )
        let selectedRow = visible.firstIndex(of: state.syncs.selectedRun)
        grid.table(
            columns, rows: rows, in: inner, selected: selectedRow, focused: focused,
            firstRow: scrollOffset(selected: selectedRow ?? 0, current: 0, visible: inner.height - 1))
    }

    private static func drawFailures(_ state: AppState, layout: Layout, into grid: inout CellGrid) {
        let syncs = state.syncs
        let rect = layout.failures ?? layout.lower
        let inner = rect.inner.inset(left: 1)
        switch syncs.failures {
        case .notLoaded, .loading:
            grid.box(rect, title: "Run")
            grid.put("loading…", x: inner.x, y: inner.y, role: .muted, clip: inner)
        case .failed(let reason):
            grid.box(rect, title: "Run")
            grid.put(reason, x: inner.x, y: inner.y, role: .error, clip: inner)
        case .loaded(let failures):
            let listFocused = syncs.panel == .runs
            let title = syncs.failureFilter.isEmpty
                ? "Run #\(failures.runID) (Esc back)" : "Run #\(failures.runID): failures matching \"\(syncs.failureFilter)\" (Esc clears)"
            grid.box(rect, title: title, focused: listFocused)
            var lines = headerLines(state, failures, width: inner.width)
            let failedWhole = state.syncs.runs.first { $0.id == failures.runID }?.runError != nil
            if failures.errors.isEmpty, !failedWhole {
                lines.append(StyledLine("This run has no failed records.", role: .success))
            }
            grid.lines(lines, in: inner)
            let listArea = failureListArea(state, in: rect)
            grid.list(
                failureRowTexts(failures, syncs), in: listArea, selected: syncs.selectedFailure, focused: listFocused,
                first: scrollOffset(selected: syncs.selectedFailure, current: 0, visible: listArea.height))
            if syncs.failureRows.isEmpty, !syncs.failureFilter.isEmpty, !failures.errors.isEmpty {
                grid.put("no failed record matches: / changes the filter, Esc clears it",
                    x: listArea.x, y: listArea.y, role: .muted, clip: listArea)
            }
            if let payloadRect = layout.payload, let failure = syncs.selectedFailureRecord {
                PayloadView.draw(
                    PayloadView.document(for: failure), viewer: syncs.viewer,
                    title: "Record \(failure.recordID): sample payload", focused: syncs.panel == .payload,
                    in: payloadRect, into: &grid)
            }
        }
    }

    /// The failure list's rows: `▸ 12 × reason (code)` for a group, its records indented under it
    /// once it is expanded (`▾`).
    private static func failureRowTexts(_ failures: RunFailures, _ syncs: SyncsState) -> [String] {
        syncs.failureRows.map { row in
            switch row {
            case .group(let index):
                let group = failures.groups[index]
                let shown = syncs.shownFailureRecords(in: index).count
                let expanded = syncs.expandedFailureGroups.contains(index) || shown < group.records.count
                let code = group.code.map { " (\($0.rawValue))" } ?? ""
                let count = shown < group.records.count
                    ? "\(NumberText.grouped(shown)) of \(NumberText.grouped(group.records.count))"
                    : NumberText.grouped(group.records.count)
                return "\(expanded ? "▾" : "▸") \(count) × \(group.reason)\(code)"
            case .record(_, let index):
                let failure = failures.errors[index]
                return "    \(failure.recordID) (\(failure.change.rawValue))"
            }
        }
    }

    /// Where the open run's failure groups are listed in its box: under the run's header.
    static func failureListArea(_ state: AppState, in rect: Rect) -> Rect {
        let inner = rect.inner.inset(left: 1)
        guard let failures = state.syncs.failures.value else { return inner }
        let above = headerLines(state, failures, width: inner.width).count
        return Rect(x: inner.x, y: inner.y + above, width: inner.width, height: max(0, inner.height - above))
    }

    /// The open run's header (its status with the reason, start, duration and counts) and a blank
    /// line; when more records failed than were loaded, how many the groups cover.
    private static func headerLines(_ state: AppState, _ failures: RunFailures, width: Int) -> [StyledLine] {
        guard let run = state.syncs.runs.first(where: { $0.id == failures.runID }) else { return [] }
        var lines = RunText.headerLines(run, now: state.now, zone: state.timeZone, width: width)
        if run.failed > failures.errors.count, !failures.errors.isEmpty {
            lines.append(StyledLine(
                "the first \(NumberText.grouped(failures.errors.count)) of \(NumberText.grouped(run.failed)) failed records",
                role: .muted))
        }
        return lines + [StyledLine()]
    }
}

import BackflowCore

/// Test Mapping: the mappings, the record tested, the message it makes (a payload pane that takes
/// the keys with `o`) and the validation result with Segment's own error texts and the integers
/// JavaScript would read differently.
///
/// Wide terminals put the record beside the message; narrow ones stack the panes so the message
/// keeps the whole width.
enum TestMappingView {
    /// Where each pane goes.
    struct Layout: Equatable {
        var list: Rect
        var validation: Rect
        var record: Rect
        var message: Rect
    }

    /// From this width the mapping list and the record sit beside the message.
    static let wideWidth = 120

    static func layout(_ state: AppState, in rect: Rect) -> Layout {
        let names = state.workspace.mappings.map { DisplayWidth.of($0.name) }
        let listWidth = min(max(20, (names.max() ?? 0) + 4), 30)
        let outcome = state.test.outcome.value
        if rect.width >= wideWidth {
            let (list, detail) = rect.splitColumns(at: listWidth)
            let validationHeight = fittedHeight(
                validationLines(state.test.outcome, width: detail.width - 3).count, within: 3...max(3, detail.height / 3))
            let (top, validation) = detail.splitRows(at: detail.height - validationHeight)
            let recordWidest = outcome.map(recordDocument)?.body.map { DisplayWidth.of($0.plainText) }.max() ?? 0
            let (record, message) = top.splitColumns(at: min(max(24, recordWidest + 3), top.width / 3))
            return Layout(list: list, validation: validation, record: record, message: message)
        }
        let validationWidth = rect.width - listWidth
        let stripHeight = fittedHeight(
            max(names.count, validationLines(state.test.outcome, width: validationWidth - 3).count),
            within: 4...max(4, rect.height / 3))
        let (strip, rest) = rect.splitRows(at: stripHeight)
        let (list, validation) = strip.splitColumns(at: listWidth)
        let recordLines = outcome.map { recordDocument($0).displayLines(width: rect.width - 3, wraps: true).count } ?? 0
        let recordHeight = fittedHeight(recordLines, within: 3...max(3, rest.height / 3))
        let (record, message) = rest.splitRows(at: recordHeight)
        return Layout(list: list, validation: validation, record: record, message: message)
    }

    /// A box's height for `lines` of content, kept within `range`.
    private static func fittedHeight(_ lines: Int, within range: ClosedRange<Int>) -> Int {
        min(range.upperBound, max(range.lowerBound, lines + 2))
    }

    static func draw(_ state: AppState, in rect: Rect, into grid: inout CellGrid) {
        let layout = layout(state, in: rect)
        let listFocused = state.test.pane == .mappings
        grid.box(layout.list, title: "Mappings", focused: listFocused)
        let visible = state.visibleMappings(on: .testMapping)
        grid.list(
            visible.map { state.workspace.mappings[$0].name }, in: layout.list.inner.inset(left: 1),
            selected: visible.firstIndex(of: state.test.selectedMapping), focused: listFocused,
            first: scrollOffset(
                selected: visible.firstIndex(of: state.test.selectedMapping) ?? 0, current: 0,
                visible: layout.list.inner.height))
        grid.box(layout.validation, title: "Validation")
        grid.lines(validationLines(state.test.outcome, width: layout.validation.width - 3),
            in: layout.validation.inner.inset(left: 1))
        if let outcome = state.test.outcome.value {
            PayloadView.draw(
                recordDocument(outcome), viewer: state.test.recordViewer, title: "Record \(outcome.recordID)",
                focused: state.test.pane == .record, in: layout.record, into: &grid)
        } else {
            grid.box(layout.record, title: "Record")
        }
        switch state.test.outcome {
        case .loaded(let outcome):
            PayloadView.draw(
                PayloadView.document(for: outcome), viewer: state.test.viewer,
                title: outcome.message == nil ? "No message for record \(outcome.recordID)" : "Message for record \(outcome.recordID)",
                focused: state.test.pane == .message, in: layout.message, into: &grid)
        case .notLoaded, .loading, .failed:
            grid.box(layout.message, title: "Message")
            let inner = layout.message.inner.inset(left: 1)
            grid.lines(messagePlaceholder(state).wrapped(width: inner.width, indent: 0), in: inner)
        }
    }

    private static func messagePlaceholder(_ state: AppState) -> StyledLine {
        switch state.test.outcome {
        case .failed(let reason): return StyledLine(reason, role: .error)
        case .loading: return StyledLine("testing…", role: .muted)
        default:
            return StyledLine(
                state.workspace.mappings.isEmpty ? "No mappings to test." : "Press Enter to test the mapping.", role: .muted)
        }
    }

    /// The record tested, a column a line with NULL as NULL: a payload pane of its own (`o` twice).
    static func recordDocument(_ outcome: TestOutcome) -> PayloadDocument {
        ModelBrowserView.document(for: ModelRecord(id: outcome.recordID, columns: outcome.record), columns: [])
    }

    /// The validation result: valid or the problems, then the inexact-integer warnings, wrapped.
    static func validationLines(_ outcome: Loadable<TestOutcome>, width: Int) -> [StyledLine] {
        guard width > 2, let outcome = outcome.value else { return [] }
        var lines: [StyledLine] = []
        if outcome.problems.isEmpty {
            lines.append(StyledLine([("✓ valid", .success), ("  (Test Mapping sends nothing)", .muted)]))
        } else {
            let count = outcome.problems.count
            lines.append(StyledLine("✗ \(count) problem\(count == 1 ? "" : "s")", role: .error))
            for problem in outcome.problems {
                lines += bulleted(problem.description, role: .error, width: width)
            }
        }
        for warning in outcome.warnings {
            lines += bulleted(warning.description, role: .warning, width: width)
        }
        return lines
    }

    private static func bulleted(_ text: String, role: UIRole, width: Int) -> [StyledLine] {
        TextWrap.lines(text, width: width - 2).enumerated().map { index, line in
            StyledLine((index == 0 ? "• " : "  ") + line, role: role)
        }
    }
}

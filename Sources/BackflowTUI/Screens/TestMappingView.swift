import BackflowCore

/// Test Mapping: mappings on the left; for the chosen one, the message its test record makes
/// (coloured, scrollable) beside the validation result with Segment's own error texts.
enum TestMappingView {
    static func draw(_ state: AppState, in rect: Rect, into grid: inout CellGrid) {
        let (list, detail) = rect.splitColumns(at: 28)
        grid.box(list, title: "Mappings", focused: true)
        grid.list(
            state.workspace.mappings.map(\.name), in: list.inner.inset(left: 1),
            selected: state.test.selectedMapping,
            first: scrollOffset(selected: state.test.selectedMapping, current: 0, visible: list.inner.height))
        let (messageBox, resultBox) = detail.splitColumns(at: detail.width - 32)
        switch state.test.outcome {
        case .notLoaded:
            grid.box(messageBox, title: "Message")
            grid.box(resultBox, title: "Validation")
            let hint = state.workspace.mappings.isEmpty ? "No mappings to test." : "Press Enter to test the mapping."
            grid.put(hint, x: messageBox.x + 2, y: messageBox.y + 1, role: .muted, clip: messageBox.inner)
        case .loading:
            grid.box(messageBox, title: "Message")
            grid.box(resultBox, title: "Validation")
            grid.put("testing…", x: messageBox.x + 2, y: messageBox.y + 1, role: .muted, clip: messageBox.inner)
        case .failed(let reason):
            grid.box(messageBox, title: "Message")
            grid.box(resultBox, title: "Validation")
            grid.put(reason, x: messageBox.x + 2, y: messageBox.y + 1, role: .error, clip: messageBox.inner)
        case .loaded(let outcome):
            drawOutcome(outcome, offset: state.test.messageOffset, message: messageBox, result: resultBox, into: &grid)
        }
    }

    private static func drawOutcome(
        _ outcome: TestOutcome, offset: Int, message: Rect, result: Rect, into grid: inout CellGrid
    ) {
        grid.box(message, title: "Message for record \(outcome.recordID)")
        if let body = outcome.message {
            let lines = JSONLines.lines(.object(body))
            grid.lines(lines, in: message.inner.inset(left: 1), first: min(offset, max(0, lines.count - 1)))
        } else {
            grid.put("No message: see the problems.", x: message.x + 2, y: message.y + 1, role: .muted,
                clip: message.inner)
        }
        grid.box(result, title: "Validation")
        let inner = result.inner.inset(left: 1)
        if outcome.problems.isEmpty {
            grid.put("✓ valid", x: inner.x, y: inner.y, role: .success, clip: inner)
            grid.put("Nothing is sent.", x: inner.x, y: inner.y + 1, role: .muted, clip: inner)
            return
        }
        let count = outcome.problems.count
        var lines = [StyledLine("✗ \(count) problem\(count == 1 ? "" : "s")", role: .error)]
        for problem in outcome.problems {
            lines.append(StyledLine())
            for (index, wrapped) in TextWrap.lines(problem.description, width: inner.width - 2).enumerated() {
                lines.append(StyledLine((index == 0 ? "• " : "  ") + wrapped, role: .error))
            }
        }
        grid.lines(lines, in: inner)
    }
}

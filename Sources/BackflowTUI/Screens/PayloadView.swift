import BackflowCore
import Foundation

/// A payload pane: a boxed ``PayloadDocument`` scrolled as its ``PayloadViewerState`` says, with
/// the search's matches marked and where the view is in the document in the box's bottom edge.
enum PayloadView {
    static func draw(
        _ document: PayloadDocument, viewer: PayloadViewerState, title: String, focused: Bool, in rect: Rect,
        into grid: inout CellGrid
    ) {
        grid.box(rect, title: title, focused: focused)
        let pane = contentArea(of: rect)
        let lines = document.displayLines(width: pane.width, wraps: viewer.wraps)
        let first = min(viewer.firstLine, max(0, lines.count - pane.height))
        for (offset, line) in lines.dropFirst(first).prefix(pane.height).enumerated() {
            let y = pane.y + offset
            let shown = viewer.wraps ? line : line.dropping(columns: viewer.firstColumn)
            grid.lines([shown], in: Rect(x: pane.x, y: y, width: pane.width, height: 1))
            markMatch(of: viewer.search, in: shown.plainText, current: first + offset == viewer.currentMatch,
                at: y, in: pane, into: &grid)
        }
        if lines.count > pane.height {
            let last = min(lines.count, first + pane.height)
            let position = " \(first + 1)–\(last) of \(lines.count)\(viewer.wraps ? "" : " · nowrap") "
            grid.put(position, x: rect.maxX - 2 - DisplayWidth.of(position), y: rect.maxY - 1, role: .muted, clip: rect)
        }
    }

    /// Where the document's lines go inside a pane's box: one column of margin on the left.
    static func contentArea(of rect: Rect) -> Rect { rect.inner.inset(left: 1) }

    private static func markMatch(
        of search: String, in text: String, current: Bool, at y: Int, in pane: Rect, into grid: inout CellGrid
    ) {
        guard !search.isEmpty, let columns = PayloadViewerState.columns(of: search, in: text) else { return }
        let matched = text.displayColumns(columns)
        grid.put(matched, x: pane.x + columns.lowerBound, y: y, role: current ? .key : .selection, clip: pane)
    }

    /// Test Mapping's document: the message the record makes or, when problems stop it, the
    /// mapping's resolved fields with the ones Segment's validation names marked.
    static func document(for outcome: TestOutcome) -> PayloadDocument {
        if let message = outcome.message { return PayloadDocument(json: .object(message)) }
        let header = [StyledLine("No message: the problems stop it. The mapped fields:", role: .muted)]
        guard let payload = outcome.payload else {
            return PayloadDocument(header: [StyledLine("No message: see the problems.", role: .muted)])
        }
        return PayloadDocument(
            header: header, json: .object(payload), failingKeys: Set(outcome.problems.compactMap(\.field)))
    }

    /// A failed record's document: its reason above its sample payload, with the fields the reason
    /// names in quotes (Segment's `the required field 'event'`) marked.
    static func document(for failure: RunRecordError) -> PayloadDocument {
        var header = [StyledLine(failure.reason, role: .error)]
        if let code = failure.code { header.append(StyledLine("\(code.rawValue): \(code.meaning)", role: .muted)) }
        guard let payload = failure.samplePayload else {
            return PayloadDocument(header: header + [StyledLine("No sample payload was kept.", role: .muted)])
        }
        return PayloadDocument(header: header, json: payload, failingKeys: quotedNames(in: failure.reason))
    }

    /// The names a reason quotes, `'event'` or `` `User ID` ``.
    static func quotedNames(in reason: String) -> Set<String> {
        var names: Set<String> = []
        for quote in ["'", "`"] {
            let parts = reason.components(separatedBy: quote)
            for index in stride(from: 1, to: parts.count - 1, by: 2) where !parts[index].isEmpty {
                names.insert(parts[index])
            }
        }
        return names
    }
}

extension String {
    /// The characters of the string that fill the display columns `range`.
    func displayColumns(_ range: Range<Int>) -> String {
        var column = 0
        var kept = ""
        for character in self {
            if column >= range.upperBound { break }
            if column >= range.lowerBound { kept.append(character) }
            column += DisplayWidth.of(character)
        }
        return kept
    }
}

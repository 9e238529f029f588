import Foundation
import BackflowCore

/// How a payload pane is scrolled and shown: Test Mapping's message and a failed record's sample
/// payload on the Syncs screen use one of these each, with ``PayloadView`` drawing it.
///
/// Every change is made against the document and the pane it is shown in, so the view never
/// scrolls past its last line into blank space, whatever the terminal's size.
public struct PayloadViewerState: Sendable, Hashable {
    /// The first display line in view.
    public var firstLine = 0
    /// The first column in view when lines do not wrap.
    public var firstColumn = 0
    /// Long lines wrap inside the pane (the default, so no value is cut at the edge); off, they
    /// run on and `h`/`l` scroll sideways.
    public var wraps = true
    /// What `/` looked for; `n` and `N` go to its next and previous match.
    public var search = ""
    /// The display line of the match `n` and `N` move from.
    public var currentMatch: Int?

    public init() {}

    /// Applies a scrolling command (`j`/`k`, Ctrl-D/U, PgUp/PgDn, `g`/`G`, `h`/`l`, `W`) to
    /// `document` shown in `pane`; any other command changes nothing.
    mutating func apply(_ command: Command, to document: PayloadDocument, in pane: Rect) {
        let lines = document.displayLines(width: pane.width, wraps: wraps)
        let lastLine = max(0, lines.count - pane.height)
        switch command {
        case .moveUp, .moveDown, .halfPageUp, .halfPageDown, .pageUp, .pageDown, .moveToTop, .moveToBottom:
            firstLine = max(0, min(lastLine, firstLine + step(command, height: pane.height)))
        case .moveLeft, .moveRight:
            guard !wraps else { return }
            let widest = lines.map { DisplayWidth.of($0.plainText) }.max() ?? 0
            let lastColumn = max(0, widest - pane.width)
            let sideways = max(1, pane.width / 4)
            firstColumn = max(0, min(lastColumn, firstColumn + (command == .moveLeft ? -sideways : sideways)))
        case .toggleWrap:
            wraps.toggle()
            firstColumn = 0
            let relaid = document.displayLines(width: pane.width, wraps: wraps)
            firstLine = min(firstLine, max(0, relaid.count - pane.height))
            currentMatch = nil
        default:
            break
        }
    }

    /// Looks for `search` after (or, `forward` false, before) the current match, wrapping round
    /// the document, and scrolls it into view. Returns what the notice line says.
    mutating func findNext(forward: Bool, in document: PayloadDocument, pane: Rect) -> Notice {
        guard !search.isEmpty else { return Notice("/ searches the payload", role: .muted) }
        let lines = document.displayLines(width: pane.width, wraps: wraps)
        let matches = lines.indices.filter { Self.columns(of: search, in: lines[$0].plainText) != nil }
        guard !matches.isEmpty else {
            currentMatch = nil
            return Notice("no match for \"\(search)\"", role: .warning)
        }
        let found: Int
        if let current = currentMatch {
            found = forward
                ? matches.first { $0 > current } ?? matches[0] : matches.last { $0 < current } ?? matches[matches.count - 1]
        } else {
            found = matches.first { $0 >= firstLine } ?? matches[0]
        }
        currentMatch = found
        if found < firstLine || found >= firstLine + pane.height {
            firstLine = max(0, min(max(0, lines.count - pane.height), found - pane.height / 3))
        }
        if !wraps, let column = Self.columns(of: search, in: lines[found].plainText)?.lowerBound,
            column < firstColumn || column + DisplayWidth.of(search) > firstColumn + pane.width
        {
            firstColumn = max(0, column - pane.width / 4)
        }
        let position = (matches.firstIndex(of: found) ?? 0) + 1
        return Notice("\"\(search)\": match \(position) of \(matches.count) (n next, N previous)", role: .muted)
    }

    /// Where `query` first occurs in `text`, ignoring case, in display columns.
    static func columns(of query: String, in text: String) -> Range<Int>? {
        guard let range = text.range(of: query, options: .caseInsensitive) else { return nil }
        let start = DisplayWidth.of(text[..<range.lowerBound])
        return start..<(start + DisplayWidth.of(text[range]))
    }

    private func step(_ command: Command, height: Int) -> Int {
        switch command {
        case .moveUp: return -1
        case .moveDown: return 1
        case .halfPageUp: return -max(1, height / 2)
        case .halfPageDown: return max(1, height / 2)
        case .pageUp: return -max(1, height - 1)
        case .pageDown: return max(1, height - 1)
        case .moveToTop: return -Int(Int32.max)
        default: return Int(Int32.max)
        }
    }
}

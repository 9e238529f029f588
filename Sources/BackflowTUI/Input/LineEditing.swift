/// A prompt's text edited as a shell line is (readline's keys), so a long value is fixed in place
/// instead of typed again: ←/→ and Ctrl-B/F move, Home/End and Ctrl-A/E jump to the ends,
/// Backspace and Delete (Ctrl-D) remove the character before and under the cursor, Ctrl-U and
/// Ctrl-K cut to the start and to the end, Ctrl-W cuts the word before the cursor.
extension TextPrompt {
    /// Applies `key` when it edits the line; false for every other key (Enter, Esc, Tab…), which
    /// the prompt's owner decides about.
    public mutating func edit(_ key: Key) -> Bool {
        switch key {
        case .character(let character): insert(String(character))
        case .paste(let pasted): insert(Self.oneLine(pasted))
        case .left, .control("b"): cursor = max(0, cursor - 1)
        case .right, .control("f"): cursor = min(text.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = text.count
        case .backspace: if cursor > 0 { remove(cursor - 1..<cursor) }
        case .delete, .control("d"): if cursor < text.count { remove(cursor..<cursor + 1) }
        case .control("u"): remove(0..<cursor)
        case .control("k"): remove(cursor..<text.count)
        case .control("w"): remove(wordStart()..<cursor)
        default: return false
        }
        return true
    }

    /// Pasted text on one line: a line break or tab becomes a space, so JSON copied over several
    /// lines still parses and nothing pasted is read as Enter.
    static func oneLine(_ pasted: String) -> String {
        String(pasted.replacingOccurrences(of: "\r\n", with: "\n").map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    private mutating func insert(_ inserted: String) {
        let at = text.index(text.startIndex, offsetBy: cursor)
        text.insert(contentsOf: inserted, at: at)
        cursor += inserted.count
    }

    private mutating func remove(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let lower = text.index(text.startIndex, offsetBy: range.lowerBound)
        let upper = text.index(lower, offsetBy: range.count)
        text.removeSubrange(lower..<upper)
        cursor = range.lowerBound
    }

    /// Where Ctrl-W cuts from: back over spaces before the cursor, then over the word before them.
    private func wordStart() -> Int {
        let before = Array(text.prefix(cursor))
        var start = before.count
        while start > 0, before[start - 1] == " " { start -= 1 }
        while start > 0, before[start - 1] != " " { start -= 1 }
        return start
    }
}

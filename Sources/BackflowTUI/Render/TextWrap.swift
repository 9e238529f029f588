import BackflowCore

/// Breaks text into lines of at most a display width, at spaces where it can.
enum TextWrap {
    /// The lines of `text` no wider than `width`. A word wider than a line is broken across lines
    /// rather than cut, so nothing of a message (an error, a URL, a key) is ever lost at the edge.
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if DisplayWidth.of(candidate) <= width {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = ""
            for character in word {
                if DisplayWidth.of(current) + DisplayWidth.of(character) > width {
                    lines.append(current)
                    current = ""
                }
                current.append(character)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

import BackflowCore

/// A prompt's text as one screen line with its cursor (`▏`) in place. Text wider than the line is
/// shown as the window around the cursor, with `…` where it goes on, so the character being
/// edited is always on screen however long the pasted value.
enum PromptLine {
    static let cursor = "▏"

    static func visible(_ prompt: TextPrompt, width: Int) -> String {
        let characters = Array(prompt.text)
        let cursorAt = min(prompt.cursor, characters.count)
        let before = String(characters[..<cursorAt]), after = String(characters[cursorAt...])
        guard DisplayWidth.of(before) + 1 + DisplayWidth.of(after) > width else { return before + cursor + after }
        // A little of what follows the cursor stays in view, the rest of the line shows what precedes it.
        let afterBudget = min(DisplayWidth.of(after), max(0, width / 4))
        let left = tail(of: before, width: width - 1 - afterBudget)
        let right = head(of: after, width: width - 1 - DisplayWidth.of(left))
        return left + cursor + right
    }

    /// The end of `text` in at most `width` columns, starting with `…` when something is left out.
    private static func tail(of text: String, width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        return "…" + String(fitting(text.reversed(), width: width - 1).reversed())
    }

    /// The start of `text` in at most `width` columns, ending with `…` when something is left out.
    private static func head(of text: String, width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        return String(fitting(text, width: width - 1)) + "…"
    }

    /// The leading characters of `characters` that fit in `width` columns.
    private static func fitting<Characters: Sequence<Character>>(_ characters: Characters, width: Int) -> [Character] {
        var kept: [Character] = []
        var used = 0
        for character in characters {
            used += DisplayWidth.of(character)
            guard used <= width else { break }
            kept.append(character)
        }
        return kept
    }
}

/// `strip_html`: removes, left to right, the first that matches of `<script…</script>`,
/// `<style…</style>`, a tag `<…>` on one line, and a comment `<!--…-->` (LiquidJS's regular expression).
enum LiquidHTMLStripper {
    private static let scriptOpen = Array("<script".utf16)
    private static let scriptClose = Array("</script>".utf16)
    private static let styleOpen = Array("<style".utf16)
    private static let styleClose = Array("</style>".utf16)
    private static let commentOpen = Array("<!--".utf16)
    private static let commentClose = Array("-->".utf16)

    static func strip(_ text: String) -> String {
        let units = Array(text.utf16)
        var output: [UInt16] = []
        var index = 0
        while index < units.count {
            if units[index] == LiquidCharacter.of("<"), let end = matchEnd(in: units, at: index) {
                index = end
            } else {
                output.append(units[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF16.self)
    }

    private static func matchEnd(in units: [UInt16], at start: Int) -> Int? {
        if let end = block(in: units, at: start, open: scriptOpen, close: scriptClose) { return end }
        if let end = block(in: units, at: start, open: styleOpen, close: styleClose) { return end }
        var index = start + 1
        while index < units.count, !isLineTerminator(units[index]) {
            if units[index] == LiquidCharacter.of(">") { return index + 1 }
            index += 1
        }
        return block(in: units, at: start, open: commentOpen, close: commentClose)
    }

    private static func block(in units: [UInt16], at start: Int, open: [UInt16], close: [UInt16]) -> Int? {
        guard starts(units, with: open, at: start) else { return nil }
        var index = start + open.count
        while index + close.count <= units.count {
            if starts(units, with: close, at: index) { return index + close.count }
            index += 1
        }
        return nil
    }

    private static func starts(_ units: [UInt16], with word: [UInt16], at index: Int) -> Bool {
        index + word.count <= units.count && units[index..<(index + word.count)].elementsEqual(word)
    }

    private static func isLineTerminator(_ unit: UInt16) -> Bool {
        unit == 0x0A || unit == 0x0D || unit == 0x2028 || unit == 0x2029
    }
}

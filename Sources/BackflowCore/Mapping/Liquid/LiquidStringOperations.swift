/// The `String.prototype` operations Liquid's filters are built on, over UTF-16 units as JavaScript
/// performs them.
enum LiquidStringOperations {
    static func units(_ text: String) -> [UInt16] { Array(text.utf16) }

    static func string(_ units: some Collection<UInt16>) -> String { String(decoding: units, as: UTF16.self) }

    /// `text.split(separator)`: an empty separator splits into single units. The pieces are counted
    /// first, against Backflow's bound on an array's items.
    static func split(_ text: String, by separator: String) throws(LiquidError) -> [String] {
        let haystack = units(text)
        let needle = units(separator)
        try LiquidMemory.check(count: Double(occurrences(of: needle, in: haystack) + 1))
        var pieces: [String] = []
        forEachPiece(of: haystack, separatedBy: needle) { pieces.append(string(haystack[$0])) }
        return pieces
    }

    /// `text.split(separator).join(replacement)`, checked against the memory limit before it is built.
    static func replaceAll(_ separator: String, with replacement: String, in text: String) throws(LiquidError) -> String {
        let haystack = units(text)
        let needle = units(separator)
        let glue = units(replacement)
        let count = occurrences(of: needle, in: haystack)
        try LiquidMemory.check(length: haystack.count + count * (glue.count - needle.count))
        var output: [UInt16] = []
        var first = true
        forEachPiece(of: haystack, separatedBy: needle) { piece in
            if !first { output.append(contentsOf: glue) }
            first = false
            output.append(contentsOf: haystack[piece])
        }
        return string(output)
    }

    /// How many times `split` cuts: the needle's non-overlapping occurrences, or (for an empty needle)
    /// one cut between every two units.
    private static func occurrences(of needle: [UInt16], in haystack: [UInt16]) -> Int {
        guard !needle.isEmpty else { return max(0, haystack.count - 1) }
        var count = 0
        forEachPiece(of: haystack, separatedBy: needle) { _ in count += 1 }
        return count - 1
    }

    /// Calls `body` with the range of each piece `split` makes, in order.
    private static func forEachPiece(of haystack: [UInt16], separatedBy needle: [UInt16], _ body: (Range<Int>) -> Void) {
        guard !needle.isEmpty else {
            for index in haystack.indices { body(index..<(index + 1)) }
            return
        }
        var pieceStart = 0
        var index = 0
        while index + needle.count <= haystack.count {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) {
                body(pieceStart..<index)
                index += needle.count
                pieceStart = index
            } else {
                index += 1
            }
        }
        body(pieceStart..<haystack.count)
    }

    /// `text.lastIndexOf(needle)` in UTF-16 offsets.
    static func lastIndex(of needle: String, in text: String) -> Int? {
        let haystack = units(text)
        let pattern = units(needle)
        guard pattern.count <= haystack.count else { return nil }
        for start in stride(from: haystack.count - pattern.count, through: 0, by: -1)
        where haystack[start..<(start + pattern.count)].elementsEqual(pattern) {
            return start
        }
        return nil
    }

    /// `text.replace(pattern, replacement)` with a string pattern: the first occurrence, the replacement's
    /// `$$`, `$&`, `` $` `` and `$'` expanded.
    static func replaceFirst(_ pattern: String, with replacement: String, in text: String) -> String {
        guard let match = text.utf16Range(of: pattern, from: 0) else { return text }
        let haystack = units(text)
        let template = units(replacement)
        var output = Array(haystack[..<match.lowerBound])
        var index = 0
        while index < template.count {
            let unit = template[index]
            if unit == LiquidCharacter.of("$"), index + 1 < template.count {
                switch template[index + 1] {
                case LiquidCharacter.of("$"): output.append(unit)
                case LiquidCharacter.of("&"): output.append(contentsOf: haystack[match])
                case LiquidCharacter.of("`"): output.append(contentsOf: haystack[..<match.lowerBound])
                case LiquidCharacter.of("'"): output.append(contentsOf: haystack[match.upperBound...])
                default:
                    output.append(unit)
                    index += 1
                    continue
                }
                index += 2
                continue
            }
            output.append(unit)
            index += 1
        }
        output.append(contentsOf: haystack[match.upperBound...])
        return string(output)
    }

    /// `text.substring(start, end)`: both clamped to the text, swapped when reversed.
    static func substring(_ text: String, _ start: Double, _ end: Double? = nil) -> String {
        let haystack = units(text)
        let lower = clamp(start, haystack.count)
        let upper = end.map { clamp($0, haystack.count) } ?? haystack.count
        return string(haystack[min(lower, upper)..<max(lower, upper)])
    }

    /// `text.slice(start, end)` (and an array's): negative positions count from the end.
    static func sliceBounds(count: Int, start: Double, end: Double?) -> Range<Int> {
        func position(_ value: Double) -> Int {
            if value.isNaN { return 0 }
            let whole = value.rounded(.towardZero)
            if whole < 0 { return max(0, count + Int(max(whole, -Double(count)))) }
            return Int(min(whole, Double(count)))
        }
        let lower = position(start)
        let upper = end.map(position) ?? count
        return lower..<max(lower, upper)
    }

    private static func clamp(_ value: Double, _ count: Int) -> Int {
        if value.isNaN || value <= 0 { return 0 }
        return Int(min(value.rounded(.towardZero), Double(count)))
    }

    /// Strips units of `set` (or JavaScript white space when `set` is nil) from the chosen ends.
    static func strip(_ text: String, set: String?, leading: Bool, trailing: Bool) -> String {
        let haystack = units(text)
        let members = set.map { Set(units($0)) }
        func stripped(_ unit: UInt16) -> Bool { members?.contains(unit) ?? unit.isJavaScriptWhitespace }
        var start = 0
        var end = haystack.count
        if leading { while start < end, stripped(haystack[start]) { start += 1 } }
        if trailing { while end > start, stripped(haystack[end - 1]) { end -= 1 } }
        return string(haystack[start..<end])
    }

    /// The text cut at runs of JavaScript white space (`split(/\s+/)`).
    static func splitOnWhiteSpace(_ text: String) -> [String] {
        let haystack = units(text)
        var pieces: [String] = []
        var pieceStart = 0
        var index = 0
        while index < haystack.count {
            guard haystack[index].isJavaScriptWhitespace else {
                index += 1
                continue
            }
            pieces.append(string(haystack[pieceStart..<index]))
            while index < haystack.count, haystack[index].isJavaScriptWhitespace { index += 1 }
            pieceStart = index
        }
        pieces.append(string(haystack[pieceStart...]))
        return pieces
    }
}

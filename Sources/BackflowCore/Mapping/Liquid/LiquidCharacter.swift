/// LiquidJS's character classes, over UTF-16 code units as JavaScript strings hold them.
///
/// Word characters are ASCII letters, digits, `_`, `-` and `?`, and every unit from 128 up except the
/// Unicode blanks and the curly double quotes; blanks are ASCII white space and the Unicode space
/// separators and line separators. Units past the end of the text belong to no class.
enum LiquidCharacter {
    static func isWord(_ unit: UInt16?) -> Bool {
        guard let unit else { return false }
        if unit >= 128 { return !isBlank(unit) && unit != 0x201C && unit != 0x201D }
        switch unit {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F, 0x2D, 0x3F: return true
        default: return false
        }
    }

    static func isBlank(_ unit: UInt16?) -> Bool {
        guard let unit else { return false }
        switch unit {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x180E, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static func isQuote(_ unit: UInt16?) -> Bool { unit == 0x22 || unit == 0x27 }
    static func isDigit(_ unit: UInt16?) -> Bool { unit.map { (0x30...0x39).contains($0) } ?? false }
    static func isSign(_ unit: UInt16?) -> Bool { unit == 0x2B || unit == 0x2D }

    /// The value of a hexadecimal digit, either case.
    static func hexValue(_ unit: UInt16) -> UInt16? {
        switch unit {
        case 0x30...0x39: return unit - 0x30
        case 0x41...0x46: return unit - 0x41 + 10
        case 0x61...0x66: return unit - 0x61 + 10
        default: return nil
        }
    }

    /// The unit of an ASCII character, for comparisons in the scanners.
    static func of(_ character: Unicode.Scalar) -> UInt16 { UInt16(character.value) }
}

/// A template's text as UTF-16 code units: LiquidJS indexes, measures and reports positions in units.
struct LiquidSource: Sendable {
    let units: [UInt16]

    init(_ text: String) {
        units = Array(text.utf16)
    }

    var count: Int { units.count }

    subscript(_ index: Int) -> UInt16? {
        index >= 0 && index < units.count ? units[index] : nil
    }

    /// The text of `start..<end`, empty when the range is empty or reversed.
    func text(_ start: Int, _ end: Int) -> String {
        let lower = max(0, start)
        let upper = min(units.count, end)
        guard lower < upper else { return "" }
        return String(decoding: units[lower..<upper], as: UTF16.self)
    }

    /// Whether `word` starts at `index`.
    func matches(_ word: [UInt16], at index: Int) -> Bool {
        guard index >= 0, index + word.count <= units.count else { return false }
        for offset in word.indices where units[index + offset] != word[offset] { return false }
        return true
    }

    /// The 1-based line and column of `index`, counting UTF-16 units, as LiquidJS reports them.
    func lineAndColumn(of index: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for unit in units.prefix(max(0, index)) {
            if unit == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    /// LiquidJS's `snapshot`: the text from `start` to `end` cut to 32 units, as a JSON string literal.
    func snapshot(from start: Int, to end: Int) -> String {
        let length = max(0, end - start)
        let shown = length > 32 ? text(start, start + 29) + "..." : text(start, end)
        return JSONWriter.compact(.string(shown))
    }
}

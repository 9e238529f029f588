/// `@replace`'s replacement: the pattern is matched literally (Segment escapes every regular-expression
/// character), on UTF-16 units as JavaScript matches, and the replacement follows `String.prototype.replace`
/// rules: `$&` is the match, `$$` a dollar sign, `` $` `` and `$'` the text before and after the match; with no
/// capture groups, `$1` and any other `$` stay as written.
struct LiteralReplacer {
    let global: Bool
    let ignoreCase: Bool

    func replace(_ pattern: String, with replacement: String, in text: String) throws(MappingError) -> String {
        if pattern.utf16.count > MappingLimits.replacePatternLength {
            throw .runtime(#"@replace requires a "pattern" less than \#(MappingLimits.replacePatternLength) characters"#)
        }
        if replacement.utf16.count > MappingLimits.replaceReplacementLength {
            throw .runtime(#"@replace requires a "replacement" less than \#(MappingLimits.replaceReplacementLength) characters"#)
        }
        let units = Array(text.utf16)
        let needle = Array(pattern.utf16).map(canonical)
        let template = Array(replacement.utf16)
        guard !needle.isEmpty else { return text }
        var output: [UInt16] = []
        var position = 0
        var searchFrom = 0
        while searchFrom + needle.count <= units.count {
            guard let start = firstMatch(of: needle, in: units, from: searchFrom) else { break }
            let end = start + needle.count
            output.append(contentsOf: units[position..<start])
            output.append(contentsOf: expand(template, units: units, matchStart: start, matchEnd: end))
            position = end
            searchFrom = end
            if !global { break }
        }
        output.append(contentsOf: units[position...])
        return String(decoding: output, as: UTF16.self)
    }

    private func firstMatch(of needle: [UInt16], in units: [UInt16], from start: Int) -> Int? {
        var candidate = start
        while candidate + needle.count <= units.count {
            if needle.indices.allSatisfy({ canonical(units[candidate + $0]) == needle[$0] }) { return candidate }
            candidate += 1
        }
        return nil
    }

    /// JavaScript's case-insensitive `Canonicalize` for non-Unicode regular expressions: a unit is compared by
    /// its upper case when that is a single unit and does not turn a non-ASCII character into an ASCII one.
    private func canonical(_ unit: UInt16) -> UInt16 {
        guard ignoreCase, let scalar = Unicode.Scalar(unit) else { return unit }
        let upper = Array(String(Character(scalar)).uppercased().utf16)
        guard upper.count == 1 else { return unit }
        if unit >= 128, upper[0] < 128 { return unit }
        return upper[0]
    }

    private func expand(_ template: [UInt16], units: [UInt16], matchStart: Int, matchEnd: Int) -> [UInt16] {
        let dollar = UInt16(UInt8(ascii: "$"))
        var result: [UInt16] = []
        var index = 0
        while index < template.count {
            let unit = template[index]
            guard unit == dollar, index + 1 < template.count else {
                result.append(unit)
                index += 1
                continue
            }
            switch template[index + 1] {
            case dollar: result.append(dollar)
            case UInt16(UInt8(ascii: "&")): result.append(contentsOf: units[matchStart..<matchEnd])
            case UInt16(UInt8(ascii: "`")): result.append(contentsOf: units[..<matchStart])
            case UInt16(UInt8(ascii: "'")): result.append(contentsOf: units[matchEnd...])
            default:
                result.append(unit)
                index += 1
                continue
            }
            index += 2
        }
        return result
    }
}

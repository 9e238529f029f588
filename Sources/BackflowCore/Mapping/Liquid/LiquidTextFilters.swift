/// LiquidJS's string filters. Each turns its input into text first (`stringify`: null and undefined as
/// nothing) and counts that text against the memory limit, as LiquidJS does.
enum LiquidTextFilters {
    typealias Strings = LiquidStringOperations

    static func apply(_ name: String, _ call: LiquidFilterCallValues, memory: inout LiquidMemory) throws(LiquidError)
        -> LiquidValue?
    {
        let text = call.input.text
        switch name {
        case "append", "prepend":
            guard call.arguments.count == 1 else { throw LiquidError("\(name) expect 2 arguments") }
            let other = call[0].text
            try memory.use(text.utf16.count + other.utf16.count)
            return try result(name == "append" ? text + other : other + text)
        case "downcase", "upcase", "capitalize", "strip_newlines", "normalize_whitespace", "lstrip", "rstrip", "strip":
            try memory.use(text.utf16.count)
            return .string(transform(name, text, call))
        case "remove", "replace":
            try memory.use(text.utf16.count)
            return .string(try Strings.replaceAll(call[0].text, with: name == "remove" ? "" : call[1].text, in: text))
        case "remove_first", "replace_first":
            try memory.use(text.utf16.count)
            let replacement = name == "remove_first" ? "" : call[1].text
            return try result(Strings.replaceFirst(call[0].text, with: replacement, in: text))
        case "remove_last", "replace_last":
            try memory.use(text.utf16.count)
            let pattern = call[0].text
            guard let index = Strings.lastIndex(of: pattern, in: text) else { return .string(text) }
            let replacement = name == "remove_last" ? "" : call[1].text
            let after = Double(index + pattern.utf16.count)
            return try result(Strings.substring(text, 0, Double(index)) + replacement + Strings.substring(text, after))
        case "split":
            try memory.use(text.utf16.count)
            var pieces = try Strings.split(text, by: call[0].text)
            while pieces.last == "" { pieces.removeLast() }
            return .json(.array(pieces.map(JSONValue.string)))
        case "truncate":
            try memory.use(text.utf16.count)
            return try truncate(text, call)
        case "truncatewords":
            try memory.use(text.utf16.count)
            return try truncateWords(text, call)
        case "number_of_words":
            try memory.use(text.utf16.count)
            return .number(Double(LiquidWordCount.count(text, mode: call[0].plain?.stringValue)))
        default:
            return nil
        }
    }

    private static func result(_ text: String) throws(LiquidError) -> LiquidValue {
        try LiquidMemory.check(length: text.utf16.count)
        return .string(text)
    }

    private static func transform(_ name: String, _ text: String, _ call: LiquidFilterCallValues) -> String {
        let characters = call.isTruthy(0) ? call[0].text : nil
        switch name {
        case "downcase": return text.javaScriptLowercased()
        case "upcase": return text.uppercased()
        case "capitalize": return capitalized(text)
        case "strip_newlines": return withoutNewlines(text)
        case "normalize_whitespace":
            return Strings.splitOnWhiteSpace(text).joined(separator: " ")
        case "lstrip": return Strings.strip(text, set: characters, leading: true, trailing: false)
        case "rstrip": return Strings.strip(text, set: characters, leading: false, trailing: true)
        default: return Strings.strip(text, set: characters, leading: true, trailing: true)
        }
    }

    /// The text without its line feeds, nor the carriage returns just before them (`/\r?\n/g`).
    private static func withoutNewlines(_ text: String) -> String {
        let units = Strings.units(text)
        var kept: [UInt16] = []
        for (index, unit) in units.enumerated() {
            if unit == 0x0A { continue }
            if unit == 0x0D, index + 1 < units.count, units[index + 1] == 0x0A { continue }
            kept.append(unit)
        }
        return Strings.string(kept)
    }

    /// The first UTF-16 unit upper-cased, the rest lower-cased; an astral first character, whose first
    /// unit alone has no case, is kept as it is.
    private static func capitalized(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return "" }
        let rest = String(text.unicodeScalars.dropFirst()).javaScriptLowercased()
        if first.utf16.count > 1 { return String(first) + rest }
        return String(first).uppercased() + rest
    }

    /// `truncate: length, ellipsis`: texts no longer than `length` come back as they were given.
    private static func truncate(_ text: String, _ call: LiquidFilterCallValues) throws(LiquidError) -> LiquidValue {
        let limit = call.argument(0, default: .number(50)).javaScriptNumber
        let ellipsis = call.argument(1, default: .string("..."))
        if Double(text.utf16.count) <= limit { return call.input }
        guard let ellipsisLength = try length(of: ellipsis) else {
            return .string(ellipsis.javaScriptString)
        }
        return try result(Strings.substring(text, 0, limit - Double(ellipsisLength)) + ellipsis.javaScriptString)
    }

    /// `truncatewords: count, ellipsis`: the first words joined by single spaces; the ellipsis follows
    /// whenever the text has at least `count` words.
    private static func truncateWords(_ text: String, _ call: LiquidFilterCallValues) throws(LiquidError) -> LiquidValue {
        var count = call.argument(0, default: .number(15)).javaScriptNumber
        let ellipsis = call.argument(1, default: .string("..."))
        let words = Strings.splitOnWhiteSpace(text)
        if count <= 0 { count = 1 }
        let kept = count.isNaN ? [] : Array(words.prefix(Int(min(count.rounded(.towardZero), Double(words.count)))))
        var output = kept.joined(separator: " ")
        if Double(words.count) >= count { output += ellipsis.javaScriptString }
        return try result(output)
    }

    /// JavaScript's `value.length` for an ellipsis: a string's or array's length, nil (NaN) for others.
    private static func length(of value: LiquidValue) throws(LiquidError) -> Int? {
        if case .json(.null) = value { throw LiquidError("Cannot read properties of null (reading 'length')") }
        return value.length
    }
}

/// `number_of_words`: words between white space, or with `cjk` (and with `auto` when the text has any)
/// each CJK character counted as a word of its own.
enum LiquidWordCount {
    static func count(_ text: String, mode: String?) -> Int {
        let trimmed = text.trimmingJavaScriptWhitespace()
        guard !trimmed.isEmpty else { return 0 }
        let cjk = trimmed.unicodeScalars.filter(isCJK).count
        switch mode {
        case "cjk"?: return cjk + nonCJKRuns(trimmed)
        case "auto"? where cjk > 0: return cjk + nonCJKRuns(trimmed)
        default: return LiquidStringOperations.splitOnWhiteSpace(trimmed).count
        }
    }

    private static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x3400...0x4DBF, 0x3040...0x309F, 0x30A0...0x30FF, 0xAC00...0xD7AF: return true
        default: return false
        }
    }

    /// Runs of characters that are neither CJK nor white space.
    private static func nonCJKRuns(_ text: String) -> Int {
        var runs = 0
        var inRun = false
        for scalar in text.unicodeScalars {
            let partOfRun = !isCJK(scalar) && !scalar.isJavaScriptWhitespace
            if partOfRun, !inRun { runs += 1 }
            inRun = partOfRun
        }
        return runs
    }
}

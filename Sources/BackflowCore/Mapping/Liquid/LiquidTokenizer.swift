/// Cuts a template into text, tags and outputs as LiquidJS does, then applies white-space control.
///
/// Quirks kept: an output's closing `}}` is looked for outside quoted strings but a tag's `%}` is not;
/// after `{% raw %}` everything up to an `{% endraw %}` (spelled without a `-`) is one text.
struct LiquidTokenizer {
    private var scanner: LiquidScanner
    private var rawStart: Int?

    private static let tagOpen = Array("{%".utf16)
    private static let tagClose = Array("%}".utf16)
    private static let outputOpen = Array("{{".utf16)
    private static let outputClose = Array("}}".utf16)

    init(_ source: LiquidSource) {
        scanner = LiquidScanner(source)
    }

    private var source: LiquidSource { scanner.source }

    mutating func tokens() throws(LiquidError) -> [LiquidToken] {
        var tokens: [LiquidToken] = []
        while !scanner.isAtEnd { tokens.append(try nextToken()) }
        applyWhiteSpaceControl(&tokens)
        return tokens
    }

    private mutating func nextToken() throws(LiquidError) -> LiquidToken {
        if let rawStart { return try readRawContentOrEnd(rawStart: rawStart) }
        if source.matches(Self.tagOpen, at: scanner.position) { return try readTag() }
        if source.matches(Self.outputOpen, at: scanner.position) { return try readOutput() }
        let start = scanner.position
        while !scanner.isAtEnd,
            !source.matches(Self.tagOpen, at: scanner.position), !source.matches(Self.outputOpen, at: scanner.position)
        {
            scanner.position += 1
        }
        return .text(start, scanner.position)
    }

    private mutating func readTag() throws(LiquidError) -> LiquidToken {
        let start = scanner.position
        guard readToDelimiter(Self.tagClose, respectingQuotes: false) else {
            throw scanner.error("tag \(scanner.snapshot(from: start)) not closed", at: start)
        }
        let token = try LiquidToken.delimited(
            .tag, start: start, end: scanner.position, inside: (start + 2, scanner.position - 2), in: source)
        if token.isTag("raw") { rawStart = start }
        return token
    }

    private mutating func readOutput() throws(LiquidError) -> LiquidToken {
        let start = scanner.position
        guard readToDelimiter(Self.outputClose, respectingQuotes: true) else {
            throw scanner.error("output \(scanner.snapshot(from: start)) not closed", at: start)
        }
        return try LiquidToken.delimited(
            .output, start: start, end: scanner.position, inside: (start + 2, scanner.position - 2), in: source)
    }

    private mutating func readToDelimiter(_ delimiter: [UInt16], respectingQuotes: Bool) -> Bool {
        scanner.skipBlank()
        while !scanner.isAtEnd {
            if respectingQuotes, LiquidCharacter.isQuote(scanner.peek()) {
                _ = scanner.readQuotedText()
                continue
            }
            scanner.position += 1
            if scanner.endsWith(delimiter) { return true }
        }
        return false
    }

    /// After `{% raw %}`: the text up to the next `{% endraw %}`, then that tag.
    private mutating func readRawContentOrEnd(rawStart: Int) throws(LiquidError) -> LiquidToken {
        let start = scanner.position
        var openingAt = (scanner.read(to: Self.tagOpen) ?? -1) - 2
        while !scanner.isAtEnd {
            let word = scanner.readIdentifier()
            guard source.text(word.lowerBound, word.upperBound) == "endraw" else {
                openingAt = (scanner.read(to: Self.tagOpen) ?? -1) - 2
                continue
            }
            while scanner.position <= scanner.end {
                if scanner.endsWith(Self.tagClose) {
                    if start == openingAt {
                        self.rawStart = nil
                        return try LiquidToken.delimited(
                            .tag, start: start, end: scanner.position, inside: (start + 2, scanner.position - 2),
                            in: source)
                    }
                    scanner.position = openingAt
                    return .text(start, openingAt)
                }
                if scanner.endsWith(Self.tagOpen) { break }
                scanner.position += 1
            }
        }
        throw scanner.error("raw \(scanner.snapshot(from: rawStart)) not closed", at: start)
    }

    /// `{%-`/`{{-` trims the blanks ending the text before, `-%}`/`-}}` those starting the text after;
    /// not between `{% raw %}` and `{% endraw %}`.
    private func applyWhiteSpaceControl(_ tokens: inout [LiquidToken]) {
        var inRaw = false
        for index in tokens.indices where tokens[index].kind != .text {
            let token = tokens[index]
            if !inRaw, token.trimsBefore, index > 0, tokens[index - 1].kind == .text {
                var text = tokens[index - 1]
                while LiquidCharacter.isBlank(source[text.end - 1 - text.cutAtEnd]) { text.cutAtEnd += 1 }
                tokens[index - 1] = text
            }
            if token.isTag("raw") { inRaw = true } else if token.isTag("endraw") { inRaw = false }
            if !inRaw, token.trimsAfter, index + 1 < tokens.count, tokens[index + 1].kind == .text {
                var text = tokens[index + 1]
                while LiquidCharacter.isBlank(source[text.start + text.cutAtStart]) { text.cutAtStart += 1 }
                tokens[index + 1] = text
            }
        }
    }

    /// The tags of a `{% liquid %}` tag's body, one a line.
    static func liquidTagLines(of tag: LiquidToken, in source: LiquidSource) throws(LiquidError) -> [LiquidToken] {
        var scanner = tag.argumentScanner(in: source)
        var lines: [LiquidToken] = []
        let newline = [LiquidCharacter.of("\n")]
        while true {
            scanner.skipBlank()
            if scanner.isAtEnd { return lines }
            let start = scanner.position
            scanner.skipBlank()
            while !scanner.isAtEnd {
                scanner.position += 1
                if scanner.endsWith(newline) { break }
            }
            lines.append(
                try LiquidToken.delimited(
                    .liquidTagLine, start: start, end: scanner.position, inside: (start, scanner.position), in: source))
        }
    }
}

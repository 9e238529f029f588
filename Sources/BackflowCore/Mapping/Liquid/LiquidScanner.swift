/// Reads Liquid markup inside one tag or output (or, for the top level, the whole template) as
/// LiquidJS's tokenizer does: the same greedy rules, the same error texts, and positions counted
/// from the start of the whole template.
struct LiquidScanner {
    let source: LiquidSource
    /// The next unit to read.
    var position: Int
    /// Where this scanner's range ends.
    let end: Int
    /// How many values are being read inside one another (`a[b[c]]`, `((1..2)..3)`).
    private var depth = 0

    /// A scanner from `start` to `end`; a start past the end (an empty tag's content) reads nothing.
    init(_ source: LiquidSource, from start: Int = 0, to end: Int? = nil) {
        self.source = source
        position = start
        self.end = end ?? source.count
    }

    var isAtEnd: Bool { position >= end }

    /// The unit `offset` ahead, nil past the range.
    func peek(_ offset: Int = 0) -> UInt16? {
        position + offset >= end ? nil : source[position + offset]
    }

    mutating func skipBlank() {
        while LiquidCharacter.isBlank(peek()) { position += 1 }
    }

    func error(_ message: String, at position: Int? = nil) -> LiquidError {
        LiquidError(message, at: position ?? self.position)
    }

    /// The rest of the range from `start`, as LiquidJS quotes it in errors.
    func snapshot(from start: Int? = nil) -> String {
        source.snapshot(from: start ?? position, to: end)
    }

    // MARK: Words

    /// A run of word characters after any blanks; its start and end.
    mutating func readIdentifier() -> Range<Int> {
        skipBlank()
        let start = position
        while !isAtEnd, LiquidCharacter.isWord(peek()) { position += 1 }
        return start..<position
    }

    mutating func readIdentifierText() -> String {
        let range = readIdentifier()
        return source.text(range.lowerBound, range.upperBound)
    }

    /// A tag's name: `#` for an inline comment, else an identifier.
    mutating func readTagName() -> String {
        skipBlank()
        if peek() == LiquidCharacter.of("#") {
            position += 1
            return "#"
        }
        return readIdentifierText()
    }

    /// Moves past the next occurrence of `delimiter`; its end, or nil when it does not occur.
    mutating func read(to delimiter: [UInt16]) -> Int? {
        while position < end {
            position += 1
            if endsWith(delimiter) { return position }
        }
        return nil
    }

    /// Whether the units just before `position` are `word`.
    func endsWith(_ word: [UInt16]) -> Bool {
        source.matches(word, at: position - word.count) && position - word.count >= 0
    }

    // MARK: Values

    /// A literal, a quoted string, a range or a number, followed by property reads; nil when none starts here.
    mutating func readValue() throws(LiquidError) -> LiquidOperand? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= LiquidLimits.nesting else { throw error(LiquidLimits.nestedTooDeep) }
        skipBlank()
        var variable = readLiteral() ?? readQuoted()
        if variable == nil { variable = try readRange() }
        if variable == nil { variable = readNumber() }
        let keys = try readProperties(isBegin: variable == nil)
        if keys.isEmpty { return variable }
        return .access(base: variable, keys: keys)
    }

    mutating func readValueOrThrow() throws(LiquidError) -> LiquidOperand {
        guard let value = try readValue() else { throw error("unexpected token \(snapshot()), value expected") }
        return value
    }

    /// LiquidJS's `readScopeValue`: a property path read from the variables in scope, even where it
    /// starts like a literal (`where: "true"` reads the key `true`).
    mutating func readScopePath() throws(LiquidError) -> [LiquidOperand] {
        skipBlank()
        return try readProperties(isBegin: true)
    }

    private mutating func readProperties(isBegin: Bool) throws(LiquidError) -> [LiquidOperand] {
        var keys: [LiquidOperand] = []
        while true {
            if peek() == LiquidCharacter.of("[") {
                position += 1
                let key = try readValue() ?? .literal(.emptyString)
                guard read(to: [LiquidCharacter.of("]")]) != nil else { throw error("[ not closed") }
                keys.append(key)
                continue
            }
            if isBegin, keys.isEmpty {
                let identifier = readIdentifier()
                if !identifier.isEmpty {
                    keys.append(.literal(.string(source.text(identifier.lowerBound, identifier.upperBound))))
                    continue
                }
            }
            if peek() == LiquidCharacter.of("."), peek(1) != LiquidCharacter.of(".") {
                position += 1
                let identifier = readIdentifier()
                if identifier.isEmpty { break }
                keys.append(.literal(.string(source.text(identifier.lowerBound, identifier.upperBound))))
                continue
            }
            break
        }
        return keys
    }

    private mutating func readNumber() -> LiquidOperand? {
        skipBlank()
        var length = 0
        var sawPoint = false
        var sawDigit = false
        if LiquidCharacter.isSign(peek()) { length += 1 }
        while position + length <= end {
            if LiquidCharacter.isDigit(peek(length)) {
                sawDigit = true
                length += 1
            } else if peek(length) == LiquidCharacter.of("."), peek(length + 1) != LiquidCharacter.of(".") {
                if sawPoint || !sawDigit { return nil }
                sawPoint = true
                length += 1
            } else {
                break
            }
        }
        guard sawDigit, !LiquidCharacter.isWord(peek(length)) else { return nil }
        let text = source.text(position, position + length)
        position += length
        return .literal(.number(JavaScriptConversions.number(from: text) ?? .nan))
    }

    private static let literals: [(word: [UInt16], value: LiquidValue)] = [
        (Array("true".utf16), .json(.bool(true))), (Array("false".utf16), .json(.bool(false))),
        (Array("nil".utf16), .nilLiteral), (Array("null".utf16), .nilLiteral),
        (Array("empty".utf16), .emptyLiteral), (Array("blank".utf16), .blankLiteral),
    ]

    private mutating func readLiteral() -> LiquidOperand? {
        skipBlank()
        for (word, value) in Self.literals where matchesWord(word) {
            position += word.count
            return .literal(value)
        }
        return nil
    }

    /// Whether `word` starts here and is not followed by another word character.
    private func matchesWord(_ word: [UInt16]) -> Bool {
        guard position + word.count <= end, source.matches(word, at: position) else { return false }
        return !LiquidCharacter.isWord(peek(word.count))
    }

    mutating func readQuoted() -> LiquidOperand? {
        guard let text = readQuotedText() else { return nil }
        return .literal(.string(text))
    }

    /// A quoted string's value; an unterminated one runs to the end, its last unit dropped as a quote.
    mutating func readQuotedText() -> String? {
        skipBlank()
        let start = position
        guard LiquidCharacter.isQuote(peek()) else { return nil }
        position += 1
        var escaped = false
        while position < end {
            position += 1
            let unit = source[position - 1]
            if unit == source[start], !escaped { break }
            if escaped {
                escaped = false
            } else if unit == LiquidCharacter.of("\\") {
                escaped = true
            }
        }
        return LiquidStringLiteral.value(ofToken: Array(source.units[start..<position]))
    }

    private mutating func readRange() throws(LiquidError) -> LiquidOperand? {
        skipBlank()
        guard peek() == LiquidCharacter.of("(") else { return nil }
        position += 1
        let low = try readValueOrThrow()
        position += 2
        let high = try readValueOrThrow()
        position += 1
        return .range(low, high)
    }

    // MARK: Expressions

    private static let operators: [(word: [UInt16], operation: LiquidOperator)] = LiquidOperator.allCases
        .map { (Array($0.rawValue.utf16), $0) }
        .sorted { $0.word.count > $1.word.count }

    private mutating func readOperator() -> LiquidOperator? {
        skipBlank()
        for (word, operation) in Self.operators where source.matches(word, at: position) && position + word.count <= end {
            if LiquidCharacter.isWord(word.last), LiquidCharacter.isWord(peek(word.count)) { continue }
            position += word.count
            return operation
        }
        return nil
    }

    mutating func readExpression() throws(LiquidError) -> LiquidExpression {
        var tokens: [LiquidExpression.Item] = []
        while position < end {
            if let operation = readOperator() {
                tokens.append(.operation(operation))
            } else if let operand = try readValue() {
                tokens.append(.operand(operand))
            } else {
                break
            }
        }
        return LiquidExpression(infix: tokens)
    }

    mutating func readFilteredValue() throws(LiquidError) -> LiquidFilteredValue {
        let initial = try readExpression()
        guard !initial.isEmpty else { throw error("invalid value expression: \(snapshot())") }
        var filters: [LiquidFilterCall] = []
        while let filter = try readFilter() { filters.append(filter) }
        return LiquidFilteredValue(initial: initial, filters: filters)
    }

    private mutating func readFilter() throws(LiquidError) -> LiquidFilterCall? {
        skipBlank()
        if isAtEnd { return nil }
        let bar = peek()
        position += 1
        guard bar == LiquidCharacter.of("|") else { throw error(#"expected "|" before filter"#) }
        let name = readIdentifier()
        if name.isEmpty {
            guard isAtEnd else { throw error("expected filter name") }
            return nil
        }
        var arguments: [LiquidFilterCall.Argument] = []
        skipBlank()
        if peek() == LiquidCharacter.of(":") {
            repeat {
                position += 1
                if let argument = try readFilterArgument() { arguments.append(argument) }
                skipBlank()
                guard isAtEnd || peek() == LiquidCharacter.of(",") || peek() == LiquidCharacter.of("|") else {
                    throw error("unexpected character \(snapshot())")
                }
            } while peek() == LiquidCharacter.of(",")
        } else if !(peek() == LiquidCharacter.of("|") || isAtEnd) {
            throw error(#"expected ":" after filter name"#)
        }
        return LiquidFilterCall(name: source.text(name.lowerBound, name.upperBound), arguments: arguments)
    }

    private mutating func readFilterArgument() throws(LiquidError) -> LiquidFilterCall.Argument? {
        let keyStart = position
        guard let key = try readValue() else { return nil }
        skipBlank()
        guard peek() == LiquidCharacter.of(":") else { return .positional(key) }
        let keyText = source.text(keyStart, position).trimmingLiquidBlanks()
        position += 1
        return .keyword(keyText, try readValue())
    }
}

extension String {
    /// The text without LiquidJS blanks at either end.
    func trimmingLiquidBlanks() -> String {
        let units = Array(utf16)
        var start = 0
        var end = units.count
        while start < end, LiquidCharacter.isBlank(units[start]) { start += 1 }
        while end > start, LiquidCharacter.isBlank(units[end - 1]) { end -= 1 }
        return String(decoding: units[start..<end], as: UTF16.self)
    }
}

/// LiquidJS's reading of a quoted string token: the units between its first and last, with `\b \f \n
/// \r \t \v`, `\u` and up to four hex digits, up to three octal digits, and a backslash before any other
/// unit standing for that unit. A backslash just before the last unit stands for the last unit.
enum LiquidStringLiteral {
    static func value(ofToken units: [UInt16]) -> String {
        var output: [UInt16] = []
        var index = 1
        while index < units.count - 1 {
            let unit = units[index]
            guard unit == LiquidCharacter.of("\\") else {
                output.append(unit)
                index += 1
                continue
            }
            let next = units[index + 1]
            if let escaped = simpleEscapes[next] {
                output.append(escaped)
                index += 2
            } else if next == LiquidCharacter.of("u") {
                var value: UInt16 = 0
                var digitIndex = index + 2
                while digitIndex <= index + 5, digitIndex < units.count, let digit = LiquidCharacter.hexValue(units[digitIndex]) {
                    value = value &* 16 &+ digit
                    digitIndex += 1
                }
                output.append(value)
                index = digitIndex
            } else if let first = octalValue(next) {
                var value = first
                var digitIndex = index + 2
                while digitIndex <= index + 3, digitIndex < units.count, let digit = octalValue(units[digitIndex]) {
                    value = value * 8 + digit
                    digitIndex += 1
                }
                output.append(value)
                index = digitIndex
            } else {
                output.append(next)
                index += 2
            }
        }
        return String(decoding: output, as: UTF16.self)
    }

    private static let simpleEscapes: [UInt16: UInt16] = [
        LiquidCharacter.of("b"): 0x08, LiquidCharacter.of("f"): 0x0C, LiquidCharacter.of("n"): 0x0A,
        LiquidCharacter.of("r"): 0x0D, LiquidCharacter.of("t"): 0x09, LiquidCharacter.of("v"): 0x0B,
    ]

    private static func octalValue(_ unit: UInt16) -> UInt16? {
        (0x30...0x37).contains(unit) ? unit - 0x30 : nil
    }
}

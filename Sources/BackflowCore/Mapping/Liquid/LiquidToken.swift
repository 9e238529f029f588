/// A piece of a template's top level: text, a tag (`{% … %}`, or a line of a `{% liquid %}` tag) or an
/// output (`{{ … }}`).
struct LiquidToken: Sendable {
    enum Kind: Sendable, Equatable {
        case text
        case tag(name: String)
        case output
    }

    let kind: Kind
    /// Where the token starts and ends in the template (delimiters included).
    let start: Int
    let end: Int
    /// A tag's or output's inside without the `-` markers and blanks at either end.
    let contentStart: Int
    let contentEnd: Int
    /// For a tag: where its arguments start, after the name and blanks.
    let argumentsStart: Int
    /// Whether a `-` asks to trim the white space before (`{%-`) or after (`-%}`) the token.
    let trimsBefore: Bool
    let trimsAfter: Bool
    /// For text: how many units white-space control cut from its start and end.
    var cutAtStart = 0
    var cutAtEnd = 0

    var name: String? {
        if case .tag(let name) = kind { return name }
        return nil
    }

    func isTag(_ tagName: String) -> Bool { name == tagName }

    /// A text token's content after white-space control.
    func text(in source: LiquidSource) -> String {
        source.text(start + cutAtStart, end - cutAtEnd)
    }

    /// The token as written, as LiquidJS quotes it in `tag {% if x %} not closed`.
    func written(in source: LiquidSource) -> String {
        source.text(start, end)
    }

    /// A scanner over a tag's arguments or an output's content.
    func argumentScanner(in source: LiquidSource) -> LiquidScanner {
        LiquidScanner(source, from: kind == .output ? contentStart : argumentsStart, to: contentEnd)
    }

    static func text(_ start: Int, _ end: Int) -> LiquidToken {
        LiquidToken(
            kind: .text, start: start, end: end, contentStart: start, contentEnd: end, argumentsStart: end,
            trimsBefore: false, trimsAfter: false)
    }

    /// The three kinds of delimited token.
    enum Form {
        case output
        case tag
        /// A line of a `{% liquid %}` tag, a tag without delimiters.
        case liquidTagLine
    }

    /// A delimited token: `inside` is what lies between the delimiters (a liquid tag line's whole text).
    static func delimited(
        _ form: Form, start: Int, end: Int, inside: (start: Int, end: Int), in source: LiquidSource
    ) throws(LiquidError) -> LiquidToken {
        let trimsBefore = source[inside.start] == LiquidCharacter.of("-")
        let trimsAfter = source[inside.end - 1] == LiquidCharacter.of("-")
        var contentStart = trimsBefore ? inside.start + 1 : inside.start
        var contentEnd = trimsAfter ? inside.end - 1 : inside.end
        while contentStart < contentEnd, LiquidCharacter.isBlank(source[contentStart]) { contentStart += 1 }
        while contentEnd > contentStart, LiquidCharacter.isBlank(source[contentEnd - 1]) { contentEnd -= 1 }
        guard form != .output else {
            return LiquidToken(
                kind: .output, start: start, end: end, contentStart: contentStart, contentEnd: contentEnd,
                argumentsStart: contentStart, trimsBefore: trimsBefore, trimsAfter: trimsAfter)
        }
        var scanner = LiquidScanner(source, from: contentStart, to: contentEnd)
        let name = scanner.readTagName()
        if name.isEmpty {
            throw scanner.error(form == .tag ? "illegal tag syntax, tag name expected" : "illegal liquid tag syntax")
        }
        scanner.skipBlank()
        return LiquidToken(
            kind: .tag(name: name), start: start, end: end, contentStart: contentStart, contentEnd: contentEnd,
            argumentsStart: scanner.position, trimsBefore: form == .tag && trimsBefore,
            trimsAfter: form == .tag && trimsAfter)
    }
}

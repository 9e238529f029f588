/// Cuts SQL text into tokens without a database, knowing every lexical form that can hide a `;` or a
/// function name: `'…'` strings with `''` escapes, `E'…'` strings with backslash escapes, `$$…$$` and
/// `$tag$…$tag$` dollar quotes, `"identifiers"` (also `U&"…"`), `--` line comments and nested `/* */`
/// block comments (PostgreSQL's forms), plus SQLite's `` `identifiers` `` and, optionally, `[identifiers]`.
///
/// The tokens' texts joined give the input back exactly, so a splitter can keep comments inside a
/// statement. Unterminated strings and comments run to the end of the text: the database reports them.
struct SQLLexer {
    struct Token: Equatable {
        enum Kind: Equatable {
            case whitespace
            case comment
            /// Any string literal: `'…'`, `E'…'`, `$tag$…$tag$`.
            case string
            /// `"…"` (or `` `…` ``, `[…]`); `unicode` for PostgreSQL's `U&"…"`, whose escapes the lexer
            /// does not decode.
            case quotedIdentifier(unicode: Bool)
            /// A keyword, an unquoted identifier or a number.
            case word
            case semicolon
            /// Any other single character: `(`, `.`, `,`, operators.
            case symbol
        }

        let kind: Kind
        let text: String

        /// The name a word or quoted identifier stands for: a word folded to lower case as PostgreSQL
        /// folds it, a quoted identifier without its quotes and with doubled quotes undone.
        var name: String? {
            switch kind {
            case .word: return text.lowercased()
            case .quotedIdentifier(let unicode):
                let body = text.dropFirst(unicode ? 3 : 1).dropLast()
                return body.replacingOccurrences(of: "\"\"", with: "\"")
            default: return nil
            }
        }

        /// Whitespace and comments: nothing the database acts on.
        var isTrivia: Bool { kind == .whitespace || kind == .comment }
    }

    /// Whether `[…]` is an identifier (SQLite) or two symbols around an array subscript (PostgreSQL).
    let bracketIdentifiers: Bool

    func tokens(in sql: String) -> [Token] {
        var scanner = Scanner(characters: Array(sql))
        var tokens: [Token] = []
        while let token = scanner.next(bracketIdentifiers: bracketIdentifiers) {
            tokens.append(token)
        }
        return tokens
    }

    private struct Scanner {
        let characters: [Character]
        var position = 0

        init(characters: [Character]) {
            self.characters = characters
        }

        mutating func next(bracketIdentifiers: Bool) -> Token? {
            guard position < characters.count else { return nil }
            let start = position
            let character = characters[position]
            let kind: Token.Kind
            switch character {
            case _ where character.isWhitespace:
                skip { $0.isWhitespace }
                kind = .whitespace
            case "-" where peek(1) == "-":
                skip { $0 != "\n" }
                kind = .comment
            case "/" where peek(1) == "*":
                skipBlockComment()
                kind = .comment
            case "'":
                skipQuoted(closing: "'", backslashEscapes: false)
                kind = .string
            case "\"", "`":
                skipQuoted(closing: character, backslashEscapes: false)
                kind = .quotedIdentifier(unicode: false)
            case "[" where bracketIdentifiers:
                skipQuoted(closing: "]", backslashEscapes: false)
                kind = .quotedIdentifier(unicode: false)
            case "$" where dollarTag() != nil:
                skipDollarQuoted(tag: dollarTag() ?? "")
                kind = .string
            case ";":
                position += 1
                kind = .semicolon
            case _ where Self.startsWord(character):
                kind = scanWord()
            default:
                position += 1
                kind = .symbol
            }
            return Token(kind: kind, text: String(characters[start..<position]))
        }

        /// A word, or the string or identifier it prefixes: `E'…'` (backslash escapes), `U&"…"`.
        private mutating func scanWord() -> Token.Kind {
            let start = position
            skip { Self.continuesWord($0) }
            let word = String(characters[start..<position]).lowercased()
            if word == "e", peek(0) == "'" {
                skipQuoted(closing: "'", backslashEscapes: true)
                return .string
            }
            if word == "u", peek(0) == "&", peek(1) == "\"" {
                position += 1
                skipQuoted(closing: "\"", backslashEscapes: false)
                return .quotedIdentifier(unicode: true)
            }
            return .word
        }

        private func peek(_ offset: Int) -> Character? {
            position + offset < characters.count ? characters[position + offset] : nil
        }

        private mutating func skip(while condition: (Character) -> Bool) {
            while position < characters.count, condition(characters[position]) { position += 1 }
        }

        /// From an opening quote past its closing one; a doubled closing quote is part of the text.
        private mutating func skipQuoted(closing: Character, backslashEscapes: Bool) {
            position += 1
            while position < characters.count {
                let character = characters[position]
                position += 1
                if backslashEscapes, character == "\\" {
                    position += 1
                } else if character == closing {
                    guard peek(0) == closing else { return }
                    position += 1
                }
            }
            position = min(position, characters.count)
        }

        /// PostgreSQL block comments nest: `/* a /* b */ c */` is one comment.
        private mutating func skipBlockComment() {
            position += 2
            var depth = 1
            while position < characters.count, depth > 0 {
                if characters[position] == "/", peek(1) == "*" {
                    depth += 1
                    position += 2
                } else if characters[position] == "*", peek(1) == "/" {
                    depth -= 1
                    position += 2
                } else {
                    position += 1
                }
            }
        }

        /// The tag of a dollar quote starting here (`""` for `$$`), nil when the `$` starts something
        /// else, such as the parameter `$1`.
        private func dollarTag() -> String? {
            var end = position + 1
            while end < characters.count, characters[end] != "$" {
                let character = characters[end]
                let allowed = end == position + 1
                    ? character.isLetter || character == "_" : character.isLetter || character.isNumber || character == "_"
                guard allowed else { return nil }
                end += 1
            }
            guard end < characters.count else { return nil }
            return String(characters[(position + 1)..<end])
        }

        private mutating func skipDollarQuoted(tag: String) {
            let delimiter = Array("$" + tag + "$")
            position += delimiter.count
            while position < characters.count {
                if characters[position] == "$", characters[position...].starts(with: delimiter) {
                    position += delimiter.count
                    return
                }
                position += 1
            }
        }

        private static func startsWord(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || character == "_"
        }

        private static func continuesWord(_ character: Character) -> Bool {
            startsWord(character) || character == "$"
        }
    }
}

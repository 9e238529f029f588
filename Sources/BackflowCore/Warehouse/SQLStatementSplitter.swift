/// Splits SQL text into its statements without a database, so a model can be checked as it is typed.
///
/// Knows the lexical forms that can hide a `;`: single-quoted strings, double-quoted, backquoted and
/// bracketed identifiers, `--` line comments and `/* */` block comments. Segments holding only
/// whitespace and comments are not statements, so `SELECT 1; -- done` is one statement.
enum SQLStatementSplitter {
    /// The statements in `sql`, each without its terminating `;` and trimmed of surrounding whitespace.
    static func statements(in sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var hasContent = false
        var characters = Array(sql)[...]

        func finishStatement() {
            if hasContent { statements.append(current.trimmingWhitespace()) }
            current = ""
            hasContent = false
        }

        while let character = characters.popFirst() {
            switch character {
            case ";":
                finishStatement()
            case "'", "\"", "`", "[":
                let closing: Character = character == "[" ? "]" : character
                current.append(character)
                hasContent = true
                while let next = characters.popFirst() {
                    current.append(next)
                    if next == closing { break }
                }
            case "-" where characters.first == "-":
                current.append(character)
                while let next = characters.first, next != "\n" {
                    current.append(next)
                    characters.removeFirst()
                }
            case "/" where characters.first == "*":
                current.append(character)
                current.append(characters.removeFirst())
                var previous: Character = " "
                while let next = characters.popFirst() {
                    current.append(next)
                    if previous == "*" && next == "/" { break }
                    previous = next
                }
            default:
                current.append(character)
                if !character.isWhitespace { hasContent = true }
            }
        }
        finishStatement()
        return statements
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let characters = Array(self)
        guard let first = characters.firstIndex(where: { !$0.isWhitespace }),
            let last = characters.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(characters[first...last])
    }
}

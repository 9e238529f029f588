/// Splits SQL text into its statements without a database, so a model can be checked as it is typed.
///
/// A `;` inside any quoted form ``SQLLexer`` knows does not split. Segments holding only whitespace and
/// comments are not statements, so `SELECT 1; -- done` is one statement.
enum SQLStatementSplitter {
    /// The statements in `sql`, each without its terminating `;` and trimmed of surrounding whitespace.
    static func statements(in sql: String) -> [String] {
        var statements: [String] = []
        var current: [SQLLexer.Token] = []

        func finishStatement() {
            if current.contains(where: { !$0.isTrivia }) {
                let text = current.map(\.text).joined()
                statements.append(text.trimmingWhitespace())
            }
            current = []
        }

        for token in SQLLexer(bracketIdentifiers: true).tokens(in: sql) {
            if token.kind == .semicolon {
                finishStatement()
            } else {
                current.append(token)
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

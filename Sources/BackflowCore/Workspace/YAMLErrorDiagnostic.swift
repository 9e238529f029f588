import Yams

/// Turns a Yams syntax error into one diagnostic at the line and column libyaml reported.
enum YAMLErrorDiagnostic {
    static func diagnostic(for error: YamlError, text: String, file: String) -> WorkspaceDiagnostic {
        func at(_ mark: (line: Int, column: Int), _ message: String) -> WorkspaceDiagnostic {
            WorkspaceDiagnostic(location: SourceLocation(file: file, line: mark.line, column: mark.column), keyPath: "", message: message)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let while_ = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return at((mark.line, mark.column), "invalid YAML: \(problem)\(while_)")
        case .reader(let problem, let offset, _, _):
            return at(mark(ofCharacterOffset: offset ?? 0, in: text), "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = context.mark
            let repeated = repeatedKeyMark(key, after: first, in: text) ?? (first.line, first.column)
            return at(repeated, "duplicate key \(YAMLQuoting.quoted(key)) (first at line \(first.line))")
        default:
            return at((1, 1), "invalid YAML: \(error)")
        }
    }

    /// Yams reports a duplicated key where it is first written; the mistake is the later copy, at the same column.
    private static func repeatedKeyMark(_ key: String, after first: Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line >= 1, first.column >= 1, first.line - 1 < lines.count else { return nil }
        for index in first.line..<lines.count {
            let line = Array(lines[index].unicodeScalars)
            guard first.column - 1 < line.count else { continue }
            let rest = String(String.UnicodeScalarView(line[(first.column - 1)...]))
            let isAtKey = line[..<(first.column - 1)].allSatisfy { $0 == " " || $0 == "-" }
            if isAtKey, rest.hasPrefix(key + ":") || rest.hasPrefix(YAMLQuoting.quoted(key) + ":") {
                return (index + 1, first.column)
            }
        }
        return nil
    }

    private static func mark(ofCharacterOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return (line, column)
    }
}

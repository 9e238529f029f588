/// Refuses text nested so deeply that composing it would exhaust the stack (Yams builds nodes
/// recursively and libyaml sets no depth limit). No real workspace file comes near these bounds.
enum YAMLShapeGuard {
    static let maximumFlowDepth = 100
    static let maximumIndentation = 400

    static func problem(in text: String, file: String) -> WorkspaceDiagnostic? {
        var flowDepth = 0
        var line = 1, column = 0
        var atLineStart = true
        var indentation = 0
        for scalar in text.unicodeScalars {
            column += 1
            switch scalar {
            case "\n":
                line += 1
                column = 0
                atLineStart = true
                indentation = 0
                continue
            case " ", "-", "?", "\t":
                guard atLineStart else { continue }
                indentation += 1
                if indentation > maximumIndentation {
                    return diagnostic(file, line, column, "the workspace file is indented more than \(maximumIndentation) columns deep")
                }
                continue
            case "[", "{":
                flowDepth += 1
                if flowDepth > maximumFlowDepth {
                    return diagnostic(file, line, column, "the workspace file nests values more than \(maximumFlowDepth) levels deep")
                }
            case "]", "}":
                flowDepth = max(0, flowDepth - 1)
            default:
                break
            }
            atLineStart = false
        }
        return nil
    }

    private static func diagnostic(_ file: String, _ line: Int, _ column: Int, _ message: String) -> WorkspaceDiagnostic {
        WorkspaceDiagnostic(location: SourceLocation(file: file, line: line, column: column), keyPath: "", message: message)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BackflowCore
import Foundation

/// What a piece of CLI output means; colours are chosen by role, never at the call site.
enum OutputRole {
    case heading, success, failure, warning, muted, identifier, jsonKey, jsonString, jsonLiteral

    var ansiCode: String {
        switch self {
        case .heading: return "1"
        case .success: return "32"
        case .failure: return "31"
        case .warning: return "33"
        case .muted: return "2"
        case .identifier: return "36"
        case .jsonKey: return "34"
        case .jsonString: return "32"
        case .jsonLiteral: return "35"
        }
    }
}

/// The one place the CLI writes to the terminal. Colour is used only on a terminal, never when
/// `NO_COLOR` is set (https://no-color.org) or `TERM=dumb`.
struct Console: Sendable {
    let usesColor: Bool

    static func standard(environment: [String: String]) -> Console {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let dumb = environment["TERM"] == "dumb"
        return Console(usesColor: isatty(STDOUT_FILENO) == 1 && !noColor && !dumb)
    }

    func style(_ text: String, _ role: OutputRole) -> String {
        usesColor ? "\u{1B}[\(role.ansiCode)m\(text)\u{1B}[0m" : text
    }

    func print(_ line: String = "") {
        Swift.print(line)
    }

    /// Writes to standard error, for diagnostics that must not mix with `--json` output.
    func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    func printTable(_ table: TextTable) {
        let lines = table.render()
        guard let header = lines.first else { return }
        print(style(header, .heading))
        lines.dropFirst().forEach { print($0) }
    }

    /// Pretty JSON with keys, strings and literals coloured by role.
    func printJSON(_ value: JSONValue) {
        print(usesColor ? JSONHighlighter.highlight(value, style: style) : JSONWriter.pretty(value))
    }
}

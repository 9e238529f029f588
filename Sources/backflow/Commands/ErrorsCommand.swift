import ArgumentParser
import BackflowCore

/// `backflow errors`, and through ArgumentParser's own `help` subcommand `backflow help errors`: every
/// ``FailureCode`` a sync records (in `backflow runs show`, the run history and `--json` output) with
/// what it means and what to do. Both read the codes themselves, so the list cannot fall behind them.
struct ErrorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "errors",
        abstract: "List the failure codes a sync records, with what each means and how to fix it.",
        discussion: """
            A record that fails, and a run that fails as a whole, carry one of these stable codes beside \
            the reason's text (`backflow runs show RUN`, `--json` output). The codes never change once \
            released; scripts may rely on them.

            \(FailureCode.allCases.map(\.helpParagraph).joined(separator: "\n\n"))
            """
    )

    @OptionGroup var output: OutputOption

    func run() throws {
        let console = output.console
        if output.json {
            return console.printJSON(.array(FailureCode.allCases.map(\.document)))
        }
        for (index, code) in FailureCode.allCases.enumerated() {
            if index > 0 { console.print() }
            console.print(console.style(code.rawValue, .identifier))
            console.print("  meaning: " + code.meaning)
            console.print("  fix:     " + code.fix)
        }
    }
}

extension FailureCode {
    /// The code as a paragraph of the command's help: `validation: what it means. Fix: what to do.`
    fileprivate var helpParagraph: String {
        "\(rawValue): \(meaning). Fix: \(fix)."
    }

    /// The code for `--json` output.
    fileprivate var document: JSONValue {
        .object([
            "code": .string(rawValue), "meaning": .string(meaning), "fix": .string(fix),
            "destination_level": .bool(isDestinationLevel),
        ])
    }
}

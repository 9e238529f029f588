import Foundation

/// What a `:` command line asks for, read from its text. Mapping names may hold spaces, so a
/// command's argument is the rest of the line.
public enum TypedCommand: Sendable, Hashable {
    case write
    case quit
    /// `:q!`: quit, dropping unsaved edits.
    case quitDiscarding
    case writeAndQuit
    case sync(String)
    case reset(String)
    /// `:test` alone tests the selected mapping; with a mapping's name, that mapping; with anything
    /// else, that record of the selected mapping.
    case test(String?)
    case help
}

/// Why a command line was not run, worded for the notice line.
public struct CommandLineError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
}

/// Reading and completing the `:` command line (vim's and k9s' habit), apart from what runs it.
public enum CommandLineText {
    /// The commands, as Tab completes them and the error for an unknown one lists them.
    public static let commands = ["w", "q", "q!", "wq", "sync", "reset", "test", "help"]
    /// The commands whose argument is a mapping's name.
    static let takingMappings: Set<String> = ["sync", "reset", "test"]

    public static func parse(_ text: String) throws(CommandLineError) -> TypedCommand {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let name = String(trimmed.prefix { $0 != " " })
        let argument = trimmed.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        switch name {
        case "w", "write": return .write
        case "q", "quit": return .quit
        case "q!", "quit!": return .quitDiscarding
        case "wq", "x": return .writeAndQuit
        case "sync", "reset":
            guard !argument.isEmpty else {
                throw CommandLineError(description: ":\(name) needs a mapping's name (Tab completes it)")
            }
            return name == "sync" ? .sync(argument) : .reset(argument)
        case "test": return .test(argument.isEmpty ? nil : argument)
        case "help", "h": return .help
        default:
            throw CommandLineError(
                description: "unknown command :\(name) (commands: \(commands.map { ":" + $0 }.joined(separator: ", ")))")
        }
    }

    /// Tab on `text`: the command name, or the mapping name after `sync`, `reset` and `test`,
    /// completed as far as the candidates agree; the candidates come back to be listed.
    public static func complete(_ text: String, mappings: [String]) -> (text: String, candidates: [String]) {
        guard let space = text.firstIndex(of: " ") else {
            let candidates = commands.filter { $0.hasPrefix(text) }
            let completed = commonPrefix(candidates) ?? text
            return (candidates.count == 1 && takingMappings.contains(completed) ? completed + " " : completed, candidates)
        }
        let command = String(text[..<space])
        guard takingMappings.contains(command) else { return (text, []) }
        let typed = text[text.index(after: space)...].trimmingCharacters(in: .whitespaces)
        let candidates = mappings.filter { $0.lowercased().hasPrefix(typed.lowercased()) }
        guard let completed = commonPrefix(candidates) else { return (text, []) }
        return (command + " " + (completed.count >= typed.count ? completed : typed), candidates)
    }

    /// The longest start every candidate shares; nil when there is none to share.
    private static func commonPrefix(_ candidates: [String]) -> String? {
        guard var prefix = candidates.first else { return nil }
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}

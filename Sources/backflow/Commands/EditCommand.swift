import ArgumentParser
import BackflowCore
import BackflowTUI
import Foundation

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Open the workspace in the terminal editor.",
        discussion: """
            Screens: 1 Overview (destinations and mappings with their last run), 2 Models (columns, \
            types and the first rows), 3 Test Mapping (the message a record makes and Segment's \
            validation, nothing is sent), 4 Syncs (start syncs, watch progress, read run history and \
            failed records). Press ? inside for every key.

            A workspace with problems opens too: the problems pane (p) lists each one with its \
            file:line, and Enter goes to the mapping or destination it is in. Only a file that is not \
            YAML at all is refused, with its line.

            Themes are files in themes/ (default, light, high-contrast, monochrome), chosen by --theme, \
            else the workspace's settings.theme; NO_COLOR gives monochrome. The terminal must be at \
            least 80×24.
            """
    )

    @OptionGroup var workspace: WorkspaceOption

    @Option(help: ArgumentHelp("A theme name from themes/, or a theme file.", valueName: "name"))
    var theme: String?

    func run() throws {
        let console = Console.standard(environment: ProcessInfo.processInfo.environment)
        try Self.requireTerminal(console: console, command: "edit")
        let path = workspace.resolvedPath
        let opened = try Self.openForEditing(path: path, console: console)
        let environment = ProcessInfo.processInfo.environment
        let chosen = try Self.theme(
            requested: theme, workspacePath: path, workspace: opened.workspace, environment: environment, console: console)
        EditorProgram.run(opened: opened, path: path, theme: chosen, environment: environment)
    }

    /// The workspace as the editor opens it, problems and all (they are shown inside). A file that
    /// cannot be read, or is not YAML at all, is refused here with its line and status 2.
    static func openForEditing(path: String, console: Console) throws -> WorkspaceForEditing {
        do {
            return try WorkspaceLoader.loadForEditing(path: path)
        } catch {
            console.printLoadError(error, path: path)
            throw ExitCode(2)
        }
    }

    /// The editor draws on a terminal; on a pipe it explains what to use instead.
    static func requireTerminal(console: Console, command: String) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            console.printError("backflow \(command) needs a terminal; for scripts use check, preview, sync and runs")
            throw ExitCode(2)
        }
    }

    /// `--theme`, else the workspace's setting, else the default theme (NO_COLOR: monochrome).
    static func theme(
        requested: String?, workspacePath: String, workspace: Workspace, environment: [String: String], console: Console
    ) throws -> Theme {
        let locator = ThemeLocator(
            workspacePath: workspacePath, environment: environment,
            executablePath: Bundle.main.executablePath ?? CommandLine.arguments[0])
        do {
            return try locator.theme(requested: requested, workspaceSetting: workspace.settings.theme)
        } catch {
            console.printError(error.description)
            throw ExitCode(2)
        }
    }
}

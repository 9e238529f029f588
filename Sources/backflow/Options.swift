import ArgumentParser
import BackflowCore
import Foundation

/// `-w FILE`: which workspace a command works on.
struct WorkspaceOption: ParsableArguments {
    @Option(
        name: [.customShort("w"), .customLong("workspace")],
        help: ArgumentHelp(
            "The workspace file.", discussion: "Defaults to $BACKFLOW_WORKSPACE, else backflow.yml in this folder.",
            valueName: "file"))
    var path: String?

    var resolvedPath: String {
        path ?? ProcessInfo.processInfo.environment["BACKFLOW_WORKSPACE"] ?? WorkspaceLoader.defaultFileName
    }

    /// Loads and checks the workspace; on any problem prints each one and exits with status 2.
    func open(console: Console) throws -> WorkspaceSession {
        do {
            return try WorkspaceSession.open(path: resolvedPath)
        } catch {
            console.printLoadError(error, path: resolvedPath)
            throw ExitCode(2)
        }
    }
}

/// `--json`: machine-readable output for scripts.
struct OutputOption: ParsableArguments {
    @Flag(help: "Print JSON instead of text, for scripts.")
    var json = false

    var console: Console { Console.standard(environment: ProcessInfo.processInfo.environment) }
}

extension Console {
    /// Why the workspace file could not be opened: each problem at its file:line, then their count.
    func printLoadError(_ error: WorkspaceLoadError, path: String) {
        guard case .invalid = error else {
            printError(style("error: ", .failure) + error.description)
            return
        }
        for diagnostic in error.diagnostics { printError(diagnostic.description) }
        let count = error.diagnostics.count
        printError(style("\(path): \(count) problem\(count == 1 ? "" : "s")", .failure))
    }

    /// Runs `body`, turning a workspace error into one clear line on standard error and status 2.
    func reportingErrors<T>(_ body: () throws(WorkspaceError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            printError(style("error: ", .failure) + error.description)
            throw ExitCode(2)
        }
    }
}

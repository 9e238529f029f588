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
            guard case .invalid = error else {
                console.printError(console.style("error: ", .failure) + error.description)
                throw ExitCode(2)
            }
            for diagnostic in error.diagnostics { console.printError(diagnostic.description) }
            let count = error.diagnostics.count
            console.printError(console.style("\(resolvedPath): \(count) problem\(count == 1 ? "" : "s")", .failure))
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

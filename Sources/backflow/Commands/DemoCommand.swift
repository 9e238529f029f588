import ArgumentParser
import BackflowCore
import BackflowSink
import BackflowTUI
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Try Backflow end to end: a demo workspace, a local receiver and the editor, in one command.",
        discussion: """
            Creates the demo workspace in DIR (a SQLite warehouse of users, orders and events, and \
            mappings to both Segment destinations) unless DIR already holds one, starts the local \
            receiver (as backflow sink) on 127.0.0.1:8710, where the demo's destinations send, sets the \
            demo's write-key variables, and opens the editor. Syncs started in the editor land in the \
            receiver, which stores what it accepts in DIR/received.ndjson and answers GET /stats. \
            Nothing reaches Segment.
            """
    )

    /// The demo's receiver port: the demo workspace's destinations name it.
    static let receiverPort = 8710

    @Argument(help: "The demo folder; created when missing.")
    var directory = "./backflow-demo"

    @Option(help: ArgumentHelp("A theme name from themes/, or a theme file.", valueName: "name"))
    var theme: String?

    func run() throws {
        var environment = ProcessInfo.processInfo.environment
        let console = Console.standard(environment: environment)
        try EditCommand.requireTerminal(console: console, command: "demo")
        let workspacePath = try prepareWorkspace(console: console)
        for variable in [DemoWorkspaceFile.connectionsWriteKeyVariable, DemoWorkspaceFile.profilesWriteKeyVariable]
        where environment[variable]?.isEmpty ?? true {
            environment[variable] = "demo-write-key"
            setenv(variable, "demo-write-key", 1)
        }
        let opened = try EditCommand.openForEditing(path: workspacePath, console: console)
        let chosen = try EditCommand.theme(
            requested: theme, workspacePath: workspacePath, workspace: opened.workspace, environment: environment,
            console: console)
        let receiver = startReceiver(console: console)
        EditorProgram.run(opened: opened, path: workspacePath, theme: chosen, environment: environment)
        if let receiver, let stats = try? receiver.stopAndWait() {
            print("backflow demo: the receiver got " + stats.summary)
        }
    }

    /// The demo folder's workspace file, scaffolded when the folder has none.
    private func prepareWorkspace(console: Console) throws -> String {
        let path = directory + "/" + WorkspaceLoader.defaultFileName
        guard !FileManager.default.fileExists(atPath: path) else { return path }
        do {
            return try WorkspaceScaffold.create(in: directory, demo: true, replacing: false).workspacePath
        } catch {
            console.printError(console.style("error: ", .failure) + error.description)
            throw ExitCode(2)
        }
    }

    /// The receiver on the demo's port; when the port is taken the editor still opens, and says
    /// where its syncs will go.
    private func startReceiver(console: Console) -> SinkServer? {
        let server = SinkServer(
            configuration: SinkConfiguration(
                port: Self.receiverPort, outputPath: directory + "/received.ndjson", keepsMessagesInMemory: false))
        do {
            _ = try server.startAndWait()
            return server
        } catch {
            console.printError(
                console.style("warning: ", .warning)
                    + "the demo receiver cannot listen on 127.0.0.1:\(Self.receiverPort) (\(error)); syncs will go "
                    + "to whatever listens there (a backflow sink you started, say). Press Enter to open the editor.")
            _ = readLine()
            return nil
        }
    }
}

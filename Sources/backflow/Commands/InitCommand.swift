import ArgumentParser
import BackflowCore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a workspace in a folder.",
        discussion: """
            Without --demo, writes a starter backflow.yml to fill in. With --demo, also writes a SQLite \
            warehouse of realistic users, accounts, orders, page views and app screens (a few deliberately \
            bad rows among them) and mappings for every action of Segment Connections and Segment Profiles.
            """
    )

    @Flag(help: "Create the demo warehouse and its mappings.")
    var demo = false

    @Flag(help: "Replace a workspace file that is already there.")
    var force = false

    @Argument(help: "The folder to create the workspace in (created when missing).")
    var directory: String

    @OptionGroup var output: OutputOption

    func run() throws {
        let console = output.console
        let created: (workspacePath: String, warehouse: DemoWarehouseSummary?)
        do {
            created = try WorkspaceScaffold.create(in: directory, demo: demo, replacing: force)
        } catch {
            console.printError(console.style("error: ", .failure) + error.description)
            throw ExitCode(2)
        }
        let tables = created.warehouse?.tables ?? []
        if output.json {
            let counts = JSONObject(tables.map { ($0.name, JSONValue.integer(Int64($0.rowCount))) })
            console.printJSON(["workspace": .string(created.workspacePath), "demo": .bool(demo), "tables": .object(counts)])
            return
        }
        console.print(console.style("Created \(created.workspacePath)", .success))
        for table in tables {
            console.print("  \(DisplayWidth.pad(table.name, to: 12)) \(table.rowCount) rows")
        }
        console.print()
        console.print("Next:")
        console.print("  backflow models -w \(created.workspacePath)")
        console.print("  backflow check -w \(created.workspacePath)")
    }
}

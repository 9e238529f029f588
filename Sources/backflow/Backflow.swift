import ArgumentParser
import BackflowCore

@main
struct Backflow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backflow",
        abstract: "Reverse ETL into Segment: map warehouse models to Segment actions, test and sync them.",
        discussion: """
            A workspace file (backflow.yml) names the warehouse sources, the models (a SQL query plus a \
            unique-identifier column), the Segment destinations and the mappings from model columns to \
            the destinations' actions. Start with `backflow init --demo DIR`.

            Exit status: 0 on success, 1 when a check or a test finds problems, 2 when the workspace \
            or the command line is wrong.
            """,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, CatalogCommand.self, CheckCommand.self, PreviewCommand.self,
            ModelsCommand.self, ColumnsCommand.self, RowsCommand.self, SyncCommand.self, RunsCommand.self,
            ScheduleCommand.self, SinkCommand.self, EditCommand.self, DemoCommand.self, ErrorsCommand.self,
        ],
        defaultSubcommand: EditCommand.self
    )
}

import ArgumentParser
import BackflowCore

@main
struct Backflow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backflow",
        abstract: "Reverse ETL into Segment: map warehouse models to Segment actions, test and sync them.",
        version: "0.1.0",
        subcommands: []
    )
}

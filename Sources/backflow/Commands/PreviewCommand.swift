import ArgumentParser
import BackflowCore

struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Test Mapping: print the exact message a mapping builds from one record. Nothing is sent.",
        discussion: """
            Uses --record, else the mapping's test_record, else the model's first record. Exits 1 when \
            the record fails validation, printing every problem.
            """
    )

    @OptionGroup var workspace: WorkspaceOption

    @Argument(help: "The mapping's name.")
    var mapping: String

    @Option(help: "The unique id of the record to test.")
    var record: String?

    @Flag(help: "Also print the event the mapping reads (the record as Reverse ETL presents it).")
    var showEvent = false

    @OptionGroup var output: OutputOption

    func run() throws {
        let console = output.console
        let session = try workspace.open(console: console)
        let (mapping, record) = try console.reportingErrors { () throws(WorkspaceError) in
            let mapping = try session.mapping(named: self.mapping)
            return (mapping, try session.testRecord(for: mapping, id: self.record))
        }
        let result = mapping.test(record)
        let warnings = mapping.inexactIntegers(in: result)
        if output.json {
            var document: JSONObject = [
                "mapping": .string(mapping.name),
                "record": .string(record.id),
                "valid": .bool(result.isValid),
                "message": result.message.map(JSONValue.object) ?? .null,
                "problems": .array(result.problems.map(\.document)),
                "warnings": .array(warnings.map(\.document)),
            ]
            if showEvent { document["event"] = .object(result.event) }
            console.printJSON(.object(document))
        } else {
            console.print(
                console.style("\(mapping.name)", .heading) + "  "
                    + console.style("\(mapping.destination.name) · \(mapping.action.title) · record \(record.id)", .muted))
            if showEvent {
                console.print(console.style("Event", .heading))
                console.printJSON(.object(result.event))
            }
            if let message = result.message {
                console.printJSON(.object(message))
            }
            for problem in result.problems {
                console.print(console.style("✗ ", .failure) + problem.description)
            }
            for warning in warnings {
                console.print(console.style("! ", .warning) + warning.description)
            }
        }
        if !result.isValid { throw ExitCode(1) }
    }
}

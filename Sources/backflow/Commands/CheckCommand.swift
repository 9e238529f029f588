import ArgumentParser
import BackflowCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run Test Mapping for every enabled mapping over its model's records; for CI.",
        discussion: """
            Loads the workspace (reporting every problem in it with file, line and key), then tests each \
            enabled mapping against its model's records exactly as a sync would build them: mapping \
            resolution, field validation and the action's own rules, with Segment's error texts. Nothing \
            is sent. Warns (without failing) when a mapping's messages can lack a messageId or repeat one. \
            Exits 1 when any record fails, 2 when the workspace itself is wrong.
            """
    )

    @OptionGroup var workspace: WorkspaceOption

    @Option(name: .customLong("mapping"), help: "Check only this mapping (repeatable).")
    var mappingNames: [String] = []

    @Option(help: "Test only the first N records of each model instead of all of them.")
    var sample: Int?

    @Option(help: "Show at most this many failed records per mapping in text output.")
    var show: Int = 20

    @OptionGroup var output: OutputOption

    func validate() throws {
        if let sample, sample < 1 { throw ValidationError("--sample must be at least 1") }
    }

    func run() throws {
        let console = output.console
        let session = try workspace.open(console: console)
        let mappings = try console.reportingErrors { () throws(WorkspaceError) in
            mappingNames.isEmpty
                ? try session.mappings(enabledOnly: true)
                : try mappingNames.map { name throws(WorkspaceError) in try session.mapping(named: name) }
        }
        var reports: [MappingCheckReport] = []
        var auditedModels: Set<String> = []
        for mapping in mappings {
            let warehouse = try console.reportingErrors { () throws(WorkspaceError) in try session.warehouse(for: mapping.model) }
            if auditedModels.insert(mapping.model.name).inserted { warnAboutRole(reading: mapping.model, in: warehouse, console: console) }
            do {
                reports.append(try MappingCheck.run(mapping, in: warehouse, limit: sample))
            } catch {
                console.printError(console.style("error: ", .failure) + "\(mapping.name): \(error)")
                throw ExitCode(2)
            }
        }
        let warnings = mappings.compactMap(MessageIdAudit.warning(for:))
        if output.json {
            console.printJSON(
                .object([
                    "ok": .bool(reports.allSatisfy(\.isClean)), "mappings": .array(reports.map(\.document)),
                    "warnings": .array(warnings.map(\.document)),
                ]))
        } else {
            for warning in warnings { console.printError(console.style("warning: ", .warning) + warning.description) }
            printReports(reports, mappings: mappings, console: console)
        }
        if !reports.allSatisfy(\.isClean) { throw ExitCode(1) }
    }

    private func printReports(_ reports: [MappingCheckReport], mappings: [ResolvedMapping], console: Console) {
        for (report, mapping) in zip(reports, mappings) {
            let verdict =
                report.isClean
                ? console.style("ok", .success)
                : console.style("\(report.failures.count + report.discarded.count) failed", .failure)
            console.print(
                "\(console.style(report.mapping, .heading))  \(console.style("\(mapping.destination.name) · \(mapping.action.title) · \(mapping.model.name)", .muted))  \(report.checked) records  \(verdict)"
            )
            var table = TextTable(columns: [.init("  RECORD"), .init("FIELD"), .init("PROBLEM", maximumWidth: 120)])
            for problem in report.discarded.prefix(show) {
                table.append(["  " + (problem.id ?? "row \(problem.rowNumber)"), "", problem.message])
            }
            for failure in report.failures.prefix(show) {
                for problem in failure.problems {
                    table.append(["  " + failure.recordID, problem.field ?? "", problem.message])
                }
            }
            if !report.isClean {
                table.render().dropFirst().forEach { console.print($0) }
                let hidden = report.failures.count + report.discarded.count - min(show, report.failures.count) - min(show, report.discarded.count)
                if hidden > 0 { console.print(console.style("  … and \(hidden) more (--show N)", .muted)) }
            }
        }
        let failed = reports.filter { !$0.isClean }.count
        console.print()
        console.print(
            failed == 0
                ? console.style("All \(reports.count) mappings passed.", .success)
                : console.style("\(failed) of \(reports.count) mappings have failing records.", .failure))
    }
}

extension MappingCheckReport {
    var document: JSONValue {
        .object([
            "mapping": .string(mapping),
            "checked": .integer(Int64(checked)),
            "passed": .integer(Int64(passed)),
            "failed": .integer(Int64(failures.count)),
            "failures": .array(failures.map { failure in
                .object([
                    "record": .string(failure.recordID),
                    "problems": .array(failure.problems.map(\.document)),
                ])
            }),
            "discarded": .array(discarded.map { problem in
                .object([
                    "row": .integer(Int64(problem.rowNumber)),
                    "record": problem.id.map(JSONValue.string) ?? .null,
                    "code": .string(problem.code),
                    "message": .string(problem.message),
                ])
            }),
        ])
    }
}

extension MappingProblem {
    var document: JSONValue {
        .object([
            "stage": .string(stage.rawValue),
            "field": field.map(JSONValue.string) ?? .null,
            "message": .string(message),
        ])
    }
}

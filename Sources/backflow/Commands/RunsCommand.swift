import ArgumentParser
import BackflowCore
import Foundation

struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "The sync history: every run with its status and counts.",
        subcommands: [ListRuns.self, ShowRun.self],
        defaultSubcommand: ListRuns.self
    )
}

struct ListRuns: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List runs, newest first (the default).")

    @OptionGroup var workspace: WorkspaceOption
    @Argument(help: "Only this mapping's runs.") var mapping: String?
    @Option(help: "How many runs to show.") var limit = 20
    @OptionGroup var output: OutputOption

    func run() throws {
        let console = output.console
        let session = try workspace.open(console: console)
        let log = WorkspaceRunLog(session: session)
        for problem in log.unreachable { console.printError(console.style("warning: ", .warning) + problem) }
        let runs = try log.runs(mapping: mapping, limit: limit)
        if output.json { return console.printJSON(.array(runs.map(\.document))) }
        var table = TextTable(columns: [
            .init("RUN", alignment: .right), .init("MAPPING"), .init("HOST"), .init("STATUS"), .init("STARTED"),
            .init("DURATION", alignment: .right), .init("EXTRACTED", alignment: .right), .init("+ ~ -"),
            .init("DELIVERED", alignment: .right), .init("FAILED", alignment: .right),
        ])
        for run in runs {
            table.append([
                String(run.id), run.mapping, run.host ?? "", run.statusText, RunTime.format(run.startedAt),
                run.duration.map(SyncProgressLine.duration) ?? "", String(run.counts.extracted),
                "\(run.counts.added) \(run.counts.updated) \(run.counts.deleted)", String(run.delivered), String(run.failed),
            ])
        }
        if runs.isEmpty { return console.print("No runs yet. Start one with `backflow sync`.") }
        console.printTable(table)
    }
}

struct ShowRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "One run in detail, with its failed records, reasons and sample payloads.")

    @OptionGroup var workspace: WorkspaceOption
    @Argument(help: "The run's number.") var runID: Int64
    @Option(help: "How many failed records to show.") var limit = 50
    @OptionGroup var output: OutputOption

    func run() throws {
        let console = output.console
        let session = try workspace.open(console: console)
        let log = WorkspaceRunLog(session: session)
        for problem in log.unreachable { console.printError(console.style("warning: ", .warning) + problem) }
        guard let found = try log.run(id: runID) else {
            console.printError(console.style("error: ", .failure) + "no run \(runID) in this workspace's run history")
            throw ExitCode(2)
        }
        let errors = try log.errors(runID: runID, limit: limit)
        if output.json {
            var document = found.document.objectValue ?? [:]
            document["errors"] = .array(errors.map(\.document))
            return console.printJSON(.object(document))
        }
        console.print(console.style("Run \(found.id) · \(found.mapping) · \(found.statusText)", .heading))
        if let host = found.host { console.print("host      \(host)") }
        console.print("started   \(RunTime.format(found.startedAt))" + (found.duration.map { "  took \(SyncProgressLine.duration($0))" } ?? ""))
        console.print("extracted \(found.counts.extracted): \(found.counts.added) added, \(found.counts.updated) updated, \(found.counts.deleted) deleted")
        console.print(
            "loaded    \(found.delivered) delivered, \(found.failed) failed, \(found.skipped) skipped, \(found.expired) expired")
        if let error = found.error { console.print(console.style("error     \(error)", .failure)) }
        for error in errors {
            console.print()
            let kind = [error.change.rawValue, error.code?.rawValue].compactMap { $0 }.joined(separator: ", ")
            console.print(console.style("✗ \(error.recordID)", .failure) + console.style(" (\(kind))", .muted) + "  \(error.reason)")
            if let sample = error.samplePayload { console.printJSON(sample) }
        }
    }
}

extension SyncRun {
    var document: JSONValue {
        var object: JSONObject = [
            "run": .integer(id),
            "mapping": .string(mapping),
            "status": .string(statusText),
            "started_at": .string(RunTime.iso(startedAt)),
            "finished_at": finishedAt.map { .string(RunTime.iso($0)) } ?? .null,
            "duration_seconds": duration.map(JSONValue.number) ?? .null,
            "extracted": .integer(Int64(counts.extracted)),
            "added": .integer(Int64(counts.added)),
            "updated": .integer(Int64(counts.updated)),
            "deleted": .integer(Int64(counts.deleted)),
            "delivered": .integer(Int64(delivered)),
            "failed": .integer(Int64(failed)),
            "skipped": .integer(Int64(skipped)),
            "expired": .integer(Int64(expired)),
        ]
        object["host"] = host.map(JSONValue.string)
        object["error"] = error.map(JSONValue.string)
        object["error_code"] = errorCode.map { .string($0.rawValue) }
        return .object(object)
    }
}

/// Run times as people and scripts read them.
enum RunTime {
    static func format(_ time: Double) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: time))
    }

    static func iso(_ time: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: time))
    }
}

import ArgumentParser
import BackflowCore
import Foundation

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Send what changed in each mapping's model to Segment.",
        discussion: """
            For each mapping, change detection inside the warehouse finds the records added, updated \
            and deleted since the last sync (on the first sync every record is added); the mapping sends \
            the kinds it selects, in batches within the Tracking API's limits, retrying 429s, 5xx answers \
            and dropped connections. A record's state is committed only once Segment acknowledged it, so \
            a sync killed at any moment loses nothing: run it again. Records that fail are retried on \
            later syncs with their latest data for 14 days. Every run is kept: see `backflow runs`.

            Exits 1 when any record or mapping failed.
            """
    )

    @OptionGroup var workspace: WorkspaceOption

    @Argument(help: "The mappings to sync, by name.")
    var mappings: [String] = []

    @Flag(help: "Sync every enabled mapping of every enabled destination.")
    var all = false

    @Flag(help: "Build every message but send nothing and remember nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("With --dry-run, write the messages here, one JSON document a line.", valueName: "file.ndjson"))
    var out: String?

    @Flag(help: "Forget what was sent before and send the whole model again.")
    var reset = false

    @Option(help: ArgumentHelp("Pack at most this many messages in one request (at most 2,500, the Tracking API's limit).", valueName: "n"))
    var batchMessages = TrackingAPILimits.maximumBatchMessages

    @OptionGroup var output: OutputOption

    func validate() throws {
        if !(1...TrackingAPILimits.maximumBatchMessages).contains(batchMessages) {
            throw ValidationError("--batch-messages must be between 1 and \(TrackingAPILimits.maximumBatchMessages)")
        }
        if mappings.isEmpty, !all { throw ValidationError("name the mappings to sync, or pass --all") }
        if !mappings.isEmpty, all { throw ValidationError("pass either mapping names or --all, not both") }
        if out != nil, !dryRun { throw ValidationError("--out goes with --dry-run") }
    }

    func run() throws {
        let console = output.console
        let session = try workspace.open(console: console)
        let selected = try console.reportingErrors { () throws(WorkspaceError) in
            all ? try session.mappings(enabledOnly: true) : try mappings.map { name throws(WorkspaceError) in try session.mapping(named: name) }
        }
        var options = SyncOptions()
        options.dryRun = dryRun
        options.dryRunOutput = out
        options.reset = reset
        options.batchLimits = BatchLimits(
            maximumMessageBytes: TrackingAPILimits.maximumMessageBytes, maximumBodyBytes: TrackingAPILimits.maximumBatchBytes,
            maximumMessages: batchMessages)
        let reporter = SyncReporter(console: console, json: output.json, live: isatty(STDERR_FILENO) == 1)
        let engine = ThreadConfined(SyncEngine(session: session))
        let chosen = options
        let results = BlockingTask.run { await engine.value.sync(selected, options: chosen, events: reporter.report) }
        reporter.summarize(results, dryRun: dryRun)
        if !results.allSatisfy(\.succeeded) { throw ExitCode(1) }
    }
}

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

            Ctrl-C (or SIGTERM) stops the sync cleanly: nothing more is sent, the batches in flight are \
            settled, what was delivered is kept, and the run is recorded as interrupted with its true \
            counts; mappings not yet started are not started. A second Ctrl-C quits at once, which is \
            safe too: the next sync re-sends what was not recorded, with the same message ids.

            --dry-run --out FILE writes every message of every mapping synced, one JSON object a line \
            naming the mapping and holding the message exactly as Test Mapping shows it: \
            {"mapping":"Identify users","message":{...}}.

            Exits 1 when any record or mapping failed, 130 when stopped by Ctrl-C (143 by SIGTERM).
            """
    )

    @OptionGroup var workspace: WorkspaceOption

    @Argument(help: "The mappings to sync, by name.")
    var mappings: [String] = []

    @Flag(help: "Sync every enabled mapping of every enabled destination.")
    var all = false

    @Flag(help: "Build every message but send nothing and remember nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("With --dry-run, write the messages here: one line a message, {\"mapping\": name, \"message\": message}.", valueName: "file.ndjson"))
    var out: String?

    @Flag(help: "Forget what was sent before and send the whole model again.")
    var reset = false

    @Option(help: ArgumentHelp("Pack at most this many messages in one request (at most 2,500, the Tracking API's limit).", valueName: "n"))
    var batchMessages = TrackingAPILimits.maximumBatchMessages

    @Option(help: ArgumentHelp("When another sync of a mapping (on any host) holds it, wait up to this many seconds for it to finish instead of giving up at once.", valueName: "seconds"))
    var wait: Double?

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
        options.leaseWait = wait
        options.countsModelRows = !output.json
        options.batchLimits = BatchLimits(
            maximumMessageBytes: TrackingAPILimits.maximumMessageBytes, maximumBodyBytes: TrackingAPILimits.maximumBatchBytes,
            maximumMessages: batchMessages)
        let reporter = SyncReporter(console: console, json: output.json, live: isatty(STDERR_FILENO) == 1)
        let signals = StopSignals(interruption: options.interruption) { reporter.note($0) }
        defer { signals.stop() }
        let engine = ThreadConfined(SyncEngine(session: session))
        let chosen = options
        let results = BlockingTask.run { await engine.value.sync(selected, options: chosen, events: reporter.report) }
        reporter.summarize(results, dryRun: dryRun)
        if let status = signals.exitStatus {
            let skipped = selected.dropFirst(results.count).map(\.name)
            if !skipped.isEmpty { reporter.note("not started: " + skipped.joined(separator: ", ")) }
            throw ExitCode(status)
        }
        if !results.allSatisfy(\.succeeded) { throw ExitCode(1) }
    }
}

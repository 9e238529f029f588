import ArgumentParser
import BackflowCore
import BackflowSink
import Foundation

struct SinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sink",
        abstract: "Run a local Segment-compatible receiver to sync into: it checks, counts and stores what it gets.",
        discussion: """
            Answers like the Tracking API: POST /v1/batch and /v1/identify|track|page|screen|group|alias \
            with Basic auth (writeKey:), the 32 KB message and 500,000-byte batch limits (400), and each \
            message's required fields (a message lacking them is answered 200 but dropped, as Segment \
            does). Accepted messages go to --out as NDJSON with a hash of the write key, never the key. \
            GET /stats answers with the counts. Point a destination at http://127.0.0.1:PORT/v1.

            Faults for testing a sender: --fail-rate with --fail-status answers that share of tracking \
            requests with 429 (with Retry-After), 500 or 503; --drop-rate closes that share of \
            connections without an answer; --slow-ms delays every answer; --seed replays the same faults.

            Stops on Ctrl-C or SIGTERM and prints a one-line summary.
            """
    )

    @Option(help: "The address to listen on; a non-loopback one needs --allow-remote.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one, printed at start).")
    var port = 8710

    @Flag(help: "Allow listening on a non-loopback address.")
    var allowRemote = false

    @Option(help: ArgumentHelp("Accept only the write key held in this environment variable.", valueName: "name"))
    var writeKeyEnv: String?

    @Option(help: ArgumentHelp("Append accepted messages to this file as NDJSON (truncated at start).", valueName: "file"))
    var out: String?

    @Option(help: "The share of tracking requests to fail on purpose, 0 to 1.")
    var failRate = 0.0

    @Option(help: "The status a failed request gets: 429, 500 or 503.")
    var failStatus = 500

    @Option(help: ArgumentHelp("The Retry-After sent with an injected 429.", valueName: "seconds"))
    var retryAfter = 1

    @Option(help: ArgumentHelp("Delay every tracking answer by this much.", valueName: "milliseconds"))
    var slowMs = 0

    @Option(help: "The share of tracking requests whose connection is closed without an answer, 0 to 1.")
    var dropRate = 0.0

    @Option(help: "The seed of the fault sequence.")
    var seed: UInt64 = 1

    @Flag(help: "Print no line per request; only the address at start and the summary at the end.")
    var quiet = false

    func run() throws {
        let console = Console.standard(environment: ProcessInfo.processInfo.environment)
        let server = SinkServer(configuration: try sinkConfiguration(console: console))
        let terminationSignals = TerminationSignals.block()
        let boundPort: Int
        do {
            boundPort = try server.startAndWait()
        } catch {
            console.printError(console.style("error: ", .failure) + "\(error)")
            throw ExitCode(2)
        }
        Self.printNow("backflow sink listening on http://\(host):\(boundPort)/v1")
        terminationSignals.wait()
        let stats = try server.stopAndWait()
        Self.printNow("backflow sink stopped: " + stats.summary)
    }

    /// Writes a line to standard output unbuffered, so a script reading it (for the port chosen
    /// with --port 0, say) sees it at once.
    private static func printNow(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private func sinkConfiguration(console: Console) throws -> SinkConfiguration {
        var acceptedWriteKey: String?
        if let writeKeyEnv {
            guard let key = ProcessInfo.processInfo.environment[writeKeyEnv], !key.isEmpty else {
                console.printError(console.style("error: ", .failure) + "the environment variable \(writeKeyEnv) is not set")
                throw ExitCode(2)
            }
            acceptedWriteKey = key
        }
        var requestLog: (@Sendable (String) -> Void)?
        if !quiet { requestLog = { @Sendable line in Self.printNow(console.style(line, .muted)) } }
        let configuration = SinkConfiguration(
            host: host, port: port, allowsRemoteClients: allowRemote, acceptedWriteKey: acceptedWriteKey,
            outputPath: out, keepsMessagesInMemory: false,
            faults: SinkFaults(
                failRate: failRate, failStatus: failStatus, retryAfterSeconds: retryAfter, dropRate: dropRate,
                slowMilliseconds: slowMs, seed: seed),
            requestLog: requestLog)
        do throws(SinkConfigurationError) {
            try configuration.validate()
        } catch {
            console.printError(console.style("error: ", .failure) + error.description)
            throw ExitCode(2)
        }
        return configuration
    }
}

/// Waits for SIGINT or SIGTERM with `sigwait`. `block()` must run before any thread is started
/// (the sink's event loops inherit the mask), so the signals stay pending for the waiter instead
/// of ending the process.
private struct TerminationSignals {
    private var signals = sigset_t()

    static func block() -> TerminationSignals {
        var waiter = TerminationSignals()
        sigemptyset(&waiter.signals)
        sigaddset(&waiter.signals, SIGINT)
        sigaddset(&waiter.signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &waiter.signals, nil)
        return waiter
    }

    func wait() {
        var signals = self.signals
        var received: Int32 = 0
        sigwait(&signals, &received)
    }
}

import BackflowCore
import Foundation

/// Takes SIGINT and SIGTERM instead of letting them end the process mid-sync. The first one asks the
/// syncs to stop cleanly through ``interruption`` (the batches in flight are settled, what was
/// acknowledged is committed and the run is recorded as interrupted with its counts); a second one
/// ends the process at once, which loses nothing either: the next sync re-sends what was not
/// committed, with the same message ids.
final class StopSignals: @unchecked Sendable {
    let interruption: SyncInterruption
    // `first` is only touched on `queue`, and read once the work it stopped is over.
    private let queue = DispatchQueue(label: "backflow-stop-signals")
    private var sources: [any DispatchSourceSignal] = []
    private var first: Int32?

    /// - Parameter onFirst: called (on a queue of its own) when the first signal arrives, with a line
    ///   for the user.
    init(interruption: SyncInterruption = SyncInterruption(), onFirst: @escaping @Sendable (String) -> Void) {
        self.interruption = interruption
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [unowned self] in
                guard first == nil else { Foundation.exit(Self.exitStatus(number)) }
                first = number
                interruption.request(cause: Self.name(number))
                onFirst("stopping: settling the batches in flight and keeping what was delivered; "
                    + "\(number == SIGINT ? "Ctrl-C" : "the signal") again to quit at once")
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The conventional exit status for the signal that stopped the work (130 for SIGINT, 143 for
    /// SIGTERM), or nil when none came.
    var exitStatus: Int32? {
        queue.sync { first.map(Self.exitStatus) }
    }

    func stop() {
        for source in sources { source.cancel() }
    }

    private static func exitStatus(_ number: Int32) -> Int32 { 128 + number }

    private static func name(_ number: Int32) -> String {
        number == SIGINT ? "SIGINT (Ctrl-C)" : "SIGTERM"
    }
}

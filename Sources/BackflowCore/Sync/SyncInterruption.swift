import Foundation

/// A request to stop syncs before they are done — Ctrl-C, SIGTERM, quitting the editor — shared by
/// whoever asks and the syncs that honour it.
///
/// A sync checks it between records: once it is requested the scan stops, nothing more is handed to
/// delivery, the batches already in flight are settled, what was acknowledged is committed, and the
/// run is recorded as interrupted with its true counts. Mappings not yet started are not started.
public final class SyncInterruption: @unchecked Sendable {
    // `lock` guards `cause`: set from a signal handler's queue or the UI thread, read by sync threads.
    private let lock = NSLock()
    private var cause: String?

    public init() {}

    /// Asks every sync watching this to stop; `cause` says why, in the run's history ("SIGINT
    /// (Ctrl-C)", "the editor was closed"). Only the first request's cause is kept.
    public func request(cause: String) {
        lock.withLock {
            if self.cause == nil { self.cause = cause }
        }
    }

    /// Why a stop was requested, or nil while none was.
    public var requestedCause: String? {
        lock.withLock { cause }
    }

    public var isRequested: Bool { requestedCause != nil }
}

import Foundation

/// One sync of a mapping at a time, across processes and hosts: a lease on the mapping's state, kept in
/// the warehouse beside that state (see ``LeaseStore``), renewed by a heartbeat for the whole run.
///
/// A lease row names its holder (host, process, start) for the message a second sync shows, and expires
/// `duration` seconds after its last renewal, so that a host that dies (killed, powered off, cut off from
/// the warehouse) loses it within that time and another host can take over. A lease whose holder is a
/// process of this host that has ended is taken over at once. Every state write of the holder is
/// fenced by the lease (``fence``): a holder that stalled past its expiry while another host took over
/// commits nothing more, so an older snapshot's acknowledgements never land after a newer one's.
///
/// The heartbeat runs on a thread of its own, through a store (and so a connection) of its own, until
/// ``release()``: the holder must call it (a process that ends without it leaves the lease to expire).
/// Once it returns, the heartbeat's connection is closed too: the next to open the state (another
/// command, another sync) does not meet it closing.
public final class SyncLease: @unchecked Sendable {
    public let mapping: String
    public let fence: LeaseFence
    public let duration: Double
    // `condition` guards `released` and `heartbeatEnded`.
    private let condition = NSCondition()
    private var released = false
    private var heartbeatEnded = false
    private let store: any LeaseStore

    /// Takes the lease of `stateKey` or throws ``SyncLeaseError/held(mapping:holder:)``; with `wait`, first
    /// polls for up to that many seconds for the holder to finish.
    /// - Parameters:
    ///   - openStore: opens a store with a connection of its own; called twice (claims, heartbeat).
    ///   - identity: the host and process to record as the holder.
    public init(
        mapping: String, stateKey: String, duration: Double, wait: Double?, identity: LeaseIdentity = .current(),
        openStore: () throws -> any LeaseStore
    ) throws {
        let store = try openStore()
        let token = IdentityText.random(prefix: "lease_", count: 24)
        let deadline = Date().addingTimeInterval(wait ?? 0)
        while true {
            var holder = try store.claim(
                stateKey: stateKey, host: identity.host, pid: identity.pid, token: token, duration: duration,
                replacing: nil)
            if let live = holder, identity.isAbandoned(live) {
                holder = try store.claim(
                    stateKey: stateKey, host: identity.host, pid: identity.pid, token: token, duration: duration,
                    replacing: live.token)
            }
            guard let holder else { break }
            guard Date() < deadline else { throw SyncLeaseError.held(mapping: mapping, holder: holder) }
            Thread.sleep(forTimeInterval: min(1, max(0.05, deadline.timeIntervalSinceNow)))
        }
        self.mapping = mapping
        self.fence = LeaseFence(stateKey: stateKey, token: token)
        self.duration = duration
        self.store = store
        let heartbeat = Handover(try openStore())
        let thread = Thread { [self] in
            beat(heartbeat.take())
            condition.lock()
            heartbeatEnded = true
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "backflow-lease"
        thread.start()
    }

    /// Renews the lease every third of its duration until it is released. A renewal that fails (the
    /// warehouse is unreachable) is tried again next time; one that finds the lease taken over ends the
    /// heartbeat, and the fence then refuses the holder's writes.
    private func beat(_ heartbeat: any LeaseStore) {
        condition.lock()
        defer { condition.unlock() }
        while !released {
            _ = condition.wait(until: Date().addingTimeInterval(duration / 3))
            guard !released else { return }
            condition.unlock()
            let renewed = (try? heartbeat.renew(fence, duration: duration)) ?? true
            condition.lock()
            if !renewed { return }
        }
    }

    /// Lets the next sync of the mapping start, and waits for the heartbeat to let go of its store: for
    /// a renewal under way, at most ``heartbeatWait`` seconds. Calling it again does nothing.
    public func release() {
        condition.lock()
        let wasReleased = released
        released = true
        condition.broadcast()
        condition.unlock()
        guard !wasReleased else { return }
        try? store.release(fence)
        let deadline = Date().addingTimeInterval(Self.heartbeatWait)
        condition.lock()
        while !heartbeatEnded, condition.wait(until: deadline) {}
        condition.unlock()
    }

    /// How long ``release()`` waits for a renewal under way to end: a warehouse that stopped answering
    /// must not hold up the end of a sync whose state is already written.
    static let heartbeatWait: Double = 5
}

/// The host and process a lease is taken for, and how to tell that a holder on this host has ended.
public struct LeaseIdentity: Sendable {
    public let host: String
    public let pid: Int32

    public init(host: String, pid: Int32) {
        self.host = host
        self.pid = pid
    }

    /// This process, on the host `BACKFLOW_HOST` names (for hosts that share a name, such as containers
    /// of one image) or else on this machine's host name.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> LeaseIdentity {
        LeaseIdentity(host: hostName(environment: environment), pid: getpid())
    }

    /// The name runs and leases record for this host.
    public static func hostName(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let named = environment["BACKFLOW_HOST"], !named.isEmpty { return named }
        return ProcessInfo.processInfo.hostName
    }

    /// A holder on this host whose process has ended: its lease need not be waited out.
    func isAbandoned(_ holder: LeaseHolder) -> Bool {
        holder.host == host && holder.pid != pid && kill(holder.pid, 0) != 0 && errno == ESRCH
    }
}

/// Why a sync could not take its mapping's lease.
public enum SyncLeaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another sync of the mapping holds it, on `holder`'s host.
    case held(mapping: String, holder: LeaseHolder)
    /// The holder stalled past its lease and another host took the mapping over: this sync stopped
    /// committing (what it delivered is sent again by the next sync, with the same message ids).
    case lost(stateKey: String)

    public var description: String {
        switch self {
        case .held(let mapping, let holder):
            let since = Date(timeIntervalSince1970: holder.startedAt).formatted(.iso8601)
            return "mapping '\(mapping)' is already syncing on host \(holder.host) (pid \(holder.pid), since \(since)); "
                + "wait for it to finish, or sync with --wait SECONDS"
        case .lost(let stateKey):
            return "the lease of state \(stateKey) was taken over by another host after this sync stalled past its "
                + "expiry: nothing more is committed; the next sync sends what this one could not record"
        }
    }
}

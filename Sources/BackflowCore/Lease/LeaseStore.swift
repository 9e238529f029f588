import Foundation

/// Who holds a mapping's lease: the host and process running its sync, and since when.
public struct LeaseHolder: Sendable, Hashable {
    public let host: String
    public let pid: Int32
    /// Seconds since 1970, by the clock of the engine the lease lives in.
    public let startedAt: Double
    /// Seconds since 1970 after which another host may take the lease over unless it is renewed.
    public let expiresAt: Double
    /// Identifies one holding: a lease taken again gets a new token, which is what ends an old holder's
    /// right to commit (see ``LeaseFence``).
    public let token: String

    public init(host: String, pid: Int32, startedAt: Double, expiresAt: Double, token: String) {
        self.host = host
        self.pid = pid
        self.startedAt = startedAt
        self.expiresAt = expiresAt
        self.token = token
    }
}

/// The proof a sync holds the lease of its state: every state write of the sync checks it in the same
/// transaction (the row of `stateKey` still carries `token` and has not expired), so a holder that lost
/// its lease — it stalled past the expiry and another host took over — commits nothing more.
public struct LeaseFence: Sendable, Hashable {
    public let stateKey: String
    public let token: String

    public init(stateKey: String, token: String) {
        self.stateKey = stateKey
        self.token = token
    }
}

/// Where leases live: a table beside the state they guard, in the same engine, so that the fence is
/// checked in the transaction of each state write. One adapter per engine. Each instance has a
/// connection of its own and is used from one thread at a time.
public protocol LeaseStore: AnyObject {
    /// Takes the lease of `stateKey` for `duration` seconds as `host`/`pid` with `token`, unless another
    /// holder's lease is live; `replacing` is the token of a lease known to be abandoned (its process
    /// ended), which is taken over even before it expires. Returns nil when taken, else the live holder.
    func claim(stateKey: String, host: String, pid: Int32, token: String, duration: Double, replacing: String?)
        throws -> LeaseHolder?

    /// Extends the lease `fence` names by `duration` seconds from now; false when it is no longer held
    /// with that token (another host took it over).
    func renew(_ fence: LeaseFence, duration: Double) throws -> Bool

    /// Gives the lease up, if `fence` still holds it.
    func release(_ fence: LeaseFence) throws

    /// The live holder of `stateKey`'s lease, if any.
    func holder(of stateKey: String) throws -> LeaseHolder?
}

/// The user's whole configuration, as written in `backflow.yml`.
///
/// Every list keeps the order of the file, so saving writes the entries back where the user put them.
public struct Workspace: Sendable, Equatable {
    /// The only format version this Backflow reads and writes.
    public static let currentVersion = 1

    public var version: Int
    /// `workspace_id`: who the sync state belongs to, shared by every host that runs this file (see
    /// ``WorkspaceIdentity``). `init`, `demo` and the editor write a random one; files without it get
    /// one kept in the state folder.
    public var id: String?
    public var sources: [SourceConfig]
    public var models: [ModelConfig]
    public var destinations: [DestinationConfig]
    public var mappings: [MappingConfig]
    /// `alerts`: who is told when a mapping's runs go bad or recover, in file order.
    public var alerts: [AlertConfig]
    public var settings: WorkspaceSettings

    public init(
        version: Int = Workspace.currentVersion,
        id: String? = nil,
        sources: [SourceConfig] = [],
        models: [ModelConfig] = [],
        destinations: [DestinationConfig] = [],
        mappings: [MappingConfig] = [],
        alerts: [AlertConfig] = [],
        settings: WorkspaceSettings = WorkspaceSettings()
    ) {
        self.version = version
        self.id = id
        self.sources = sources
        self.models = models
        self.destinations = destinations
        self.mappings = mappings
        self.alerts = alerts
        self.settings = settings
    }

    public func source(named name: String) -> SourceConfig? { sources.first { $0.name == name } }
    public func model(named name: String) -> ModelConfig? { models.first { $0.name == name } }
    public func destination(named name: String) -> DestinationConfig? { destinations.first { $0.name == name } }
    public func mapping(named name: String) -> MappingConfig? { mappings.first { $0.name == name } }

    /// A new random workspace id, for a workspace file being created.
    public static func newID() -> String { IdentityText.random(prefix: "ws_", count: 20) }
}

/// Workspace-wide preferences.
public struct WorkspaceSettings: Sendable, Equatable {
    /// Segment allows 1,000 Tracking API requests a second per workspace; Backflow stays at half by default.
    public static let defaultMaxRequestsPerSecond = 500
    public static let allowedMaxRequestsPerSecond = 1...1000
    public static let defaultStateDirectory = ".backflow"
    /// How long a sync's lease on its mapping lasts without a renewal (see ``SyncLease``): how soon
    /// another host takes over from one that died.
    public static let defaultLeaseSeconds = 60
    public static let allowedLeaseSeconds = 10...3600
    /// How long the sync logs (`sync_runs`, `sync_changes`) keep a run.
    public static let defaultSyncLogDays = 30
    public static let allowedSyncLogDays = 1...3650

    /// Which records a run writes to `sync_changes` (`sync_log`).
    public enum SyncLogDetail: String, Sendable, Equatable, CaseIterable {
        /// One row per record per run, delivered and skipped ones included (the default).
        case all
        /// Only the records that failed or expired: a large model's run writes its log rows only for
        /// what needs attention, where writing one per record costs about as much as storing its state.
        case failures
    }

    /// A theme name; `nil` uses the default theme.
    public var theme: String?
    /// As written; `nil` when the file leaves it out. See ``requestsPerSecondLimit``.
    public var maxRequestsPerSecond: Int?
    /// As written, relative to the workspace file's folder; `nil` when the file leaves it out.
    public var stateDirectory: String?
    /// `lease_seconds`, as written; see ``leaseDuration``.
    public var leaseSeconds: Int?
    /// `sync_log_days`, as written; see ``syncLogRetentionDays``.
    public var syncLogDays: Int?
    /// `sync_log`, as written; see ``syncLogDetail``.
    public var syncLog: SyncLogDetail?
    public var locations: SourceLocations

    public init(
        theme: String? = nil,
        maxRequestsPerSecond: Int? = nil,
        stateDirectory: String? = nil,
        leaseSeconds: Int? = nil,
        syncLogDays: Int? = nil,
        syncLog: SyncLogDetail? = nil,
        locations: SourceLocations = SourceLocations()
    ) {
        self.theme = theme
        self.maxRequestsPerSecond = maxRequestsPerSecond
        self.stateDirectory = stateDirectory
        self.leaseSeconds = leaseSeconds
        self.syncLogDays = syncLogDays
        self.syncLog = syncLog
        self.locations = locations
    }

    /// The rate to deliver at, with the default applied.
    public var requestsPerSecondLimit: Int { maxRequestsPerSecond ?? Self.defaultMaxRequestsPerSecond }

    public var leaseDuration: Double { Double(leaseSeconds ?? Self.defaultLeaseSeconds) }
    public var syncLogRetentionDays: Int { syncLogDays ?? Self.defaultSyncLogDays }
    public var syncLogDetail: SyncLogDetail { syncLog ?? .all }

    /// The state database path to use (still relative to the workspace file's folder), with the default applied.
    public var effectiveStateDirectory: String { stateDirectory ?? Self.defaultStateDirectory }
}

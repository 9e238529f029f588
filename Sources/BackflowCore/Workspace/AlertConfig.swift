/// One alert of `backflow.yml`'s `alerts:` section: whom to tell, and on which changes of a mapping's
/// health. An alert without `mappings` covers the whole workspace; one with it covers those mappings.
public struct AlertConfig: Sendable, Equatable {
    public var name: String
    public var target: AlertTarget
    /// `when`: which changes alert (not `on:`, which YAML 1.1 tools read as the boolean `true`).
    /// Recovery is only ever told for a condition this alert watches.
    public var triggers: Set<AlertTrigger>
    /// `delivery_rate_below`: a run delivering a smaller share of what it tried (delivered / (delivered
    /// + failed)) is unhealthy for this alert even when `partial` is not among ``triggers``.
    public var deliveryRateBelow: Double?
    /// `mappings`: names or ids of the mappings covered, as written; empty covers every mapping. Ids
    /// are accepted so that a reference survives renaming the mapping (its id stays).
    public var mappings: [String]
    /// Keys: `webhook_env`, `command`, `when`, `delivery_rate_below`, `mappings`; `element` is the alert's name.
    public var locations: SourceLocations

    public init(
        name: String,
        target: AlertTarget,
        triggers: Set<AlertTrigger> = Set(AlertTrigger.allCases),
        deliveryRateBelow: Double? = nil,
        mappings: [String] = [],
        locations: SourceLocations = SourceLocations()
    ) {
        self.name = name
        self.target = target
        self.triggers = triggers
        self.deliveryRateBelow = deliveryRateBelow
        self.mappings = mappings
        self.locations = locations
    }

    /// Whether runs of `mapping` are this alert's business.
    public func covers(_ mapping: MappingConfig) -> Bool {
        mappings.isEmpty || mappings.contains { $0 == mapping.name || $0 == mapping.id }
    }

    /// When this alert fires.
    public var policy: AlertPolicy { AlertPolicy(triggers: triggers, deliveryRateBelow: deliveryRateBelow) }

    /// The fraction `delivery_rate_below` accepts: a share of a run's records, more than none and at most all.
    public static func isValidDeliveryRate(_ rate: Double) -> Bool { rate > 0 && rate <= 1 }
}

/// Where an alert's notice goes.
public enum AlertTarget: Sendable, Equatable {
    /// `webhook_env`: the variable holding the URL. Webhook URLs (Slack's among them) carry their own
    /// credential, so like write keys they live in the environment, never in the file.
    case webhook(SecretReference)
    /// `command`: the program and its arguments, run without a shell (so nothing in a run can be read
    /// as shell syntax); `[sh, -c, "…"]` asks for one explicitly. A relative program path is relative
    /// to the workspace file's folder; a bare name is looked up on `PATH`.
    case command([String])
}

/// A change of health an alert may be told about (`when:`).
public enum AlertTrigger: String, Sendable, CaseIterable, Comparable {
    /// A run failed as a whole, or delivered nothing and failed something.
    case failed
    /// A run delivered some records and failed others.
    case partial
    /// A run was healthy after one this alert was told about.
    case recovered

    public static func < (lhs: AlertTrigger, rhs: AlertTrigger) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

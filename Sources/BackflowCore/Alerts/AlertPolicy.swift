/// How a finished run looks to one alert. A condition the alert does not watch reads as healthy, so
/// that an alert told about a failure is told "recovered" once its condition is gone, whatever else
/// the next run shows.
public enum RunHealth: String, Sendable {
    case healthy
    case failed
    case partial
    /// The run delivered a smaller share of its records than the alert's `delivery_rate_below`.
    case lowDeliveryRate = "low_delivery_rate"
}

/// A change of health an alert tells about.
public struct AlertTransition: Sendable, Equatable {
    /// `nil` when the mapping had no finished run before.
    public let previous: RunHealth?
    public let current: RunHealth

    /// The health's name, or `recovered` for a return to healthy: what the notice calls the event.
    public var event: String { current == .healthy ? AlertTrigger.recovered.rawValue : current.rawValue }
}

/// Decides, from a mapping's previous finished run and the run that just finished, whether an alert
/// fires: only on a change of health, so a mapping failing every hour alerts once, not every hour.
/// A first run that is unhealthy fires; a first run that is healthy has nothing to recover from.
public struct AlertPolicy: Sendable, Equatable {
    public var triggers: Set<AlertTrigger>
    public var deliveryRateBelow: Double?

    public init(triggers: Set<AlertTrigger> = Set(AlertTrigger.allCases), deliveryRateBelow: Double? = nil) {
        self.triggers = triggers
        self.deliveryRateBelow = deliveryRateBelow
    }

    /// The change `current` makes after `previous`, when this alert tells about it.
    public func transition(from previous: SyncRun?, to current: SyncRun) -> AlertTransition? {
        guard let now = health(of: current) else { return nil }
        let before = previous.flatMap(health(of:))
        guard now != before else { return nil }
        if now == .healthy {
            guard let before, before != .healthy, triggers.contains(.recovered) else { return nil }
        }
        return AlertTransition(previous: before, current: now)
    }

    /// The health of a finished run as this alert sees it; `nil` for a run still going. A run that
    /// failed outright is `failed` before its delivery rate is looked at, and a low rate is told
    /// before a merely partial run.
    public func health(of run: SyncRun) -> RunHealth? {
        if run.status == .running { return nil }
        if run.status == .failed, triggers.contains(.failed) { return .failed }
        if let threshold = deliveryRateBelow, let rate = run.deliveryRate, rate < threshold { return .lowDeliveryRate }
        if run.status == .partial, triggers.contains(.partial) { return .partial }
        return .healthy
    }
}

extension SyncRun {
    /// delivered / (delivered + failed); `nil` for a run that tried to deliver nothing.
    public var deliveryRate: Double? {
        let attempted = delivered + failed
        return attempted > 0 ? Double(delivered) / Double(attempted) : nil
    }
}

extension Schedule {
    /// The schedule as a person reads it: `every 1h`, `mon, wed at 09:00`, `cron 0 */2 * * * Europe/Berlin`, `manual`.
    public var summary: String {
        switch self {
        case .manual:
            return "manual"
        case .interval(let minutes):
            return "every " + (Schedule.intervalToken(minutes: minutes) ?? "\(minutes)m")
        case .weekly(let days, let hour):
            let hourText = hour < 10 ? "0\(hour)" : "\(hour)"
            return days.sorted().map(\.rawValue).joined(separator: ", ") + " at \(hourText):00"
        case .cron(let expression, let zone):
            return "cron \(expression.text) \(zone.name)"
        }
    }
}

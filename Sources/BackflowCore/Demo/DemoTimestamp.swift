/// The span of the demo's history, in seconds since 1970.
enum DemoTimestamp {
    /// 2021-01-01T00:00:00Z, the earliest moment in the demo's history.
    static let historyStart: Int64 = 1_609_459_200
    /// 2025-06-30T00:00:00Z, the demo's "now".
    static let historyEnd: Int64 = 1_751_241_600
}

/// What to do with a tracking request before looking at it.
enum FaultDecision: Sendable, Equatable {
    case proceed
    case fail(status: Int)
    case dropConnection
}

/// Draws the fault for each tracking request from a SplitMix64 sequence, so a seed replays the
/// same faults for the same order of requests.
struct FaultInjector: Sendable {
    private let faults: SinkFaults
    private var state: UInt64

    init(faults: SinkFaults) {
        self.faults = faults
        self.state = faults.seed
    }

    mutating func next() -> FaultDecision {
        guard faults.dropRate > 0 || faults.failRate > 0 else { return .proceed }
        let draw = nextUnitInterval()
        if draw < faults.dropRate { return .dropConnection }
        if draw < faults.dropRate + faults.failRate { return .fail(status: faults.failStatus) }
        return .proceed
    }

    /// A uniform double in [0, 1) from the top 53 bits of the next SplitMix64 output.
    private mutating func nextUnitInterval() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        return Double(mixed >> 11) / Double(UInt64(1) << 53)
    }
}

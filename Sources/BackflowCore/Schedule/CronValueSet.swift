/// A set of small non-negative integers (cron values are all below 64), as the bits of a word.
struct CronValueSet: Sendable, Hashable {
    private var bits: UInt64 = 0

    init() {}

    init(_ values: some Sequence<Int>) {
        for value in values { insert(value) }
    }

    mutating func insert(_ value: Int) { bits |= 1 << UInt64(value) }

    func contains(_ value: Int) -> Bool { value >= 0 && value < 64 && bits & (1 << UInt64(value)) != 0 }

    /// The values, smallest first.
    var values: [Int] { (0..<64).filter(contains) }
}

/// Builds the demo warehouse's tables from one seeded generator, so the same seed always gives the
/// same rows. Each table's rows are made in its own file.
struct DemoDataGenerator {
    var random: DemoRandom
    /// When each user signed up, so their orders and views come later.
    var userCreationMoments: [String: Int64] = [:]

    init(seed: UInt64) {
        random = DemoRandom(seed: seed)
    }

    /// A moment between `start` and the end of the demo's history.
    mutating func randomMoment(from start: Int64) -> Int64 {
        start + Int64(random.int(in: 0...Int(max(0, DemoTimestamp.historyEnd - start))))
    }

    /// `value` rounded to cents.
    static func cents(_ value: Double) -> Double {
        (value * 100).rounded() / 100
    }
}

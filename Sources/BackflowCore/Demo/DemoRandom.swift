/// The demo's source of variety: SplitMix64, seeded, so every run writes the same warehouse on every
/// platform (Swift's own generators are seeded randomly and differ between runs).
struct DemoRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
        return mixed ^ (mixed >> 31)
    }

    /// A whole number in `range`, uniform up to a bias far below anything a demo could show.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % span)
    }

    /// A number in `[range.lowerBound, range.upperBound)`.
    mutating func double(in range: Range<Double>) -> Double {
        let unit = Double(next() >> 11) / Double(UInt64(1) << 53)
        return range.lowerBound + unit * (range.upperBound - range.lowerBound)
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        double(in: 0..<1) < probability
    }

    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[int(in: 0...(elements.count - 1))]
    }

    mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(int(in: 0...9))) })
    }

    mutating func hex(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(int(in: 0...15), radix: 16)) })
    }

    /// A version 4 UUID in lowercase text, the usual form of an anonymous id.
    mutating func uuid() -> String {
        let variant = String(int(in: 8...11), radix: 16)
        return "\(hex(8))-\(hex(4))-4\(hex(3))-\(variant)\(hex(3))-\(hex(12))"
    }
}

/// The bounds a `@liquid` template renders within.
///
/// Segment sets the template length (1,000 UTF-16 units, checked before parsing) and LiquidJS's memory
/// limit (10⁸, counted as LiquidJS counts it: the lengths of the strings and arrays that filters such as
/// `append`, `split` or `join` go through, added up over one render). Segment's 500 ms render limit
/// has no equivalent here: without `for` and `tablerow` a template's work is bounded by its length, and
/// bounds of Backflow's own keep it so on hostile input: no text (output, capture, filter result) may
/// grow past the memory limit either, no array (`split`, a range) past a million items, and block
/// tags and values may nest only so deep.
enum LiquidLimits {
    static let templateLength = 1000
    static let memory: Double = 1e8
    /// Deeper than any 1,000-unit template of real tags can nest (each level costs a `{% if x %}`).
    static let nesting = 200
    /// Far more items than a mapping's value needs; JavaScript would spend Segment's 500 ms on fewer.
    static let arrayLength = 1_000_000

    static let templateTooLong = "liquid template values are limited to 1000 characters"
    static let memoryExceeded = "memory alloc limit exceeded"
    static let nestedTooDeep = "template nests too deep"
}

/// LiquidJS's memory limiter: a running total that may not pass ``LiquidLimits/memory``.
struct LiquidMemory {
    private(set) var used: Double = 0

    mutating func use(_ count: Double) throws(LiquidError) {
        let amount = count.isNaN ? 0 : count
        guard used + amount <= LiquidLimits.memory else { throw LiquidError(LiquidLimits.memoryExceeded) }
        used += amount
    }

    mutating func use(_ count: Int) throws(LiquidError) {
        try use(Double(count))
    }

    /// Backflow's own bound on one text: its length may not pass the memory limit.
    static func check(length: Int) throws(LiquidError) {
        guard Double(length) <= LiquidLimits.memory else { throw LiquidError(LiquidLimits.memoryExceeded) }
    }

    /// Backflow's own bound on one array's items.
    static func check(count: Double) throws(LiquidError) {
        guard count <= Double(LiquidLimits.arrayLength) else { throw LiquidError(LiquidLimits.memoryExceeded) }
    }
}

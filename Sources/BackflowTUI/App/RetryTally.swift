import BackflowCore

/// The retries of one mapping's running sync, counted by the answer that refused each attempt:
/// what the live line shows as "503 ×64, retrying".
public struct RetryTally: Sendable, Hashable {
    /// Refused attempts by answer: an HTTP status, or "no answer".
    public private(set) var counts: [String: Int] = [:]
    /// The answers in the order they first came, so the line does not reorder itself as it counts.
    private var order: [String] = []

    public init() {}

    public mutating func record(_ retry: DeliveryRetry) {
        let answer = retry.status.map(String.init) ?? "no answer"
        if counts[answer] == nil { order.append(answer) }
        counts[answer, default: 0] += 1
    }

    /// `503 ×64, no answer ×2`.
    public var summary: String {
        order.map { "\($0) ×\(NumberText.grouped(counts[$0] ?? 0))" }.joined(separator: ", ")
    }
}

/// What is left of a run's retries: shared by every batch, so a failing endpoint cannot keep a run busy
/// for hours one batch at a time.
struct RetryBudget: Sendable {
    private(set) var retriesLeft: Int
    private(set) var backoffLeft: Duration

    init(policy: RetryPolicy) {
        retriesLeft = policy.retryBudget
        backoffLeft = policy.backoffBudget
    }

    /// Takes one retry waiting `delay` out of the budget, or returns false (taking nothing) if it does not fit.
    mutating func spend(waiting delay: Duration) -> Bool {
        guard retriesLeft > 0, delay <= backoffLeft else { return false }
        retriesLeft -= 1
        backoffLeft -= delay
        return true
    }
}

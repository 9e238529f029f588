/// Hands a value that is not `Sendable` (a warehouse connection, a sync engine) to the one thread or
/// task that uses it from then on.
///
/// Safe only under that contract: the code that creates the box gives the value up and does not touch
/// it again until the receiver is done with it.
public final class ThreadConfined<Value>: @unchecked Sendable {
    public let value: Value

    public init(_ value: Value) {
        self.value = value
    }
}

/// Like ``ThreadConfined``, for a value the receiving thread must also let go of at a known point: it
/// takes the value out, so what the value holds (connections, files) is released on that thread, by
/// the time `take()`'s caller is done with it, rather than whenever the last closure holding the box is.
final class Handover<Value>: @unchecked Sendable {
    private var value: Value?

    init(_ value: Value) {
        self.value = value
    }

    /// The value, which the box then no longer holds. Called once, by the receiver.
    func take() -> Value {
        guard let value else { preconditionFailure("a handed-over value is taken once") }
        self.value = nil
        return value
    }
}

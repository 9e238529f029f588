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

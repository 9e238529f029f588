/// One structural problem in a mapping, at a place in it.
public struct MappingIssue: Error, Hashable, Sendable, CustomStringConvertible {
    /// Object keys and directive names leading to the problem, e.g. `["hash", "@template"]`; `[]` is the root.
    public let path: [String]
    /// The problem, without the path or the final period, e.g. `should be an object but it is a string`.
    public let message: String

    public init(path: [String], message: String) {
        self.path = path
        self.message = message
    }

    /// Segment's text: `/hash/@template should be … an object.`; the root reads `/ has an invalid directive: @x.`
    public var description: String {
        "/\(path.joined(separator: "/")) \(message)."
    }
}

/// Why a mapping could not be resolved.
public enum MappingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The mapping breaks the language's structure; every problem Segment would report, in its order.
    case invalidMapping([MappingIssue])
    /// Resolution stopped, with Segment's runtime text, e.g. `@replace requires a "pattern" less than 10 characters`.
    case runtime(String)

    /// Issues are joined with a single space, as Segment's schema errors are, so the text stays on one line.
    public var description: String {
        switch self {
        case .invalidMapping(let issues): return issues.map(\.description).joined(separator: " ")
        case .runtime(let message): return message
        }
    }
}

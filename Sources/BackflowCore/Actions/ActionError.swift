/// One reason an action cannot turn a resolved payload into a message, in Segment's words.
public struct ActionError: Error, Hashable, Sendable {
    /// Which step of Segment's pipeline refused the payload.
    public enum Kind: String, Sendable {
        /// The field schema: required fields, types, formats.
        case schema
        /// The action's own rules, run before the message is built.
        case rule
        /// A Tracking API limit on the built message.
        case limit
    }

    public let kind: Kind
    /// Key of the top-level field the error concerns; `nil` when it concerns the message as a whole.
    public let field: String?
    /// The text Segment's runtime gives for this error (or Backflow's own where Segment has none).
    public let message: String

    public init(_ kind: Kind, field: String?, message: String) {
        self.kind = kind
        self.field = field
        self.message = message
    }
}

/// Every reason a payload was refused. Schema validation reports all its errors at once; an action's
/// own rules stop at the first one, as Segment's do.
public struct ActionFailure: Error, Sendable {
    public let errors: [ActionError]

    public init(errors: [ActionError]) {
        self.errors = errors
    }

    /// The errors joined with a space, as Segment shows a failed validation.
    public var message: String {
        errors.map(\.message).joined(separator: " ")
    }
}

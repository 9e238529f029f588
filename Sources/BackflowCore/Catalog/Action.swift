/// One action of a destination: the fields a mapping fills and the message it builds from them.
public struct Action: Sendable, Identifiable {
    /// Segment's slug for the action, e.g. `sendIdentify`.
    public let key: String
    public let title: String
    public let description: String
    /// The trigger the editor pre-fills for a new mapping (`type = "identify"`); `nil` when none is.
    public let defaultTrigger: String?
    /// The fields in Segment's declaration order, which is also the order validation errors come in.
    public let fields: [ActionField]

    public var id: String { key }

    public init(key: String, title: String, description: String, defaultTrigger: String?, fields: [ActionField]) {
        self.key = key
        self.title = title
        self.description = description
        self.defaultTrigger = defaultTrigger
        self.fields = fields
    }

    public func field(_ key: String) -> ActionField? {
        fields.first { $0.key == key }
    }

    /// An equal action whose fields share no object with this one's. Validation copies fields, and
    /// each copy writes its field's reference count: threads validating with one shared action
    /// would contend for those counts' cache lines on every record.
    func unshared() -> Action {
        Action(
            key: key, title: title, description: description, defaultTrigger: defaultTrigger,
            fields: fields.map { $0.unshared() })
    }
}

/// What both destinations put in `context.consent`: the mapped consent object when its
/// `categoryPreferences` holds only booleans, otherwise an empty object — the key is always sent.
enum ConsentRule {
    static func context(for consent: JSONValue?) -> JSONValue {
        guard case .object(let object) = consent, let preferences = object["categoryPreferences"] else {
            return .object([:])
        }
        let values: [JSONValue]
        switch preferences {
        case .object(let categories): values = categories.entries.map(\.value)
        case .array(let elements): values = elements
        default: return .object([:])
        }
        guard values.allSatisfy({ $0.boolValue != nil }) else { return .object([:]) }
        return .object(object)
    }
}

/// A channel subscription status as Segment Profiles normalizes what a record holds.
enum SubscriptionStatus: String {
    case subscribed = "SUBSCRIBED"
    case unsubscribed = "UNSUBSCRIBED"
    case didNotSubscribe = "DID_NOT_SUBSCRIBE"
    /// Anything unrecognized; still sent, as Segment does, unless every channel's status is invalid.
    case invalid = "INVALID"

    /// Trimmed and lowercased text read as a status; `nil` (no subscription) when nothing is left.
    init?(normalizing text: String) {
        switch text.trimmingJavaScriptWhitespace().lowercased() {
        case "": return nil
        case "true", "subscribed": self = .subscribed
        case "false", "unsubscribed": self = .unsubscribed
        case "did-not-subscribe", "did_not_subscribe": self = .didNotSubscribe
        default: self = .invalid
        }
    }

    /// A status field's value: absent and `null` mean no subscription.
    init?(field value: JSONValue?) {
        guard let text = value?.stringValue else { return nil }
        self.init(normalizing: text)
    }
}

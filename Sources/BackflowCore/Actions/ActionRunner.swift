/// Turns one resolved mapping payload into the Tracking API message an action sends, or every reason
/// it cannot, following Segment's order: empty values pruned, schema validated (all errors at once),
/// the action's own rules (first failure only), the message built, and its size checked.
public struct ActionRunner {
    /// - Parameter payload: the mapping resolved against one record, undefined values already removed.
    public static func run(_ action: Action, of destination: Destination, payload: JSONObject)
        -> Result<JSONObject, ActionFailure>
    {
        runEncoding(action, of: destination, payload: payload).map(\.object)
    }

    /// ``run(_:of:payload:)`` keeping the compact JSON bytes its size check wrote, so that a sync
    /// sends them without serializing the message a second time.
    static func runEncoding(_ action: Action, of destination: Destination, payload: JSONObject)
        -> Result<EncodedActionMessage, ActionFailure>
    {
        let pruned = EmptyValuePruner.prune(payload, fields: action.fields)
        let validation = PayloadValidator.validate(pruned, fields: action.fields)
        guard validation.errors.isEmpty else { return .failure(ActionFailure(errors: validation.errors)) }
        switch buildMessage(action, of: destination, payload: validation.payload) {
        case .failure(let error):
            return .failure(ActionFailure(errors: [error]))
        case .success(let message):
            let encoded = JSONWriter.compactBytes(.object(message))
            let bytes = encoded.count
            guard bytes <= TrackingAPILimits.maximumMessageBytes else {
                return .failure(
                    ActionFailure(errors: [ActionError(.limit, field: nil, message: ActionErrorText.messageTooLarge(bytes: bytes))]))
            }
            return .success(EncodedActionMessage(object: message, bytes: encoded))
        }
    }

    /// Whether the action is Send Subscriptions, whose message follows its own rules, which read the
    /// statuses and channels its fields hold.
    static func isSendSubscriptions(_ action: Action, of destination: Destination) -> Bool {
        destination.kind == .profiles && action.key == "sendSubscription"
    }

    /// Send Subscriptions runs its own checks; every other action first needs a user or anonymous id
    /// (truthy, so `" "` counts and a pruned `""` does not).
    private static func buildMessage(_ action: Action, of destination: Destination, payload: JSONObject)
        -> Result<JSONObject, ActionError>
    {
        if isSendSubscriptions(action, of: destination) {
            return SubscriptionMessageBuilder.message(payload: payload)
        }
        guard payload["user_id"]?.isTruthy == true || payload["anonymous_id"]?.isTruthy == true else {
            return .failure(ActionError(.rule, field: nil, message: ActionErrorText.missingUserOrAnonymousID))
        }
        let message: JSONObject? =
            switch destination.kind {
            case .connections: ConnectionsMessageBuilder.message(action: action.key, payload: payload)
            case .profiles: ProfilesMessageBuilder.message(action: action.key, payload: payload)
            }
        guard let message else {
            return .failure(
                ActionError(.rule, field: nil, message: ActionErrorText.unknownAction(action.key, of: destination.name)))
        }
        return .success(message)
    }
}

/// A message an action built, with its compact JSON text.
struct EncodedActionMessage {
    let object: JSONObject
    let bytes: [UInt8]
}

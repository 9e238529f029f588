import Testing
@testable import BackflowCore

/// Runs an action of the catalog against a payload.
func runAction(_ kind: DestinationKind, _ actionKey: String, _ payload: JSONObject)
    -> Result<JSONObject, ActionFailure>
{
    let destination = Catalog.destination(kind)
    guard let action = destination.action(actionKey) else {
        Issue.record("no action \(actionKey) in \(destination.name)")
        return .failure(ActionFailure(errors: []))
    }
    return ActionRunner.run(action, of: destination, payload: payload)
}

/// The message an action builds, recording an issue when it fails.
func messageText(_ kind: DestinationKind, _ actionKey: String, _ payload: JSONObject) -> String? {
    switch runAction(kind, actionKey, payload) {
    case .success(let message): return JSONWriter.pretty(.object(message))
    case .failure(let failure):
        Issue.record("unexpected failure: \(failure.message)")
        return nil
    }
}

/// The errors an action reports, recording an issue when it succeeds.
func failure(_ kind: DestinationKind, _ actionKey: String, _ payload: JSONObject) -> ActionFailure? {
    switch runAction(kind, actionKey, payload) {
    case .success(let message):
        Issue.record("unexpected message: \(JSONWriter.compact(.object(message)))")
        return nil
    case .failure(let failure): return failure
    }
}

/// The built message's value at a key path, for tests about one part of it.
func messageValue(_ kind: DestinationKind, _ actionKey: String, _ payload: JSONObject, at path: String...)
    -> JSONValue?
{
    guard case .success(let message) = runAction(kind, actionKey, payload) else {
        Issue.record("the action failed")
        return nil
    }
    var value: JSONValue? = .object(message)
    for key in path { value = value?.objectValue?[key] }
    return value
}

@testable import BackflowCore

/// Parses JSON text written in a test; the texts are constants, so a parse failure is a test bug.
func json(_ text: String) -> JSONValue {
    do { return try JSONReader.parse(text) } catch { fatalError("bad test JSON \(text): \(error)") }
}

func jsonObject(_ text: String) -> JSONObject {
    guard case .object(let object) = json(text) else { fatalError("test JSON is not an object: \(text)") }
    return object
}

/// Resolves one mapping value (JSON text) against an event (JSON text); `nil` is undefined.
func resolve(_ mapping: String, _ event: String = "{}") throws(MappingError) -> JSONValue? {
    try MappingEngine.resolve(json(mapping), data: jsonObject(event))
}

/// The descriptions of the issues validation finds in a mapping (JSON text).
func issues(_ mapping: String) -> [String] {
    MappingValidator.validate(json(mapping)).map(\.description)
}

/// The runtime message a mapping value throws, or `nil` when it resolves.
func runtimeError(_ mapping: String, _ event: String = "{}") -> String? {
    do {
        _ = try resolve(mapping, event)
        return nil
    } catch {
        if case .runtime(let message) = error { return message }
        return "not a runtime error: \(error)"
    }
}

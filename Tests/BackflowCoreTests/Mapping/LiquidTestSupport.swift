@testable import BackflowCore

/// What `{"@liquid": template}` resolves to against an event (JSON text): the rendered text, or the
/// runtime error's message, prefixed `error: `.
func liquid(_ template: String, _ event: String = #"{"properties":{"name":"Ada Lovelace","n":42}}"#) -> String {
    do {
        return try LiquidDirective(template: template).render(data: json(event))
    } catch .runtime(let message) {
        return "error: \(message)"
    } catch {
        return "error: \(error)"
    }
}

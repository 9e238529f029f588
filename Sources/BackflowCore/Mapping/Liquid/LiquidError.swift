/// Why a `@liquid` template could not be parsed or rendered, in LiquidJS's words.
///
/// An error raised while reading a template's text knows its place; one raised by a tag or a filter
/// takes the place of the tag or output it happened in, as LiquidJS wraps it in a parse or render error.
/// ``text(in:)`` gives Segment's message: the problem, then `, line:L, col:C`.
struct LiquidError: Error, Sendable, Equatable {
    let message: String
    /// The UTF-16 offset the error points at; nil until the enclosing tag or output places it.
    var position: Int?

    init(_ message: String, at position: Int? = nil) {
        self.message = message
        self.position = position
    }

    /// The error placed at `position` unless it already has a place.
    func placed(at position: Int) -> LiquidError {
        var placed = self
        if placed.position == nil { placed.position = position }
        return placed
    }

    func text(in source: LiquidSource) -> String {
        guard let position else { return message }
        let (line, column) = source.lineAndColumn(of: position)
        return "\(message), line:\(line), col:\(column)"
    }
}

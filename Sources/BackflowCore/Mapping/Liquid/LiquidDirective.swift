/// Segment's `@liquid` directive (`evaluateLiquid` in `liquid-directive.ts`): a LiquidJS template
/// rendered against the event, always to a string.
///
/// An empty template gives `""` without parsing; one longer than 1,000 UTF-16 units fails with
/// Segment's text before parsing; parse and render errors carry LiquidJS's text and place. A template
/// is parsed once (``init(template:)``) and rendered per record: its errors, which do not depend on
/// the record, are kept and reported for each record, at resolution, as Segment reports them.
struct LiquidDirective: Sendable {
    private enum Compiled: Sendable {
        case empty
        case failed(String)
        case template(LiquidTemplate)
    }

    private let compiled: Compiled

    init(template: String) {
        let length = template.utf16.count
        if length == 0 {
            compiled = .empty
        } else if length > LiquidLimits.templateLength {
            compiled = .failed(LiquidLimits.templateTooLong)
        } else {
            let source = LiquidSource(template)
            do throws(LiquidError) {
                compiled = .template(try LiquidParser.parse(source))
            } catch {
                compiled = .failed(error.text(in: source))
            }
        }
    }

    /// The directive as the mapping holds it: its argument must be a string, which validation checks
    /// except where it does not look (inside arrays and `@literal` objects).
    static func resolve(_ argument: JSONValue?, data: JSONValue) throws(MappingError) -> String {
        guard case .string(let template)? = argument else {
            throw .runtime("liquid template value must be a string")
        }
        return try LiquidDirective(template: template).render(data: data)
    }

    /// The template rendered with `data`'s keys as its variables.
    func render(data: JSONValue) throws(MappingError) -> String {
        switch compiled {
        case .empty:
            return ""
        case .failed(let text):
            throw .runtime(text)
        case .template(let template):
            var renderer = LiquidRenderer(environment: data)
            do throws(LiquidError) {
                return try renderer.render(template)
            } catch {
                throw .runtime(error.text(in: template.source))
            }
        }
    }
}

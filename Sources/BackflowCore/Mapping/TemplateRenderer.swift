/// `@template` rendering: every `{{{ path }}}` is filled first, then every `{{ path }}`, each from the event.
///
/// A placeholder is the braces around at least one character other than `}`; its text is trimmed and looked
/// up with ``PathLookup`` rules (no `$.` stripping, so `{{$.a}}` reads the key `$`). Undefined and `null` fill
/// in as empty text, other values as JavaScript's `String(value)`; nothing is HTML-escaped. The second pass
/// reads the first pass's output, so text filled in by `{{{…}}}` can itself hold `{{…}}` placeholders.
enum TemplateRenderer {
    static func render(_ template: String, payload: ResolvedValue) -> String {
        let tripleFilled = fill(template, braces: 3, payload: payload)
        return fill(tripleFilled, braces: 2, payload: payload)
    }

    /// The template cut into text and `{{…}}` placeholders once, for ``render(_:root:)``; nil when it has
    /// a `{{{…}}}` placeholder, whose filled-in text the second pass would read again.
    static func segments(of template: String) -> [TemplateSegment]? {
        let scalars = Array(template.unicodeScalars)
        for index in scalars.indices where placeholder(in: scalars, at: index, braces: 3) != nil { return nil }
        var segments: [TemplateSegment] = []
        var text = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if let (path, end) = placeholder(in: scalars, at: index, braces: 2) {
                if !text.isEmpty { segments.append(.text(String(text))) }
                text = String.UnicodeScalarView()
                segments.append(.placeholder(CompiledPath(path.trimmingJavaScriptWhitespace())))
                index = end
            } else {
                text.append(scalars[index])
                index += 1
            }
        }
        if !text.isEmpty { segments.append(.text(String(text))) }
        return segments
    }

    /// A template compiled by ``segments(of:)`` filled from `root`, as ``render(_:payload:)`` fills it.
    static func render(_ segments: [TemplateSegment], root: JSONValue) -> String {
        var output = ""
        for segment in segments {
            switch segment {
            case .text(let text):
                output += text
            case .placeholder(let path):
                let value = ResolvedValue(path.lookup(in: root))
                if !value.isUndefinedOrNull { output += value.javaScriptString }
            }
        }
        return output
    }

    private static func fill(_ text: String, braces: Int, payload: ResolvedValue) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if let (path, end) = placeholder(in: scalars, at: index, braces: braces) {
                let value = payload.lookup(path.trimmingJavaScriptWhitespace())
                output.append(contentsOf: (value.isUndefinedOrNull ? "" : value.javaScriptString).unicodeScalars)
                index = end
            } else {
                output.append(scalars[index])
                index += 1
            }
        }
        return String(output)
    }

    /// The placeholder starting at `start`, as its inner text and the index just past its closing braces.
    private static func placeholder(in scalars: [Unicode.Scalar], at start: Int, braces: Int) -> (String, Int)? {
        let innerStart = start + braces
        guard innerStart <= scalars.count, scalars[start..<innerStart].allSatisfy({ $0 == "{" }) else { return nil }
        var innerEnd = innerStart
        while innerEnd < scalars.count, scalars[innerEnd] != "}" { innerEnd += 1 }
        let end = innerEnd + braces
        guard innerEnd > innerStart, end <= scalars.count, scalars[innerEnd..<end].allSatisfy({ $0 == "}" }) else {
            return nil
        }
        return (String(String.UnicodeScalarView(scalars[innerStart..<innerEnd])), end)
    }
}

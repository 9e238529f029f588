/// Builds a ``LiquidTemplate`` from a template's tokens, tag by tag, as LiquidJS parses: block tags take
/// the tokens up to their end tag, an error in a tag points at the tag, and Segment's disabled tags fail
/// here, wherever they stand, even in a branch that would never render.
struct LiquidParser {
    /// The tags Segment's runtime turns off (`liquid-directive.ts`).
    static let disabledTags: Set<String> = ["case", "for", "include", "layout", "render", "tablerow"]

    private let source: LiquidSource
    private var tokens: [LiquidToken]
    private var nextIndex = 0
    /// How many block tags are open around the token being parsed.
    private var depth = 0

    init(_ source: LiquidSource, tokens: [LiquidToken]) {
        self.source = source
        self.tokens = tokens
    }

    static func parse(_ source: LiquidSource) throws(LiquidError) -> LiquidTemplate {
        var tokenizer = LiquidTokenizer(source)
        var parser = LiquidParser(source, tokens: try tokenizer.tokens())
        return LiquidTemplate(source: source, nodes: try parser.parseAll())
    }

    mutating func parseAll() throws(LiquidError) -> [LiquidNode] {
        var nodes: [LiquidNode] = []
        while let token = takeToken() { nodes.append(try parse(token)) }
        return nodes
    }

    private mutating func takeToken() -> LiquidToken? {
        guard nextIndex < tokens.count else { return nil }
        defer { nextIndex += 1 }
        return tokens[nextIndex]
    }

    private mutating func parse(_ token: LiquidToken) throws(LiquidError) -> LiquidNode {
        depth += 1
        defer { depth -= 1 }
        do throws(LiquidError) {
            guard depth <= LiquidLimits.nesting else { throw LiquidError(LiquidLimits.nestedTooDeep) }
            return LiquidNode(action: try action(for: token), position: token.start)
        } catch {
            throw error.placed(at: token.start)
        }
    }

    private mutating func action(for token: LiquidToken) throws(LiquidError) -> LiquidAction {
        switch token.kind {
        case .text: return .text(token.text(in: source))
        case .output:
            var scanner = token.argumentScanner(in: source)
            return .output(try scanner.readFilteredValue())
        case .tag(let name): return try tagAction(named: name, token)
        }
    }

    private mutating func tagAction(named name: String, _ token: LiquidToken) throws(LiquidError) -> LiquidAction {
        var scanner = token.argumentScanner(in: source)
        switch name {
        case "assign":
            let variable = scanner.readIdentifierText()
            guard !variable.isEmpty else { throw scanner.error("expected variable name") }
            scanner.skipBlank()
            guard scanner.peek() == LiquidCharacter.of("=") else { throw scanner.error(#"expected "=""#) }
            scanner.position += 1
            return .assign(name: variable, value: try scanner.readFilteredValue())
        case "capture":
            var variable = scanner.readIdentifierText()
            if variable.isEmpty {
                guard let quoted = scanner.readQuotedText() else { throw scanner.error("invalid capture name") }
                variable = quoted
            }
            return .capture(name: variable, body: try parseBody(of: token, until: "endcapture"))
        case "if":
            return try parseIf(token, condition: try scanner.readFilteredValue())
        case "unless":
            return try parseUnless(token, condition: try scanner.readFilteredValue())
        case "echo":
            scanner.skipBlank()
            return .output(scanner.isAtEnd ? nil : try scanner.readFilteredValue())
        case "liquid":
            var lines = LiquidParser(source, tokens: try LiquidTokenizer.liquidTagLines(of: token, in: source))
            return .sequence(try lines.parseAll())
        case "#":
            try checkInlineComment(token)
            return .nothing
        case "increment", "decrement":
            return .counter(name: scanner.readIdentifierText(), step: name == "increment" ? 1 : -1)
        case "cycle":
            return try parseCycle(token, scanner: &scanner)
        case "raw":
            var text = ""
            while let inner = takeToken() {
                if inner.isTag("endraw") { return .text(text) }
                text += inner.written(in: source)
            }
            throw notClosed(token)
        case "comment":
            while let inner = takeToken() {
                if inner.isTag("endcomment") { return .nothing }
            }
            throw notClosed(token)
        case "block":
            return .sequence(try parseBody(of: token, until: "endblock"))
        case "break", "continue":
            return .stop
        case let disabled where Self.disabledTags.contains(disabled):
            throw LiquidError(#"tag "\#(disabled)" is disabled"#)
        default:
            throw LiquidError(#"tag "\#(name)" not found"#)
        }
    }

    private func notClosed(_ token: LiquidToken) -> LiquidError {
        LiquidError("tag \(token.written(in: source)) not closed")
    }

    /// The tags and texts up to the tag named `end`.
    private mutating func parseBody(of token: LiquidToken, until end: String) throws(LiquidError) -> [LiquidNode] {
        var body: [LiquidNode] = []
        while let inner = takeToken() {
            if inner.isTag(end) { return body }
            body.append(try parse(inner))
        }
        throw notClosed(token)
    }

    private mutating func parseIf(_ token: LiquidToken, condition: LiquidFilteredValue) throws(LiquidError) -> LiquidAction {
        var branches: [(LiquidFilteredValue, [LiquidNode])] = [(condition, [])]
        var otherwise: [LiquidNode]?
        while let inner = takeToken() {
            switch inner.name {
            case "elsif"?:
                guard otherwise == nil else { throw LiquidError("unexpected elsif after else") }
                var scanner = inner.argumentScanner(in: source)
                branches.append((try scanner.readFilteredValue(), []))
            case "else"?:
                try expectNoArguments(inner)
                guard otherwise == nil else { throw LiquidError("duplicated else") }
                otherwise = []
            case "endif"?:
                try expectNoArguments(inner)
                let taken = branches.map { LiquidBranch(condition: $0.0, takenWhen: true, body: $0.1) }
                return .conditional(branches: taken, otherwise: otherwise ?? [])
            default:
                let node = try parse(inner)
                if otherwise != nil { otherwise?.append(node) } else { branches[branches.count - 1].1.append(node) }
            }
        }
        throw notClosed(token)
    }

    /// `unless`: its first branch is taken when the condition is falsy, an `elsif` when truthy; an `elsif`
    /// after `else`, and everything after a second `else`, are dropped.
    private mutating func parseUnless(_ token: LiquidToken, condition: LiquidFilteredValue) throws(LiquidError)
        -> LiquidAction
    {
        var branches = [LiquidBranch(condition: condition, takenWhen: false, body: [])]
        var otherwise: [LiquidNode] = []
        var elseCount = 0
        var dropping = false
        while let inner = takeToken() {
            switch inner.name {
            case "elsif"?:
                if elseCount > 0 {
                    dropping = true
                    continue
                }
                var scanner = inner.argumentScanner(in: source)
                branches.append(LiquidBranch(condition: try scanner.readFilteredValue(), takenWhen: true, body: []))
            case "else"?:
                elseCount += 1
                dropping = elseCount > 1
            case "endunless"?:
                return .conditional(branches: branches, otherwise: otherwise)
            default:
                let node = try parse(inner)
                if dropping { continue }
                if elseCount == 1 {
                    otherwise.append(node)
                } else {
                    let last = branches.removeLast()
                    branches.append(LiquidBranch(condition: last.condition, takenWhen: last.takenWhen, body: last.body + [node]))
                }
            }
        }
        throw notClosed(token)
    }

    /// LiquidJS's `assertEmpty` on `else` and `endif`: no arguments allowed.
    private func expectNoArguments(_ token: LiquidToken) throws(LiquidError) {
        let arguments = source.text(token.argumentsStart, token.contentEnd)
        guard arguments.isEmpty else { throw LiquidError("unexpected \(JSONWriter.compact(.string(arguments)))") }
    }

    private func checkInlineComment(_ token: LiquidToken) throws(LiquidError) {
        let units = Array(source.units[min(token.argumentsStart, token.contentEnd)..<token.contentEnd])
        var index = 0
        while index < units.count {
            defer { index += 1 }
            guard units[index] == LiquidCharacter.of("\n") else { continue }
            var next = index + 1
            while next < units.count, units[next].isJavaScriptWhitespace { next += 1 }
            if next < units.count, units[next] != LiquidCharacter.of("#") {
                throw LiquidError("every line of an inline comment must start with a '#' character")
            }
        }
    }

    private func parseCycle(_ token: LiquidToken, scanner: inout LiquidScanner) throws(LiquidError) -> LiquidAction {
        var group: LiquidOperand?
        var candidates: [LiquidOperand] = []
        if let first = try scanner.readValue() {
            scanner.skipBlank()
            if scanner.peek() == LiquidCharacter.of(":") {
                group = first
                scanner.position += 1
            } else {
                candidates.append(first)
            }
        }
        while !scanner.isAtEnd {
            if let value = try scanner.readValue() { candidates.append(value) }
            _ = scanner.read(to: [LiquidCharacter.of(",")])
        }
        guard !candidates.isEmpty else {
            throw scanner.error("empty candidates: \"\(token.written(in: source))\"")
        }
        return .cycle(group: group, candidates: candidates)
    }
}

extension UInt16 {
    /// Whether this UTF-16 unit is white space for JavaScript's `\s` (no unit of an astral character is).
    var isJavaScriptWhitespace: Bool {
        Unicode.Scalar(self)?.isJavaScriptWhitespace ?? false
    }
}

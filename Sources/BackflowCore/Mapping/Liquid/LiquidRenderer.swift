/// Renders a parsed template against an event, node by node, as LiquidJS renders: an error in a tag
/// or output points at it, and `break`/`continue` end the output (there are no loops to end).
struct LiquidRenderer {
    private(set) var context: LiquidContext
    /// Set by `break` and `continue`: nothing more renders.
    private var stopped = false

    init(environment: JSONValue) {
        context = LiquidContext(environment: environment)
    }

    mutating func render(_ template: LiquidTemplate) throws(LiquidError) -> String {
        var output = LiquidOutput()
        try render(template.nodes, into: &output)
        return output.text
    }

    private mutating func render(_ nodes: [LiquidNode], into output: inout LiquidOutput) throws(LiquidError) {
        for node in nodes {
            do throws(LiquidError) {
                try perform(node.action, into: &output)
            } catch {
                throw error.placed(at: node.position)
            }
            if stopped { return }
        }
    }

    private mutating func perform(_ action: LiquidAction, into output: inout LiquidOutput) throws(LiquidError) {
        switch action {
        case .text(let text):
            try output.write(text)
        case .output(let value?):
            try output.write(try context.evaluate(value).text)
        case .output(nil), .nothing:
            break
        case .assign(let name, let value):
            context.assign(name, try context.evaluate(value))
        case .capture(let name, let body):
            var captured = LiquidOutput()
            let wasStopped = stopped
            try render(body, into: &captured)
            stopped = wasStopped
            context.assign(name, .string(captured.text))
        case .conditional(let branches, let otherwise):
            for branch in branches {
                guard try context.evaluate(branch.condition).isTruthy == branch.takenWhen else { continue }
                try render(branch.body, into: &output)
                return
            }
            try render(otherwise, into: &output)
        case .counter(let name, let step):
            try output.write(JavaScriptNumberText.string(context.count(name, step: step)))
        case .cycle(let group, let candidates):
            var groupName = LiquidValue.undefined
            if let group { groupName = try context.evaluate(group) }
            let index = context.nextCycleIndex(group: groupName.javaScriptString, count: candidates.count)
            let value = try context.evaluate(candidates[index])
            // LiquidJS writes a tag's returned value only when it is truthy in JavaScript.
            if value.plain?.isTruthy == true { try output.write(value.text) }
        case .sequence(let nodes):
            try render(nodes, into: &output)
        case .stop:
            stopped = true
        }
    }
}

/// The text a render writes, kept within Backflow's bound on one text (see ``LiquidLimits``).
struct LiquidOutput {
    private(set) var text = ""
    private var length = 0

    mutating func write(_ piece: String) throws(LiquidError) {
        length += piece.utf16.count
        try LiquidMemory.check(length: length)
        text += piece
    }
}

/// A parsed Liquid template: what each tag, output and text does, with the place errors point at.
struct LiquidTemplate: Sendable {
    /// The template's text, which render errors are placed in.
    let source: LiquidSource
    let nodes: [LiquidNode]
}

/// One tag, output or text of a template, at the offset its render errors point at.
struct LiquidNode: Sendable {
    let action: LiquidAction
    let position: Int
}

/// A branch of `if`, `elsif` or `unless`: taken when its condition's truthiness is `takenWhen`.
struct LiquidBranch: Sendable {
    let condition: LiquidFilteredValue
    let takenWhen: Bool
    let body: [LiquidNode]
}

indirect enum LiquidAction: Sendable {
    /// Text written as it is (also the inside of `{% raw %}`).
    case text(String)
    /// `{{ value }}` and `{% echo value %}`.
    case output(LiquidFilteredValue?)
    case assign(name: String, value: LiquidFilteredValue)
    case capture(name: String, body: [LiquidNode])
    /// `if`/`elsif`/`else` and `unless`: the first branch taken renders, else `otherwise`.
    case conditional(branches: [LiquidBranch], otherwise: [LiquidNode])
    /// `increment` (writes the counter, then adds one) and `decrement` (subtracts one, then writes).
    case counter(name: String, step: Int)
    /// `cycle`: writes its candidates in turn, one per time it renders, per group.
    case cycle(group: LiquidOperand?, candidates: [LiquidOperand])
    /// `liquid` and `block`: their tags render in order.
    case sequence([LiquidNode])
    /// `break` and `continue`: outside a loop, both end the output.
    case stop
    /// `comment` and `#`.
    case nothing
}

/// One value in a Liquid expression, as LiquidJS's tokenizer reads it.
indirect enum LiquidOperand: Sendable {
    /// A number, a quoted string, or one of `true`, `false`, `nil`, `null`, `empty`, `blank`.
    case literal(LiquidValue)
    /// `(low..high)`: the integers from low to high.
    case range(LiquidOperand, LiquidOperand)
    /// A property read: from a literal (`"abc".size`) or, with no base, from the variables in scope,
    /// the first key naming the variable (`properties.name`, `properties["First Name"]`, `list[0]`).
    case access(base: LiquidOperand?, keys: [LiquidOperand])
}

/// Liquid's operators, with LiquidJS's precedences: comparisons bind tighter than `not`, which binds
/// tighter than `and` and `or`; operators of equal precedence group from the right.
enum LiquidOperator: String, Sendable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case greater = ">"
    case less = "<"
    case greaterOrEqual = ">="
    case lessOrEqual = "<="
    case contains
    case not
    case and
    case or

    var precedence: Int {
        switch self {
        case .equal, .notEqual, .greater, .less, .greaterOrEqual, .lessOrEqual, .contains: return 2
        case .not: return 1
        case .and, .or: return 0
        }
    }

    var isUnary: Bool { self == .not }
}

/// An expression in postfix order, as LiquidJS evaluates it.
struct LiquidExpression: Sendable {
    enum Item: Sendable {
        case operand(LiquidOperand)
        case operation(LiquidOperator)
    }

    let postfix: [Item]

    /// Orders infix tokens for evaluation: an operator waits until one of lower precedence comes.
    init(infix tokens: [Item]) {
        var output: [Item] = []
        var operators: [LiquidOperator] = []
        for token in tokens {
            guard case .operation(let operation) = token else {
                output.append(token)
                continue
            }
            while let top = operators.last, top.precedence > operation.precedence {
                output.append(.operation(operators.removeLast()))
            }
            operators.append(operation)
        }
        output.append(contentsOf: operators.reversed().map(Item.operation))
        postfix = output
    }

    var isEmpty: Bool { postfix.isEmpty }
}

/// A filter in a chain: its name and arguments (`truncate: 5, "…"`, `default: "x", allow_false: true`).
struct LiquidFilterCall: Sendable {
    enum Argument: Sendable {
        case positional(LiquidOperand)
        /// `name: value`; the value may be missing, as in `allow_false:`.
        case keyword(String, LiquidOperand?)
    }

    let name: String
    let arguments: [Argument]
}

/// An expression and the filters its value goes through: what `{{ … }}`, `assign`, `echo` and the
/// conditions of `if` hold.
struct LiquidFilteredValue: Sendable {
    let initial: LiquidExpression
    let filters: [LiquidFilterCall]
}

/// Evaluating expressions and filter chains against a render's context.
extension LiquidContext {
    mutating func evaluate(_ value: LiquidFilteredValue) throws(LiquidError) -> LiquidValue {
        var result = try evaluate(value.initial)
        for filter in value.filters {
            var arguments: [LiquidValue] = []
            for argument in filter.arguments {
                switch argument {
                case .positional(let operand):
                    arguments.append(try evaluate(operand))
                case .keyword(let name, nil):
                    arguments.append(.array([.string(name), .undefined]))
                case .keyword(let name, let operand?):
                    arguments.append(.array([.string(name), try evaluate(operand)]))
                }
            }
            result = try LiquidFilters.apply(filter.name, to: result, arguments: arguments, memory: &memory)
        }
        return result
    }

    /// LiquidJS's postfix evaluation; a malformed expression gives its first operand.
    mutating func evaluate(_ expression: LiquidExpression) throws(LiquidError) -> LiquidValue {
        var operands: [LiquidValue] = []
        for item in expression.postfix {
            switch item {
            case .operand(let operand):
                operands.append(try evaluate(operand))
            case .operation(let operation):
                let right = operands.popLast() ?? .undefined
                let left = operation.isUnary ? .undefined : operands.popLast() ?? .undefined
                operands.append(.json(.bool(LiquidComparison.apply(operation, left, right))))
            }
        }
        return operands.first ?? .undefined
    }

    mutating func evaluate(_ operand: LiquidOperand) throws(LiquidError) -> LiquidValue {
        switch operand {
        case .literal(let value):
            return value
        case .range(let low, let high):
            return try range(from: evaluate(low), through: evaluate(high))
        case .access(let base, let keys):
            var values: [LiquidValue] = []
            for key in keys { values.append(try evaluate(key)) }
            var current: LiquidValue
            if let base {
                current = try evaluate(base)
            } else {
                guard let first = values.first else { return .undefined }
                current = variable(first)
                values.removeFirst()
            }
            for key in values { current = LiquidProperty.read(current, key) }
            return current
        }
    }

    /// `(low..high)`: the whole numbers from low up to high, counted against the memory limit.
    private mutating func range(from low: LiquidValue, through high: LiquidValue) throws(LiquidError) -> LiquidValue {
        let start = low.javaScriptNumber
        let stop = high.javaScriptNumber + 1
        guard start.isFinite, stop.isFinite, start < stop else {
            guard start.isNaN || stop.isNaN || start >= stop else { throw LiquidError(LiquidLimits.memoryExceeded) }
            return .json(.array([]))
        }
        let count = (stop - start).rounded(.up)
        try LiquidMemory.check(count: count)
        try memory.use(count)
        return .json(.array((0..<Int(count)).map { .number(start + Double($0)) }))
    }

    /// A property path such as `a.b[0]` read from `item`, as `where` reads its property: with `item`
    /// as the only variables.
    static func value(atPath path: String, in item: JSONValue) throws(LiquidError) -> LiquidValue {
        var scanner = LiquidScanner(LiquidSource(path))
        let keys = try scanner.readScopePath()
        guard !keys.isEmpty else { return .undefined }
        var scope = LiquidContext(environment: item)
        return try scope.evaluate(.access(base: nil, keys: keys))
    }
}

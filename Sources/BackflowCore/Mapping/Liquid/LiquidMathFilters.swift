import Foundation

/// LiquidJS's math filters: every operand read with `toNumber` (what is not a number counts as 0), an
/// operand not given at all as NaN. Two differ from plain JavaScript as Segment's LiquidJS runs them:
/// `modulo` takes the divisor's sign (`-7 | modulo: 3` is 2) and `round` rounds halves away from zero.
enum LiquidMathFilters {
    static func apply(_ name: String, _ call: LiquidFilterCallValues) -> LiquidValue? {
        let value = call.input.number
        let operand = operand(call, 0)
        let result: Double
        switch name {
        case "abs": result = abs(value)
        case "ceil": result = value.rounded(.up)
        case "floor": result = value.rounded(.down)
        case "at_least": result = call.arguments.reduce(value) { javaScriptMax($0, $1.number) }
        case "at_most": result = call.arguments.reduce(value) { javaScriptMin($0, $1.number) }
        case "plus": result = value + operand
        case "minus": result = value - operand
        case "times": result = value * operand
        case "divided_by":
            let quotient = value / operand
            result = call.arguments.count > 1 && call[1].number != 0 ? quotient.rounded(.down) : quotient
        case "modulo":
            let remainder = value.truncatingRemainder(dividingBy: operand)
            result = (remainder + operand).truncatingRemainder(dividingBy: operand)
        case "round":
            let amplitude = pow(10, call.arguments.isEmpty ? 0 : call[0].number)
            let magnitude = (abs(value) * amplitude).rounded(.toNearestOrAwayFromZero) / amplitude
            result = value < 0 ? -magnitude : magnitude
        default:
            return nil
        }
        return .number(result)
    }

    private static func operand(_ call: LiquidFilterCallValues, _ index: Int) -> Double {
        index < call.arguments.count ? call[index].number : .nan
    }

    /// `Math.max`: NaN wins, and +0 is greater than -0.
    private static func javaScriptMax(_ left: Double, _ right: Double) -> Double {
        if left.isNaN || right.isNaN { return .nan }
        if left == right { return left.sign == .minus ? right : left }
        return Swift.max(left, right)
    }

    private static func javaScriptMin(_ left: Double, _ right: Double) -> Double {
        if left.isNaN || right.isNaN { return .nan }
        if left == right { return left.sign == .minus ? left : right }
        return Swift.min(left, right)
    }
}

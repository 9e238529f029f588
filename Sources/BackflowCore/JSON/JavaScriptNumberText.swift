/// JavaScript's `Number.prototype.toString()` (ECMAScript's Number::toString, radix 10): the one way
/// Backflow writes a double as text, in JSON, in templates and in coerced strings alike.
///
/// Both languages pick the shortest digits that read back as the same double; they differ in where
/// they switch to exponent form. JavaScript writes plain digits from 1e-6 up to (not including) 1e21,
/// padding with zeros (`100000000000000000000`, `0.000025`), where Swift writes `1e+20` and `2.5e-05`.
enum JavaScriptNumberText {
    /// The text of a number; `NaN`, `Infinity` and `-Infinity` as JavaScript spells them.
    static func string(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        // Whole numbers up to 2^53 are exact and print as integers: the common case, without parsing.
        if number.rounded() == number, number.magnitude <= 9_007_199_254_740_992 { return String(Int64(number)) }
        let (digits, pointPosition) = shortestDigits(of: number.magnitude)
        return (number < 0 ? "-" : "") + layout(digits: digits, pointPosition: pointPosition)
    }

    /// The shortest round-trip digits of a positive finite number (no leading or trailing zeros) and
    /// `n`, the position of the decimal point: the number is `0.d₁d₂… × 10ⁿ`. Swift's `description`
    /// already finds the shortest digits; only its layout differs.
    private static func shortestDigits(of magnitude: Double) -> (digits: [UInt8], pointPosition: Int) {
        let text = magnitude.description.utf8
        var digits: [UInt8] = []
        var integerDigits = 0
        var seenPoint = false
        var exponent = 0
        var index = text.startIndex
        while index != text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: "e") {
                exponent = Int(String(decoding: text[text.index(after: index)...], as: UTF8.self)) ?? 0
                break
            }
            if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else {
                digits.append(byte)
                if !seenPoint { integerDigits += 1 }
            }
            index = text.index(after: index)
        }
        var pointPosition = integerDigits + exponent
        while digits.first == UInt8(ascii: "0") {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        return (digits, pointPosition)
    }

    /// Number::toString's steps 6 to 10 for `k` digits and point position `n`.
    private static func layout(digits: [UInt8], pointPosition n: Int) -> String {
        let k = digits.count
        let zero = UInt8(ascii: "0")
        var output: [UInt8] = []
        if k <= n && n <= 21 {
            output = digits + Array(repeating: zero, count: n - k)
        } else if 0 < n && n <= 21 {
            output = Array(digits[..<n]) + [UInt8(ascii: ".")] + Array(digits[n...])
        } else if -6 < n && n <= 0 {
            output = [zero, UInt8(ascii: ".")] + Array(repeating: zero, count: -n) + digits
        } else {
            output = [digits[0]]
            if k > 1 { output += [UInt8(ascii: ".")] + Array(digits[1...]) }
            let exponent = n - 1
            output += Array("e\(exponent < 0 ? "-" : "+")\(exponent.magnitude)".utf8)
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// JavaScript's `Number.prototype.toString()` (ECMAScript's Number::toString, radix 10): the one way
/// Backflow writes a double as text, in JSON, in templates and in coerced strings alike.
///
/// Both languages pick the shortest digits that read back as the same double; they differ in where
/// they switch to exponent form. JavaScript writes plain digits from 1e-6 up to (not including) 1e21,
/// padding with zeros (`100000000000000000000`, `0.000025`), where Swift writes `1e+20` and `2.5e-05`.
enum JavaScriptNumberText {
    /// The text of a number; `NaN`, `Infinity` and `-Infinity` as JavaScript spells them.
    static func string(_ number: Double) -> String {
        var text: [UInt8] = []
        write(number, into: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends the text of `number` to `output`, with no text in between: a message builder writes a
    /// number a record, and an intermediate string and digit arrays each cost an allocation.
    static func write<Output: ByteOutput>(_ number: Double, into output: inout Output) {
        if number.isNaN { return output.append(ascii: "NaN") }
        if number.isInfinite { return output.append(ascii: number < 0 ? "-Infinity" : "Infinity") }
        // Whole numbers up to 2^53 are exact and print as integers: the common case, without parsing.
        if number.rounded() == number, number.magnitude <= 9_007_199_254_740_992 {
            return JSONWriter.writeInteger(Int64(number), into: &output)
        }
        if number < 0 { output.append(UInt8(ascii: "-")) }
        // Swift's `description` already finds the shortest digits (at most 17, in at most 24 bytes of
        // text, so a small string: no allocation); only its layout differs.
        var description = number.magnitude.description
        description.withUTF8 { text in
            // Without an exponent, Swift's layout is JavaScript's: Swift writes plain digits only from
            // 1e-4 up, inside JavaScript's range, and a whole number never gets here. Most amounts do.
            if !text.contains(UInt8(ascii: "e")) { return output.append(bytes: text) }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: text.count) { digits in
                let (count, pointPosition) = shortestDigits(of: text, into: digits)
                layout(digits: UnsafeBufferPointer(rebasing: digits[..<count]), pointPosition: pointPosition, into: &output)
            }
        }
    }

    /// The digits of a positive number's Swift `description` (no leading or trailing zeros), stored at
    /// the start of `digits`, their count, and `n`, the position of the decimal point: the number is
    /// `0.d₁d₂… × 10ⁿ`.
    private static func shortestDigits(
        of text: UnsafeBufferPointer<UInt8>, into digits: UnsafeMutableBufferPointer<UInt8>
    ) -> (count: Int, pointPosition: Int) {
        var count = 0
        var integerDigits = 0
        var seenPoint = false
        var exponent = 0
        var index = 0
        while index < text.count {
            let byte = text[index]
            index += 1
            if byte == UInt8(ascii: "e") {
                let negative = text[index] == UInt8(ascii: "-")
                if negative || text[index] == UInt8(ascii: "+") { index += 1 }
                while index < text.count {
                    exponent = exponent * 10 + Int(text[index] &- UInt8(ascii: "0"))
                    index += 1
                }
                if negative { exponent = -exponent }
            } else if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else {
                digits[count] = byte
                count += 1
                if !seenPoint { integerDigits += 1 }
            }
        }
        var leadingZeros = 0
        while leadingZeros < count, digits[leadingZeros] == UInt8(ascii: "0") { leadingZeros += 1 }
        if leadingZeros > 0 {
            for position in leadingZeros..<count { digits[position - leadingZeros] = digits[position] }
            count -= leadingZeros
        }
        while count > 0, digits[count - 1] == UInt8(ascii: "0") { count -= 1 }
        return (count, integerDigits + exponent - leadingZeros)
    }

    /// Number::toString's steps 6 to 10 for `k` digits and point position `n`.
    private static func layout<Output: ByteOutput>(
        digits: UnsafeBufferPointer<UInt8>, pointPosition n: Int, into output: inout Output
    ) {
        let k = digits.count
        let zero = UInt8(ascii: "0")
        if k <= n && n <= 21 {
            output.append(bytes: digits)
            output.append(zero, times: n - k)
        } else if 0 < n && n <= 21 {
            output.append(bytes: UnsafeBufferPointer(rebasing: digits[..<n]))
            output.append(UInt8(ascii: "."))
            output.append(bytes: UnsafeBufferPointer(rebasing: digits[n...]))
        } else if -6 < n && n <= 0 {
            output.append(zero)
            output.append(UInt8(ascii: "."))
            output.append(zero, times: -n)
            output.append(bytes: digits)
        } else {
            output.append(digits[0])
            if k > 1 {
                output.append(UInt8(ascii: "."))
                output.append(bytes: UnsafeBufferPointer(rebasing: digits[1...]))
            }
            let exponent = n - 1
            output.append(UInt8(ascii: "e"))
            output.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            JSONWriter.writeInteger(Int64(exponent.magnitude), into: &output)
        }
    }
}

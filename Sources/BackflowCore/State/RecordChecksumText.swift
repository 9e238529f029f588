/// The text ``ModelRecord/checksum`` hashes: the row's compact JSON, except that a number that is not a
/// whole 64-bit integer is written as checksums have always written it — Swift's shortest digits, in
/// exponent form below 1e-4 and above 2^53 (`2.5e-5`, `1e+20`). ``number(_:)`` is also the identifier
/// text of a real (``ModelRecord/idText(of:)``), which SQLite's `backflow_record_id`
/// (`CBackflowSQL/record_number.c`) writes byte for byte.
///
/// Messages write numbers as JavaScript does (``JavaScriptNumberText``), which differs in those ranges;
/// the checksum keeps its own text, which states and ids synced by earlier releases hold.
enum RecordChecksumText {
    static func bytes(of columns: JSONObject) -> [UInt8] {
        var output: [UInt8] = [UInt8(ascii: "{")]
        output.reserveCapacity(256)
        var first = true
        columns.forEachEntry { name, value in
            if !first { output.append(UInt8(ascii: ",")) }
            first = false
            JSONWriter.writeString(name, into: &output)
            output.append(UInt8(ascii: ":"))
            if case .number(let number) = value {
                output.append(contentsOf: Self.number(number).utf8)
            } else {
                JSONWriter.write(value, into: &output, indent: nil, depth: 0)
            }
        }
        output.append(UInt8(ascii: "}"))
        return output
    }

    /// Swift's shortest digits, with a whole number below 1e21 written without a fraction when it fits
    /// 64 bits, and exponents as `e+21` / `e-7`; `null` for a non-finite number.
    static func number(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 1e21, let exact = Int64(exactly: number) { return String(exact) }
        var text = number.description
        guard text.utf8.contains(UInt8(ascii: "e")) || text.utf8.last == UInt8(ascii: "0") else { return text }
        if text.hasSuffix(".0") { text.removeLast(2) }
        if let exponent = text.firstIndex(of: "e") {
            var mantissa = String(text[..<exponent])
            if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
            var digits = text[text.index(after: exponent)...]
            var sign = "+"
            if digits.first == "-" || digits.first == "+" {
                sign = digits.first == "-" ? "-" : "+"
                digits = digits.dropFirst()
            }
            let trimmed = digits.drop { $0 == "0" }
            text = mantissa + "e" + sign + (trimmed.isEmpty ? "0" : String(trimmed))
        }
        return text
    }
}

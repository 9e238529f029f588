/// A value a ``MessagePlan`` writes into a hole: a ``JSONValue``, or a row's value read in place
/// (``RowValues/Value``), which the plan writes without making it a `String` first.
protocol PlannedValue {
    /// The value's class (see ``MessagePlan/ValueClass/init(_:readingDates:)``).
    func valueClass(readingDates: Bool) -> MessagePlan.ValueClass?
    /// The value's JSON.
    func writeJSON<Output: ByteOutput>(into output: inout Output)
    /// The value's text in a template, unquoted: nothing for null, a string's own text (escaped for
    /// the JSON string it is part of), and for the rest their JSON, which is JavaScript's
    /// `String(value)` for booleans and numbers.
    func writeText<Output: ByteOutput>(into output: inout Output)
}

extension JSONValue: PlannedValue {
    func valueClass(readingDates: Bool) -> MessagePlan.ValueClass? {
        MessagePlan.ValueClass(self, readingDates: readingDates)
    }

    func writeJSON<Output: ByteOutput>(into output: inout Output) {
        JSONWriter.write(self, into: &output, indent: nil, depth: 0)
    }

    func writeText<Output: ByteOutput>(into output: inout Output) {
        switch self {
        case .null: break
        case .string(let text): JSONWriter.writeEscaped(text, into: &output)
        default: writeJSON(into: &output)
        }
    }
}

extension RowValues.Value: PlannedValue {
    func valueClass(readingDates: Bool) -> MessagePlan.ValueClass? {
        // A date field's text is checked as a string, as for any value.
        guard !readingDates else { return json.valueClass(readingDates: true) }
        switch self {
        case .null: return .null
        case .integer: return .integer
        case .bool: return .boolean
        case .number(let number): return number.isFinite ? .number : nil
        case .text(let bytes): return bytes.isEmpty ? .emptyString : .string
        }
    }

    // Inlined into the plan's writer, as it was before booleans made it big enough to be called.
    @inline(__always)
    func writeJSON<Output: ByteOutput>(into output: inout Output) {
        switch self {
        case .null: output.append(ascii: "null")
        case .integer(let number): JSONWriter.writeInteger(number, into: &output)
        case .number(let number): JSONWriter.writeNumber(number, into: &output)
        case .bool(let flag): output.append(ascii: flag ? "true" : "false")
        case .text(let bytes): JSONWriter.writeString(utf8: bytes, into: &output)
        }
    }

    func writeText<Output: ByteOutput>(into output: inout Output) {
        switch self {
        case .null: break
        case .text(let bytes): JSONWriter.writeEscaped(utf8: bytes, into: &output)
        default: writeJSON(into: &output)
        }
    }
}

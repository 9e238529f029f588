/// The values of a statement's parameters 1, 2, … in order, bound all at once with their text read in
/// place from one buffer.
///
/// Bound one at a time, every text value is copied by SQLite into memory it allocates, and freed when
/// the binding is cleared: a sync's state and log writes bind four text values a record, and those
/// allocations were a fifth of the time the writes took. Here the text of a whole group of rows is
/// appended to one buffer that is reused from group to group, and SQLite reads it where it is.
struct SQLiteBoundValues {
    private enum Value {
        case null
        case integer(Int64)
        case real(Double)
        /// The bytes at `start..<start + count` of ``text``.
        case text(start: Int, count: Int)
    }

    private var values: [Value] = []
    private var text: [UInt8] = []

    var count: Int { values.count }

    /// Empties the values, keeping their storage for the next group.
    mutating func removeAll() {
        values.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
    }

    /// Adds the value of the next parameter, bound as ``SQLiteStatement/bind(_:at:)`` binds it.
    mutating func append(_ value: JSONValue) {
        switch value {
        case .null: appendNull()
        case .bool(let flag): append(integer: flag ? 1 : 0)
        case .integer(let number): append(integer: number)
        case .number(let number): append(real: number)
        case .string(let string): append(text: string)
        case .array, .object: append(text: JSONWriter.compact(value))
        }
    }

    // The state and the run's log bind a record's values through these rather than as
    // ``JSONValue``s, each of which had its text retained and released again.

    mutating func appendNull() {
        values.append(.null)
    }

    mutating func append(integer: Int64) {
        values.append(.integer(integer))
    }

    /// `integer`, or NULL for nil.
    mutating func append(integer: Int64?) {
        guard let integer else { return appendNull() }
        append(integer: integer)
    }

    mutating func append(real: Double) {
        values.append(.real(real))
    }

    /// `string`, or NULL for nil.
    mutating func append(text string: String?) {
        guard let string else { return appendNull() }
        append(text: string)
    }

    /// `string`: taken as it is rather than wrapped in an optional, which copied (retained) it.
    mutating func append(text string: String) {
        appendText { text in string.withStoredUTF8 { text.append(contentsOf: $0) } }
    }

    /// `id`'s text, or NULL for nil.
    mutating func append(text id: MessageID?) {
        guard let id else { return appendNull() }
        appendText { text in id.withUTF8 { text.append(contentsOf: $0) } }
    }

    /// A text value of the bytes `write` appends to ``text``.
    private mutating func appendText(_ write: (inout [UInt8]) -> Void) {
        let start = text.count
        write(&text)
        values.append(.text(start: start, count: text.count - start))
    }

    /// Binds the values to `statement`'s parameters, one value each, and steps it to the end, then
    /// resets it, clearing the bindings: no binding outlives the text it points into.
    func run(_ statement: SQLiteStatement) throws(SQLiteError) {
        statement.rewind()
        defer { try? statement.reset() }
        try text.withUnsafeBufferPointer { (text) throws(SQLiteError) in
            for (offset, value) in values.enumerated() {
                let index = offset + 1
                switch value {
                case .null: try statement.bind(.null, at: index)
                case .integer(let number): try statement.bind(.integer(number), at: index)
                case .real(let number): try statement.bind(.number(number), at: index)
                case .text(let start, let count):
                    try statement.bindTextInPlace(UnsafeBufferPointer(rebasing: text[start..<start + count]), at: index)
                }
            }
            while try statement.step() {}
        }
    }
}

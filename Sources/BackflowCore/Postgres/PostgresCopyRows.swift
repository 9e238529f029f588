/// Rows for `COPY … FROM STDIN` in PostgreSQL's text format, written field by field into one buffer
/// (``PostgresConnection/copyIn(_:_:)``).
///
/// A copy is how PostgreSQL loads rows fastest: a million `sync_changes` rows in 1,000-row copies took
/// the server about half the time of the same rows as `INSERT … SELECT FROM unnest(…)` of array
/// parameters, and no array literal is built for it.
struct PostgresCopyRows {
    private(set) var bytes: [UInt8] = []
    private var rowIsEmpty = true

    /// The next field of the current row; nil is SQL NULL. Backslash, tab, newline and carriage return
    /// are escaped; a NUL, which no PostgreSQL text can hold, becomes U+FFFD.
    mutating func append(_ value: String?) {
        startField()
        guard let value else { return appendNull() }
        value.withStoredUTF8 { appendEscaped($0) }
    }

    /// A message id's text as the next field; nil is SQL NULL. The text (`bf-` and hex digits) has
    /// nothing to escape.
    mutating func append(_ id: MessageID?) {
        startField()
        guard let id else { return appendNull() }
        id.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private mutating func startField() {
        if !rowIsEmpty { bytes.append(UInt8(ascii: "\t")) }
        rowIsEmpty = false
    }

    private mutating func appendNull() {
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(UInt8(ascii: "N"))
    }

    /// `text` escaped, its runs of bytes that need no escape appended whole: a sync writes two rows a
    /// record into copies, and byte by byte this was the most of Backflow's own time in them.
    private mutating func appendEscaped(_ text: UnsafeBufferPointer<UInt8>) {
        var index = 0
        while index < text.count {
            // A run of bytes that JSON leaves as they are: the copy's special bytes are among those it escapes.
            let plain = JSONWriter.plainPrefixLength(of: text, from: index)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[index..<index + plain]))
            index += plain
            guard index < text.count else { return }
            let byte = text[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0: bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])
            default: bytes.append(byte)
            }
        }
    }

    /// Ends the current row.
    mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
        rowIsEmpty = true
    }
}

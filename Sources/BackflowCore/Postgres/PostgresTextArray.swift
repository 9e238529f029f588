/// PostgreSQL array literals of text elements, for `$n::text[]` (or `::int8[]`, …) parameters: one
/// statement binds a whole column of values, which `unnest` turns back into rows.
enum PostgresTextArray {
    /// `{"a","b\"c",NULL}`: every element quoted, nil as SQL NULL.
    ///
    /// Written byte by byte: a sync binds a column of every acknowledged record, and Foundation's
    /// `replacingOccurrences` took most of a 1M-row PostgreSQL sync's CPU time.
    static func literal(_ elements: [String?]) -> String {
        var output: [UInt8] = [UInt8(ascii: "{")]
        output.reserveCapacity(elements.reduce(2) { $0 + ($1?.utf8.count ?? 4) + 3 })
        for (index, element) in elements.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            guard let element else {
                output.append(contentsOf: "NULL".utf8)
                continue
            }
            output.append(UInt8(ascii: "\""))
            for byte in element.utf8 {
                if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") { output.append(UInt8(ascii: "\\")) }
                output.append(byte)
            }
            output.append(UInt8(ascii: "\""))
        }
        output.append(UInt8(ascii: "}"))
        return String(decoding: output, as: UTF8.self)
    }
}

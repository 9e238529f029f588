/// PostgreSQL array literals of text elements, for `$n::text[]` (or `::int8[]`, …) parameters: one
/// statement binds a whole column of values, which `unnest` turns back into rows.
enum PostgresTextArray {
    /// `{"a","b\"c",NULL}`: every element quoted, nil as SQL NULL.
    static func literal(_ elements: [String?]) -> String {
        let quoted = elements.map { element in
            guard let element else { return "NULL" }
            return "\"" + element.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\""
        }
        return "{" + quoted.joined(separator: ",") + "}"
    }
}

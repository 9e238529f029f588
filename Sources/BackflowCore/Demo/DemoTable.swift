/// One generated table of the demo warehouse: its columns with their declared SQL types, and its rows
/// in insertion order (which is the order `SELECT * FROM <table>` returns them in).
struct DemoTable {
    let name: String
    let columns: [(name: String, type: String)]
    var rows: [JSONObject] = []

    var createStatement: String {
        let definitions = columns.map { "\($0.name) \($0.type)" }.joined(separator: ", ")
        return "CREATE TABLE \(name) (\(definitions))"
    }

    var insertStatement: String {
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(name) (\(columns.map(\.name).joined(separator: ", "))) VALUES (\(placeholders))"
    }

    /// A row's values in column order; a column the row lacks is NULL.
    func values(of row: JSONObject) -> [JSONValue] {
        columns.map { row[$0.name] ?? .null }
    }
}

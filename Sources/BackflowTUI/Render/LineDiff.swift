/// The difference between two texts, line by line, as `diff -u` shows it: `-` for a line only in
/// the old text, `+` for one only in the new, and a few lines of context around each change.
enum LineDiff {
    /// The diff of `old` and `new` under `-- oldName` / `++ newName` headings; empty when they are equal.
    static func unified(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let before = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let after = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let edits = script(before, after)
        guard edits.contains(where: { $0.mark != " " }) else { return "" }
        let changed = edits.indices.filter { edits[$0].mark != " " }
        var shown = Set<Int>()
        for index in changed { shown.formUnion(max(0, index - context)...min(edits.count - 1, index + context)) }
        var lines = ["--- \(oldName)", "+++ \(newName)"]
        var previous: Int?
        for index in shown.sorted() {
            if let previous, index > previous + 1 { lines.append("…") }
            lines.append(edits[index].mark + edits[index].line)
            previous = index
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every line of both texts in order, marked ` `, `-` or `+`, from their longest common subsequence.
    private static func script(_ old: [String], _ new: [String]) -> [(mark: String, line: String)] {
        // common[i][j]: the longest common subsequence of old[i...] and new[j...].
        var common = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                common[i][j] = old[i] == new[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var edits: [(mark: String, line: String)] = []
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                edits.append((" ", old[i]))
                i += 1
                j += 1
            } else if j < new.count, i == old.count || common[i][j + 1] >= common[i + 1][j] {
                edits.append(("+", new[j]))
                j += 1
            } else {
                edits.append(("-", old[i]))
                i += 1
            }
        }
        return edits
    }
}

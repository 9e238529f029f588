/// Lays rows out in aligned columns for the terminal, measuring cells by display width.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public struct Column: Sendable {
        public let title: String
        public let alignment: Alignment
        /// The widest the column may grow; longer cells end in `…`.
        public let maximumWidth: Int

        public init(_ title: String, alignment: Alignment = .left, maximumWidth: Int = 48) {
            self.title = title
            self.alignment = alignment
            self.maximumWidth = maximumWidth
        }
    }

    public let columns: [Column]
    public private(set) var rows: [[String]] = []

    public init(columns: [Column]) {
        self.columns = columns
    }

    public mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The header line followed by one line per row; columns are separated by two spaces and
    /// trailing blanks are trimmed.
    public func render() -> [String] {
        let widths = columns.indices.map { index in
            let cells = rows.map { index < $0.count ? DisplayWidth.of($0[index]) : 0 }
            return min(columns[index].maximumWidth, max(DisplayWidth.of(columns[index].title), cells.max() ?? 0))
        }
        func line(_ cells: [String]) -> String {
            let padded = columns.indices.map { index in
                DisplayWidth.pad(
                    index < cells.count ? cells[index] : "", to: widths[index],
                    alignRight: columns[index].alignment == .right)
            }
            var text = padded.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        return [line(columns.map(\.title))] + rows.map(line)
    }
}

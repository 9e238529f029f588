import Testing

@testable import BackflowTUI

@Suite("TUI cell grid")
struct TUICellGridTests {
    @Test func wideCharactersTakeTwoCells() {
        var grid = CellGrid(width: 6, height: 1)
        let end = grid.put("山a", x: 0, y: 0, role: .text)
        #expect(end == 3)
        #expect(grid[1, 0].isContinuation)
        #expect(grid.text == "山a")
    }

    @Test func textIsClippedToItsRectangle() {
        var grid = CellGrid(width: 10, height: 1)
        grid.put("abcdefgh", x: 2, y: 0, role: .text, clip: Rect(x: 2, y: 0, width: 3, height: 1))
        #expect(grid.text == "  abc")
    }

    @Test func aWideCharacterThatWouldStraddleTheEdgeIsLeftOut() {
        var grid = CellGrid(width: 3, height: 1)
        grid.put("ab山", x: 0, y: 0, role: .text)
        #expect(grid.text == "ab")
    }

    @Test func controlCharactersBecomeSpaces() {
        var grid = CellGrid(width: 5, height: 1)
        grid.put("a\nb", x: 0, y: 0, role: .text)
        #expect(grid.text == "a b")
    }

    @Test func tableScrollsSidewaysByWholeColumns() {
        var grid = CellGrid(width: 20, height: 2)
        grid.table(
            [TableColumn("A", width: 3), TableColumn("B", width: 3)], rows: [TableRow(["1", "2"])],
            in: grid.bounds, firstColumn: 1)
        #expect(grid.text == "B\n2")
    }

    @Test func scrollOffsetKeepsTheSelectionVisible() {
        #expect(scrollOffset(selected: 12, current: 0, visible: 10) == 3)
        #expect(scrollOffset(selected: 2, current: 5, visible: 10) == 2)
        #expect(scrollOffset(selected: 6, current: 5, visible: 10) == 5)
    }

    @Test func jsonLinesColourKeysStringsAndLiterals() {
        let lines = JSONLines.lines(.object(["a": .string("x"), "b": .array([.integer(1), .null])]))
        #expect(lines.map { $0.spans.map(\.text).joined() } == ["{", "  \"a\": \"x\",", "  \"b\": [", "    1,", "    null", "  ]", "}"])
        #expect(lines[1].spans.map(\.role) == [.text, .jsonKey, .text, .jsonString, .text])
        #expect(lines[3].spans.map(\.role) == [.text, .jsonLiteral, .text])
    }
}

import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// Column widths from content and free width (``TableLayout``).
@Suite("TUI table layout")
struct TUITableLayoutTests {
    private let specs = [
        ColumnSpec("NAME", values: ["Identify users", "Track orders"], priority: 10, minimum: 8),
        ColumnSpec("RECORDS", values: ["added_or_updated", "added"], priority: 2),
        ColumnSpec("STATUS", values: ["failed (interrupted)", "success"], priority: 8, minimum: 20),
        ColumnSpec("SENT", values: [NumberText.grouped(510_000), NumberText.grouped(12)], priority: 7, isNumber: true),
    ]

    @Test func columnsAreAsWideAsTheirContentWhenThereIsRoom() {
        let fitted = TableLayout.fit(specs, width: 200)
        #expect(fitted.map(\.column.width) == [14, 16, 20, 7])
        #expect(fitted.map(\.column.alignRight) == [false, false, false, true])
    }

    @Test func theLowestPriorityColumnGoesFirstAndNumbersStayWhole() {
        let fitted = TableLayout.fit(specs, width: 45)
        #expect(fitted.map(\.column.heading) == ["NAME", "STATUS", "SENT"])
        #expect(fitted.first { $0.column.heading == "SENT" }?.column.width == 7)
        #expect(fitted.first { $0.column.heading == "STATUS" }?.column.width == 20)
    }

    @Test func aTextColumnShrinksToItsMinimumBeforeAnotherIsHidden() {
        let fitted = TableLayout.fit(specs, width: 8 + 2 + 20 + 2 + 7)
        #expect(fitted.map(\.column.width) == [8, 20, 7])
    }

    @Test func numbersAreGroupedByThousands() {
        #expect(NumberText.grouped(510_000) == "510,000")
        #expect(NumberText.grouped(999) == "999")
        #expect(NumberText.grouped(1_234_567) == "1,234,567")
        #expect(NumberText.grouped(-4_000) == "-4,000")
    }

    @Test func cutTextEndsAfterAWholeWordWhenThatKeepsMostOfIt() {
        #expect(CellText.fit("Email Subscription Status", width: 22) == "Email Subscription …")
        #expect(CellText.fit("failed (interrupted)", width: 12) == "failed (int…")
        #expect(CellText.fit("short", width: 12) == "short")
    }
}

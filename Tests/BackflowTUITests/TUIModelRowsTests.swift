import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// The model preview: NULL told apart from the text "null", and rows paged beyond the first screen.
@Suite("TUI model rows")
struct TUIModelRowsTests {
    private func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        keys.flatMap { state.update(.key($0)) }
    }

    /// `count` users whose `plan` is NULL on odd rows and the text "null" on even rows.
    static func users(_ count: Int) -> ModelPreview {
        ModelPreview(
            columns: [
                ModelColumn(name: "user_id", type: "TEXT", kind: .text),
                ModelColumn(name: "plan", type: "TEXT", kind: .text),
            ],
            records: (1...count).map { index in
                let id = "usr_\(index)"
                return ModelRecord(
                    id: id, columns: ["user_id": .string(id), "plan": index % 2 == 1 ? .null : .string("null")])
            },
            problems: [])
    }

    /// The Models screen at 80×24 with `preview` loaded for the users model.
    private func modelsScreen(_ preview: ModelPreview) throws -> AppState {
        var state = try TUIFixture.state()
        _ = state.update(.resized(width: 80, height: 24))
        _ = press([.character("2")], on: &state)
        _ = state.update(.previewLoaded(model: "users", .loaded(preview)))
        return state
    }

    @Test func aNullIsDrawnAsNULLInTheNullRoleAndTheTextNullAsText() throws {
        let grid = AppView.render(try modelsScreen(Self.users(2)), width: 80, height: 24)
        let lines = grid.text.components(separatedBy: "\n")
        let nullRow = try #require(lines.firstIndex { $0.contains("usr_1 ") })
        let textRow = try #require(lines.firstIndex { $0.contains("usr_2 ") })
        let nullColumn = try #require(lines[nullRow].range(of: "NULL")).lowerBound.utf16Offset(in: lines[nullRow])
        let textColumn = try #require(lines[textRow].range(of: "null")).lowerBound.utf16Offset(in: lines[textRow])
        #expect(grid[nullColumn, nullRow].role == .nullValue)
        #expect(grid[textColumn, textRow].role == .text)
    }

    @Test func aPreviewAsksForAScreenfulOfRows() throws {
        var state = try TUIFixture.state()
        _ = state.update(.resized(width: 120, height: 40))
        #expect(press([.character("2")], on: &state) == [.loadPreview(model: "users", limit: 40)])
    }

    @Test func pagingDownNearTheLastLoadedRowAsksForTheNextRows() throws {
        var state = try modelsScreen(Self.users(24))
        let effects = press([.enter, .pageDown], on: &state)
        #expect(effects == [.loadPreview(model: "users", limit: 48)])
        let shown = state.models.firstRow
        #expect(shown == 24 - state.visibleRows)
        _ = state.update(.previewLoaded(model: "users", .loaded(Self.users(48))))
        #expect(state.models.firstRow == shown)
        #expect(state.models.preview.value?.records.count == 48)
    }

    @Test func theRowsOfAShortModelScrollToTheLastRowAndNoFurther() throws {
        var state = try modelsScreen(Self.users(20))
        let effects = press([.enter, .end, .down, .pageDown], on: &state)
        #expect(effects.isEmpty)
        #expect(state.models.firstRow == 20 - state.visibleRows)
    }

    @Test func aPageMovesByTheRowsOnScreen() throws {
        var state = try modelsScreen(Self.users(100))
        _ = state.update(.resized(width: 80, height: 40))
        _ = press([.enter, .pageDown], on: &state)
        #expect(state.models.firstRow == state.visibleRows)
        #expect(state.visibleRows > 10)
        _ = press([.pageUp, .down], on: &state)
        #expect(state.models.selectedRow == 1)
        #expect(state.models.firstRow == 0)
    }

    @Test func pagedRowsAt80x24() throws {
        var state = try modelsScreen(Self.users(24))
        _ = press([.enter, .pageDown], on: &state)
        try GoldenScreen.expect(AppView.render(state, width: 80, height: 24), named: "models-rows-paged-80x24")
    }
}

import Foundation
import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// Keystroke to frame on a wide model: a key through `update`, then the whole screen drawn.
@Suite("TUI render benchmark")
struct TUIRenderBenchmarkTests {
    @Test func keystrokeToFrameOnA500ColumnModelAt200x60() throws {
        let columns = (0..<500).map { ModelColumn(name: "column_\($0)", type: "TEXT", kind: .text) }
        let records = (0..<10).map { row in
            ModelRecord(
                id: "r\(row)", columns: JSONObject(columns.map { ($0.name, JSONValue.string("value \(row) ü 山")) }))
        }
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("2")))
        _ = state.update(.previewLoaded(model: "users", .loaded(ModelPreview(columns: columns, records: records, problems: []))))
        _ = state.update(.key(.enter))
        var timings: [Double] = []
        for index in 0..<40 {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = state.update(.key(index % 2 == 0 ? .right : .down))
            _ = AppView.render(state, width: 200, height: 60)
            timings.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        }
        let median = timings.sorted()[timings.count / 2]
        print("keystroke-to-frame median at 200x60 with 500 columns: \(String(format: "%.2f", median)) ms")
        #expect(median < 50, "median \(median) ms")
    }
}

// Keystroke-to-frame time of the terminal UI: a key through the pure `update`, then the whole screen
// drawn into the cell grid, on the Model browser of a 500-column model at 200×60 (issue 4's
// benchmark). Run it in release: `swift run -c release backflow-tui-bench [iterations]`.
import BackflowCore
import BackflowTUI
import Foundation

let iterations = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 400
let workspace = try WorkspaceLoader.load(text: DemoWorkspaceFile.text(workspaceID: Workspace.newID()))
let columns = (0..<500).map { ModelColumn(name: "column_\($0)", type: "TEXT", kind: .text) }
let records = (0..<10).map { row in
    ModelRecord(id: "r\(row)", columns: JSONObject(columns.map { ($0.name, JSONValue.string("value \(row) ü 山")) }))
}
var state = AppState(workspace: workspace, workspacePath: "backflow.yml", maskedWriteKeys: [:])
_ = state.update(.key(.character("2")))
_ = state.update(.previewLoaded(model: "users", .loaded(ModelPreview(columns: columns, records: records, problems: []))))
_ = state.update(.key(.enter))
let firstFrame = AppView.render(state, width: 200, height: 60).text
guard firstFrame.contains("column_1") else {
    print("the Model browser did not show the 500-column model:\n\(firstFrame)")
    exit(1)
}

var milliseconds: [Double] = []
milliseconds.reserveCapacity(iterations)
for index in 0..<iterations {
    let start = DispatchTime.now().uptimeNanoseconds
    _ = state.update(.key(index % 2 == 0 ? .right : .down))
    let frame = AppView.render(state, width: 200, height: 60)
    milliseconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    precondition(frame.width == 200)
}
let sorted = milliseconds.sorted()
let median = sorted[sorted.count / 2]
let p90 = sorted[min(sorted.count - 1, sorted.count * 9 / 10)]
print(String(format: "keystroke to frame, 500-column model at 200x60, %d keys: median %.2f ms, p90 %.2f ms, max %.2f ms",
    iterations, median, p90, sorted.last ?? 0))

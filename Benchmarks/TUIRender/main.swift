// Keystroke-to-frame time of the terminal UI: a key through the pure `update`, then the whole screen
// drawn into the cell grid, on the Model browser of a 500-column model at 200×60 (issue 4's
// benchmark), then in the mapping form with that model's column list open and filtered as typed.
// Run it in release: `swift run -c release backflow-tui-bench [iterations]`.
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

/// Times `keys` (cycled over `iterations`) from `update` to the whole frame drawn, and prints the spread.
func measure(_ what: String, _ keys: [Key], on state: inout AppState) {
    var milliseconds: [Double] = []
    milliseconds.reserveCapacity(iterations)
    for index in 0..<iterations {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = state.update(.key(keys[index % keys.count]))
        let frame = AppView.render(state, width: 200, height: 60)
        milliseconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        precondition(frame.width == 200)
    }
    let sorted = milliseconds.sorted()
    let median = sorted[sorted.count / 2]
    let p90 = sorted[min(sorted.count - 1, sorted.count * 9 / 10)]
    print(String(format: "keystroke to frame, %@ at 200x60, %d keys: median %.2f ms, p90 %.2f ms, max %.2f ms",
        what, iterations, median, p90, sorted.last ?? 0))
}

measure("500-column model", [.right, .down], on: &state)

// The mapping form over the same model, its column list open and filtered as it is typed in.
_ = state.update(.key(.character("1")))
_ = state.update(.key(.character("e")))
_ = state.update(.previewLoaded(model: "users", .loaded(ModelPreview(columns: columns, records: records, problems: []))))
for _ in 0..<9 { _ = state.update(.key(.down)) }
_ = state.update(.key(.enter))
_ = state.update(.key(.enter))
_ = state.update(.key(.character("c")))
let pickerFrame = AppView.render(state, width: 200, height: 60).text
guard pickerFrame.contains("(500 of 500)") else {
    print("the form's column list did not open on the 500-column model:\n\(pickerFrame)")
    exit(1)
}
measure("mapping form, 500-column list filtered", [.character("4"), .character("2"), .backspace, .backspace], on: &state)

import Foundation
import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// The fixture workspace and the states the screen tests draw.
enum TUIFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let workspacePath = folder.appendingPathComponent("workspace.yml").path
    static let themesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes").path

    static func workspace() throws -> Workspace {
        try WorkspaceLoader.load(path: workspacePath)
    }

    /// The fixture runs' start: they finish four seconds later.
    static let runStart: Double = 1_700_000_000

    /// A fresh state on the fixture, as the editor opens it, with a fake write key set; its clock
    /// reads three minutes after the fixture runs finished, in UTC.
    static func state() throws -> AppState {
        let workspace = try workspace()
        var state = AppState(
            workspace: workspace, workspacePath: "workspace.yml",
            maskedWriteKeys: EditorProgram.maskedWriteKeys(
                workspace, environment: ["TUI_TEST_WRITE_KEY": "wk_live_secret_value"]))
        state.timeZone = TimeZone(identifier: "UTC") ?? .current
        _ = state.update(.clockTicked(runStart + 184))
        return state
    }

    static let users = ModelPreview(
        columns: [
            ModelColumn(name: "user_id", type: "TEXT", kind: .text),
            ModelColumn(name: "email", type: "TEXT", kind: .text),
            ModelColumn(name: "name", type: "TEXT", kind: .text),
            ModelColumn(name: "plan", type: "TEXT", kind: .text),
            ModelColumn(name: "lifetime_value", type: "REAL", kind: .real),
            ModelColumn(name: "created_at", type: "TEXT", kind: .text),
        ],
        records: (1...10).map { index in
            let id = String(format: "usr_%03d", index)
            let names = ["Zoë Ångström", "山田 太郎", "José Núñez", "Grace Hopper"]
            return ModelRecord(
                id: id,
                columns: [
                    "user_id": .string(id), "email": .string("user\(index)@example.com"),
                    "name": .string(names[index % names.count]), "plan": .string(index % 3 == 0 ? "pro" : "free"),
                    "lifetime_value": .number(Double(index) * 12.5),
                    "created_at": .string("2024-05-0\(index % 9 + 1)T10:00:00Z"),
                ])
        },
        problems: [])

    /// Test Mapping of the fixture's `mapping` on the first fixture user, computed by the core.
    static func testOutcome(mapping name: String, record: ModelRecord? = nil) throws -> TestOutcome {
        let session = WorkspaceSession(workspace: try workspace(), path: workspacePath)
        let mapping = try session.mapping(named: name)
        return TestOutcome(mapping, testing: record ?? users.records[0])
    }

    static func run(
        id: Int64, mapping: String, status: SyncRunStatus, added: Int, delivered: Int, failed: Int, error: String? = nil,
        errorCode: FailureCode? = nil
    ) -> SyncRun {
        SyncRun(
            id: id, mapping: mapping, status: status, startedAt: runStart, finishedAt: runStart + 4,
            counts: ChangeCounts(extracted: added, added: added), delivered: delivered, failed: failed, expired: 0,
            error: error, errorCode: errorCode, interrupted: false)
    }
}

extension CellGrid {
    /// Row `y` as text, one character per cell.
    func rowText(_ y: Int) -> String {
        row(y).filter { !$0.isContinuation }.map { String($0.character) }.joined()
    }

    /// The role of the cell where `text` first starts on screen.
    func role(of text: String) -> UIRole? {
        for y in 0..<height {
            let line = rowText(y)
            guard let range = line.range(of: text) else { continue }
            return self[line.distance(from: line.startIndex, to: range.lowerBound), y].role
        }
        return nil
    }
}

/// Compares a rendered grid with a golden file under Fixtures/Screens; `BACKFLOW_RECORD=1`
/// rewrites the golden instead.
enum GoldenScreen {
    static func expect(
        _ grid: CellGrid, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let path = TUIFixture.folder.appendingPathComponent("Screens/\(name).screen").path
        let actual = "size \(grid.width)x\(grid.height)\n" + grid.text + "\n"
        if ProcessInfo.processInfo.environment["BACKFLOW_RECORD"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("no golden screen \(name); run with BACKFLOW_RECORD=1 to record it", sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            Issue.record(
                "screen \(name) differs from its golden:\n\(lineDiff(expected: expected, actual: actual))",
                sourceLocation: sourceLocation)
        }
    }

    private static func lineDiff(expected: String, actual: String) -> String {
        let old = expected.components(separatedBy: "\n"), new = actual.components(separatedBy: "\n")
        return (0..<max(old.count, new.count)).compactMap { index in
            let before = index < old.count ? old[index] : "", after = index < new.count ? new[index] : ""
            return before == after ? nil : "line \(index + 1):\n- \(before)\n+ \(after)"
        }.joined(separator: "\n")
    }
}

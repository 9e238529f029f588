import Foundation
import Testing
@testable import BackflowCore

@Suite struct WorkspaceRobustnessTests {
    @Test func everyTruncationOfTheExampleLoadsOrDiagnoses() {
        let text = WorkspaceExample.text
        for length in stride(from: 0, through: text.count, by: 7) {
            expectLoadsOrDiagnoses(String(text.prefix(length)))
        }
    }

    @Test func randomBytesLoadOrDiagnose() {
        var generator = SeededGenerator(seed: 42)
        let alphabet = Array("abc :-[]{}#&*!|>'\"%@`\n\t ,?~0123456789.\u{0}\u{7F}é")
        for _ in 0..<300 {
            let length = Int.random(in: 0..<200, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            expectLoadsOrDiagnoses(text)
        }
    }

    @Test func randomLineShufflesOfTheExampleLoadOrDiagnose() {
        var generator = SeededGenerator(seed: 7)
        let lines = WorkspaceExample.text.split(separator: "\n", omittingEmptySubsequences: false)
        for _ in 0..<100 {
            expectLoadsOrDiagnoses(lines.shuffled(using: &generator).prefix(30).joined(separator: "\n"))
        }
    }

    @Test func deeplyNestedTextIsRefusedBeforeParsing() {
        expectDiagnostics(String(repeating: "[", count: 5000), [
            "backflow.yml:1:101: the workspace file nests values more than 100 levels deep"
        ])
    }

    @Test func aFileThatIsNotUTF8IsDiagnosed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("backflow.yml").path
        try Data([0x76, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: WorkspaceLoadError.self) { try WorkspaceLoader.load(path: path) }
        #expect(error?.description == "\(path):1:1: the workspace file is not UTF-8 text")
    }

    @Test func aMissingFileIsUnreadable() {
        let error = #expect(throws: WorkspaceLoadError.self) { try WorkspaceLoader.load(path: "/nonexistent/backflow.yml") }
        guard case .unreadable(let path, _)? = error else {
            Issue.record("expected .unreadable, got \(String(describing: error))")
            return
        }
        #expect(path == "/nonexistent/backflow.yml")
    }

    private func expectLoadsOrDiagnoses(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        do {
            _ = try WorkspaceLoader.load(text: text)
        } catch {
            #expect(!error.diagnostics.isEmpty, "no diagnostic for \(text.debugDescription)", sourceLocation: sourceLocation)
        }
    }
}

/// A small deterministic generator (SplitMix64) so fuzzing finds the same inputs every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

@Suite struct WorkspaceRenderRobustnessTests {
    @Test func anyOriginalTextStillRendersTheWorkspaceFaithfully() throws {
        let workspace = try WorkspaceLoader.load(text: WorkspaceExample.text)
        var generator = SeededGenerator(seed: 99)
        let alphabet = Array("abc :-[]{}#&*!|>'\"%@`\n\t ,?~0123456789.")
        var originals = [String(repeating: "[", count: 3000), "", "# only a comment", "mappings: [1, 2"]
        for length in stride(from: 0, through: WorkspaceExample.text.count, by: 11) {
            originals.append(String(WorkspaceExample.text.prefix(length)))
        }
        for _ in 0..<100 {
            originals.append(String((0..<80).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for original in originals {
            let rendered = WorkspaceWriter.render(workspace, preservingFrom: original)
            #expect(try WorkspaceLoader.load(text: rendered) == workspace, "original \(original.debugDescription)")
        }
    }
}

@Suite struct WorkspacePathsTests {
    @Test func relativePathsAreBesideTheWorkspaceFile() {
        #expect(WorkspacePaths.resolve("warehouse.sqlite", besideWorkspaceFile: "/work/demo/backflow.yml") == "/work/demo/warehouse.sqlite")
        #expect(WorkspacePaths.resolve(".backflow/../state.sqlite", besideWorkspaceFile: "/work/demo/backflow.yml") == "/work/demo/state.sqlite")
        #expect(WorkspacePaths.resolve("/data/w.sqlite", besideWorkspaceFile: "/work/demo/backflow.yml") == "/data/w.sqlite")
    }
}

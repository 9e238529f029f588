import Foundation
import Testing
@testable import BackflowCore

@Suite struct WorkspaceSaveTests {
    /// A fresh folder for one test, removed afterwards.
    private final class Folder {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("backflow-save-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            try? FileManager.default.removeItem(at: url)
        }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }
    }

    private func example() throws -> Workspace { try WorkspaceLoader.load(text: WorkspaceExample.text) }

    @Test func savesAFileThatLoadsBackEqualAndLeavesNoTemporaryFile() throws {
        let folder = try Folder()
        let path = folder.path("backflow.yml")
        let workspace = try example()
        try WorkspaceWriter.save(workspace, to: path, preservingFrom: WorkspaceExample.text)
        #expect(try folder.contents() == ["backflow.yml"])
        let loaded = try WorkspaceLoader.loadKeepingText(path: path)
        #expect(loaded.workspace == workspace)
        #expect(loaded.text.hasPrefix("# comments are allowed anywhere\n"))
    }

    @Test func replacingAFileKeepsItsPermissions() throws {
        let folder = try Folder()
        let path = folder.path("backflow.yml")
        try "version: 1\n".write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try WorkspaceWriter.save(try example(), to: path, preservingFrom: nil)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        #expect(try folder.contents() == ["backflow.yml"])
    }

    @Test func aFailedRenameLeavesNoTemporaryFileAndTheTargetUntouched() throws {
        let folder = try Folder()
        let path = folder.path("backflow.yml")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        try "keep".write(toFile: path + "/inside", atomically: false, encoding: .utf8)
        let error = #expect(throws: WorkspaceSaveError.self) {
            try WorkspaceWriter.save(try example(), to: path, preservingFrom: nil)
        }
        #expect(error?.step == "replace the file")
        #expect(try folder.contents() == ["backflow.yml"])
        #expect(try String(contentsOfFile: path + "/inside", encoding: .utf8) == "keep")
    }

    @Test func aMissingFolderIsReportedWithTheStepThatFailed() {
        let error = #expect(throws: WorkspaceSaveError.self) {
            try WorkspaceWriter.save(Workspace(), to: "/nonexistent-backflow-folder/backflow.yml", preservingFrom: nil)
        }
        #expect(error?.description.hasPrefix(
            "cannot save /nonexistent-backflow-folder/backflow.yml: could not create a temporary file in /nonexistent-backflow-folder: ") == true)
    }

    @Test(.enabled(if: geteuid() != 0, "root may write into a read-only folder"))
    func anUnwritableFolderLeavesTheOriginalIntact() throws {
        let folder = try Folder()
        let path = folder.path("backflow.yml")
        try WorkspaceExample.text.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.url.path)
        #expect(throws: WorkspaceSaveError.self) { try WorkspaceWriter.save(Workspace(), to: path, preservingFrom: nil) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == WorkspaceExample.text)
        #expect(try folder.contents() == ["backflow.yml"])
    }
}

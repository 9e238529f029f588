import Foundation
import Testing
@testable import BackflowCore

@Suite struct WorkspaceIdentityTests {
    private let folder = StateFolder(
        path: FileManager.default.temporaryDirectory.appendingPathComponent("backflow-identity-\(UUID().uuidString)").path)

    @Test func aFileWithoutAnIdGetsARandomOneKeptWithTheState() throws {
        let first = try WorkspaceIdentity.resolve(Workspace(), stateFolder: folder)
        #expect(first.hasPrefix("ws_") && first.count == 23)
        #expect(try WorkspaceIdentity.resolve(Workspace(), stateFolder: folder) == first)
        let other = StateFolder(path: folder.path + "-other")
        #expect(try WorkspaceIdentity.resolve(Workspace(), stateFolder: other) != first)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.path + "/workspace_id")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func theFilesIdWinsAndIsRemembered() throws {
        #expect(try WorkspaceIdentity.resolve(Workspace(id: "ws_declared_id"), stateFolder: folder) == "ws_declared_id")
        #expect(try WorkspaceIdentity.resolve(Workspace(), stateFolder: folder) == "ws_declared_id")
    }

    @Test func aFileWhoseIdDiffersFromTheStatesIsRefused() throws {
        let stored = try WorkspaceIdentity.resolve(Workspace(), stateFolder: folder)
        #expect(throws: WorkspaceIdentityError.mismatch(declared: "ws_declared_id", stored: stored, statePath: folder.path)) {
            try WorkspaceIdentity.resolve(Workspace(id: "ws_declared_id"), stateFolder: folder)
        }
    }

    @Test func aDamagedIdFileIsReportedNotReplaced() throws {
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        try "not an id!".write(toFile: folder.path + "/workspace_id", atomically: true, encoding: .utf8)
        #expect(throws: WorkspaceIdentityError.corrupt(path: folder.path + "/workspace_id")) {
            try WorkspaceIdentity.resolve(Workspace(), stateFolder: folder)
        }
    }

    @Test func processesCreatingTheIdAtOnceAgreeOnOne() async throws {
        let folder = self.folder
        let ids = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<8 { group.addTask { try? WorkspaceIdentity.resolve(Workspace(), stateFolder: folder) } }
            return await group.reduce(into: Set<String?>()) { $0.insert($1) }
        }
        #expect(ids.count == 1)
        #expect(ids.first! != nil)
    }
}

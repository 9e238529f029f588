import Foundation
@testable import BackflowCore

/// A demo workspace in a fresh temporary folder of its own, removed when the fixture goes away.
///
/// The demo is generated once per test process and copied for each fixture, so tests may edit
/// their copy freely and still start quickly.
final class DemoWorkspaceFixture {
    let directory: String
    let workspacePath: String

    init() throws {
        let files = FileManager.default
        directory = files.temporaryDirectory.appendingPathComponent("backflow-demo-\(UUID().uuidString)").path
        try files.copyItem(atPath: try DemoTemplate.directory.get(), toPath: directory)
        workspacePath = directory + "/" + WorkspaceLoader.defaultFileName
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func session() throws -> WorkspaceSession {
        try WorkspaceSession.open(path: workspacePath)
    }

    /// Rewrites the workspace file with `transform` applied to its text.
    func editWorkspace(_ transform: (String) -> String) throws {
        let text = try String(contentsOfFile: workspacePath, encoding: .utf8)
        try transform(text).write(toFile: workspacePath, atomically: true, encoding: .utf8)
    }
}

/// The demo workspace every fixture copies, made on first use and removed when the process exits.
private enum DemoTemplate {
    static let directory: Result<String, any Error> = Result {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("backflow-demo-template-\(ProcessInfo.processInfo.processIdentifier)").path
        try? FileManager.default.removeItem(atPath: path)
        _ = try WorkspaceScaffold.create(in: path, demo: true, replacing: false)
        atexit { DemoTemplate.removeAtExit() }
        return path
    }

    static func removeAtExit() {
        if case .success(let path) = directory { try? FileManager.default.removeItem(atPath: path) }
    }
}

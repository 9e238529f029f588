import Foundation

/// Paths in `backflow.yml` (a SQLite source's `path`, `settings.state_dir`) are relative to the
/// folder holding the workspace file, so a workspace works wherever it is checked out.
public enum WorkspacePaths {
    /// `path` unchanged when absolute, else joined to the folder of `workspaceFile`.
    public static func resolve(_ path: String, besideWorkspaceFile workspaceFile: String) -> String {
        if path.hasPrefix("/") { return path }
        let folder = URL(fileURLWithPath: workspaceFile).deletingLastPathComponent()
        return folder.appendingPathComponent(path).standardizedFileURL.path
    }
}

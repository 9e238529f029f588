import Foundation

/// Saves a ``Workspace`` to `backflow.yml`.
public enum WorkspaceWriter {
    /// The text Backflow would save. Comments are carried over from `originalText` (the file as it
    /// was loaded) for entries that still exist: the leading block, blocks above sections, entries
    /// and keys (mappings matched by name), end-of-line comments, and the comments closing the file.
    public static func render(_ workspace: Workspace, preservingFrom originalText: String?) -> String {
        WorkspaceYAMLRenderer.render(workspace, comments: originalText.map(WorkspaceComments.init(text:)) ?? WorkspaceComments())
    }

    /// Writes the workspace atomically: the text goes to a temporary file in the same folder, is
    /// flushed to disk, then renamed over `path`, so a reader sees the old file or the new one, never
    /// a part. The file keeps the permissions of the one it replaces. On failure nothing is left behind
    /// and the original is untouched.
    public static func save(_ workspace: Workspace, to path: String, preservingFrom originalText: String?) throws(WorkspaceSaveError) {
        try AtomicFileWrite.write(Array(render(workspace, preservingFrom: originalText).utf8), to: path)
    }
}

/// Why the workspace file could not be saved; the original file, if any, is unchanged.
public struct WorkspaceSaveError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    /// What was being done: "create a temporary file", "write", "flush to disk", "replace the file".
    public let step: String
    /// The system's explanation.
    public let reason: String

    public init(path: String, step: String, reason: String) {
        self.path = path
        self.step = step
        self.reason = reason
    }

    public var description: String { "cannot save \(path): could not \(step): \(reason)" }
}

import Foundation
import Yams

/// Reads `backflow.yml` into a ``Workspace``, reporting every problem it finds rather than the first.
public enum WorkspaceLoader {
    /// The conventional name of the workspace file.
    public static let defaultFileName = "backflow.yml"

    /// Loads the file at `path`; diagnostics name the file as `path` is written.
    public static func load(path: String) throws(WorkspaceLoadError) -> Workspace {
        try load(text: readText(path: path), file: path)
    }

    /// Loads the file and also returns its text, which ``WorkspaceWriter/save(_:to:preservingFrom:)``
    /// needs to keep the user's comments.
    public static func loadKeepingText(path: String) throws(WorkspaceLoadError) -> (workspace: Workspace, text: String) {
        let text = try readText(path: path)
        return (try load(text: text, file: path), text)
    }

    static func readText(path: String) throws(WorkspaceLoadError) -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .unreadable(
                path: path,
                reason: "there is no such file; create a workspace with `backflow init`, or name yours with -w FILE")
        }
        if isFolder.boolValue {
            throw .unreadable(
                path: path,
                reason: "it is a folder, not a file; name the workspace file in it, e.g. -w \(path)/\(defaultFileName)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = access(path, R_OK) == 0 ? (error as NSError).localizedDescription : "this user may not read it"
            throw .unreadable(path: path, reason: reason)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let location = SourceLocation(file: path, line: 1, column: 1)
            throw .invalid([WorkspaceDiagnostic(location: location, keyPath: "", message: "the workspace file is not UTF-8 text")])
        }
        return text
    }

    /// Loads workspace text; `file` is the name diagnostics show.
    public static func load(text: String, file: String = defaultFileName) throws(WorkspaceLoadError) -> Workspace {
        let root = try document(text: text, file: file)
        var decoder = WorkspaceDecoder(file: file)
        let workspace = decoder.decode(root: root)
        let diagnostics = decoder.reader.diagnostics
        guard diagnostics.isEmpty, let workspace else { throw .invalid(inFileOrder(diagnostics)) }
        return workspace
    }

    /// The composed YAML document of a workspace file that is not empty; a text that is not YAML
    /// at all (or only comments) fails here, with its line.
    static func document(text: String, file: String) throws(WorkspaceLoadError) -> Node {
        let start = SourceLocation(file: file, line: 1, column: 1)
        if let problem = YAMLShapeGuard.problem(in: text, file: file) { throw .invalid([problem]) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw .invalid([YAMLErrorDiagnostic.diagnostic(for: error, text: text, file: file)])
        } catch {
            throw .invalid([WorkspaceDiagnostic(location: start, keyPath: "", message: "invalid YAML: \(error)")])
        }
        guard let root, !isEmptyDocument(root) else {
            throw .invalid([WorkspaceDiagnostic(location: start, keyPath: "", message: "the workspace file is empty")])
        }
        return root
    }

    private static func isEmptyDocument(_ root: Node) -> Bool {
        guard let scalar = root.scalar, scalar.style == .plain || scalar.style == .any else { return false }
        return YAMLCoreSchema.isNull(scalar.string)
    }

    static func inFileOrder(_ diagnostics: [WorkspaceDiagnostic]) -> [WorkspaceDiagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            let left = (lhs.element.location.line, lhs.element.location.column, lhs.offset)
            let right = (rhs.element.location.line, rhs.element.location.column, rhs.offset)
            return left < right
        }.map(\.element)
    }
}

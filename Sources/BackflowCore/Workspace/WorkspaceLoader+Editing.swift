import Yams

/// One problem of a workspace file, with the mapping or destination it concerns, so an editor can
/// list it and take the user to it.
public struct WorkspaceProblem: Sendable, Equatable {
    /// What the problem is in, when it is a mapping or a destination (the entries an editor edits).
    public enum Subject: Sendable, Hashable {
        case mapping(String)
        case destination(String)
    }

    public var diagnostic: WorkspaceDiagnostic
    public var subject: Subject?

    public init(diagnostic: WorkspaceDiagnostic, subject: Subject?) {
        self.diagnostic = diagnostic
        self.subject = subject
    }
}

/// A workspace file read for editing: what of it could be read, and every problem the loader and
/// the catalog check find in it. Unlike ``WorkspaceLoader/load(path:)`` it does not refuse a file
/// with problems, so they can be fixed in the editor.
public struct WorkspaceForEditing: Sendable {
    /// The entries and values that could be read; an entry that could not (a mapping without its
    /// action, a destination whose key is not a mapping) is not in it.
    public var workspace: Workspace
    /// The file's text, whose comments a save keeps.
    public var text: String
    /// Every problem, in file order.
    public var problems: [WorkspaceProblem]
    /// The problems of the file that saving ``workspace`` would not carry over, because what they
    /// point at is not in it (an unknown key, an entry or a value that could not be read): saving
    /// leaves those parts out of the file.
    public var leftOutBySaving: [WorkspaceProblem]
}

extension WorkspaceLoader {
    /// Reads `path` for editing. Fails only when the file cannot be read, is not YAML, is empty or
    /// is not a mapping of sections at its top.
    public static func loadForEditing(path: String) throws(WorkspaceLoadError) -> WorkspaceForEditing {
        try loadForEditing(text: readText(path: path), file: path)
    }

    /// Reads workspace text for editing; `file` is the name its problems show. A problem whose
    /// entry or value is not in the workspace read is found by saving that workspace over the text
    /// and reading it again: the problems that do not come back are the ones a save leaves out.
    public static func loadForEditing(text: String, file: String) throws(WorkspaceLoadError) -> WorkspaceForEditing {
        let (workspace, problems) = try read(text: text, file: file)
        let kept = self.problems(of: workspace, savedOver: text, file: file)
        let leftOut = problems.filter { problem in
            !kept.contains { $0.subject == problem.subject && $0.diagnostic.message == problem.diagnostic.message }
        }
        return WorkspaceForEditing(workspace: workspace, text: text, problems: problems, leftOutBySaving: leftOut)
    }

    /// The problems `workspace` would have once saved over a file holding `text` (for its
    /// comments), with their places in the file as it would then be: what the editor checks after
    /// every change, by the loader and the catalog check themselves, so that what it saves loads.
    public static func problems(of workspace: Workspace, savedOver text: String?, file: String) -> [WorkspaceProblem] {
        let saved = WorkspaceWriter.render(workspace, preservingFrom: text)
        do {
            return try read(text: saved, file: file).problems
        } catch {
            return error.diagnostics.map { WorkspaceProblem(diagnostic: $0, subject: nil) }
        }
    }

    private static func read(text: String, file: String) throws(WorkspaceLoadError) -> (workspace: Workspace, problems: [WorkspaceProblem]) {
        let root = try document(text: text, file: file)
        var decoder = WorkspaceDecoder(file: file)
        guard let workspace = decoder.decode(root: root) else { throw .invalid(inFileOrder(decoder.reader.diagnostics)) }
        let diagnostics = inFileOrder(decoder.reader.diagnostics + WorkspaceCatalogCheck.diagnostics(for: workspace, file: file))
        let subjects = ProblemSubjects(root: root)
        return (workspace, diagnostics.map { WorkspaceProblem(diagnostic: $0, subject: subjects.subject(of: $0.keyPath)) })
    }
}

/// Finds the mapping or destination a diagnostic's key path is in: `mappings[2].fields.x` is the
/// third mapping of the file, by the name written there; `destinations.Segment.region` is the
/// destination `Segment`.
private struct ProblemSubjects {
    let mappingNames: [String?]
    let destinations: [String]

    init(root: Node) {
        let items = root.mapping?["mappings"]?.sequence.map(Array.init) ?? []
        mappingNames = items.map { $0.mapping?["name"]?.scalar?.string }
        destinations = root.mapping?["destinations"]?.mapping?.keys.compactMap(\.scalar?.string) ?? []
    }

    func subject(of keyPath: String) -> WorkspaceProblem.Subject? {
        if keyPath.hasPrefix("mappings["), let close = keyPath.firstIndex(of: "]"),
            let index = Int(keyPath[keyPath.index(keyPath.startIndex, offsetBy: 9)..<close]),
            mappingNames.indices.contains(index), let name = mappingNames[index]
        {
            return .mapping(name)
        }
        let named = destinations.filter { keyPath == "destinations.\($0)" || keyPath.hasPrefix("destinations.\($0).") }
        return named.max { $0.count < $1.count }.map { .destination($0) }
    }
}

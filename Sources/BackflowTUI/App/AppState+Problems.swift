import BackflowCore

/// The problems pane: open over the screen, with the problem under the cursor.
public struct ProblemsPaneState: Sendable, Hashable {
    public var isShowing = false
    public var selected = 0

    public init() {}
}

/// One row of the problems pane.
public struct ProblemRow: Sendable, Equatable {
    public var problem: WorkspaceProblem
    /// True when the next save leaves out what the problem points at (the editor could not hold it).
    public var isLeftOutBySaving: Bool
}

/// A workspace with problems opens anyway: the problems pane lists what the loader and the catalog
/// check find (file:line, key, message), Enter goes to the mapping or destination a problem is
/// in, and the list is found again after every change, so fixing a problem clears it. Saving a
/// workspace that still has problems asks first.
extension AppState {
    /// The editor on a workspace read for editing: the problems pane is open when it has problems.
    public init(
        opened: WorkspaceForEditing, workspacePath: String, maskedWriteKeys: [String: String],
        keymap: Keymap = .standard
    ) {
        self.init(
            workspace: opened.workspace, workspacePath: workspacePath, maskedWriteKeys: maskedWriteKeys, keymap: keymap)
        fileText = opened.text
        leftOutBySaving = opened.leftOutBySaving
        problems = opened.problems.filter { !opened.leftOutBySaving.contains($0) }
        problemsPane.isShowing = !problems.isEmpty || !leftOutBySaving.isEmpty
    }

    /// The pane's rows: what the next save leaves out first, then the problems it keeps.
    public var problemRows: [ProblemRow] {
        leftOutBySaving.map { ProblemRow(problem: $0, isLeftOutBySaving: true) }
            + problems.map { ProblemRow(problem: $0, isLeftOutBySaving: false) }
    }

    /// Finds the problems of the workspace in memory again, by the core's own loader and checks,
    /// in the file a save would write.
    mutating func recheckProblems() {
        problems = WorkspaceLoader.problems(of: workspace, savedOver: fileText, file: workspacePath)
        problemsPane.selected = min(problemsPane.selected, max(0, problemRows.count - 1))
    }

    /// After a save: the file now holds the workspace, nothing is left out any more, and the
    /// notice says whether problems remain in it.
    mutating func fileSaved(_ written: Workspace) {
        fileText = WorkspaceWriter.render(written, preservingFrom: fileText)
        leftOutBySaving = []
        recheckProblems()
        let count = problems.count
        notice = count == 0
            ? Notice("saved \(workspacePath)", role: .success)
            : Notice("saved \(workspacePath) with \(count) problem\(count == 1 ? "" : "s") (p lists them)", role: .warning)
    }

    /// `p`: the pane, open.
    mutating func showProblems() -> [Effect] {
        problemsPane.isShowing = true
        problemsPane.selected = min(problemsPane.selected, max(0, problemRows.count - 1))
        if problemRows.isEmpty { notice = Notice("no problems: the file loads as it is", role: .success) }
        return []
    }

    /// The pane's keys: the list moves, Enter goes to the problem, Esc (or `p`) closes it; `w`,
    /// `q`, `?` and `:` do what they do everywhere.
    mutating func handleProblemsKey(_ key: Key) -> [Effect] {
        notice = nil
        if let step = listStep(for: key) {
            problemsPane.selected = clamped(problemsPane.selected, step, count: problemRows.count)
            return []
        }
        switch key {
        case .enter:
            return goToSelectedProblem()
        case .escape, .character("p"):
            problemsPane.isShowing = false
            return []
        default:
            break
        }
        let command = keymap.command(for: key, on: screen)
        if let effects = commandOfEveryPlace(command) { return effects }
        switch command {
        case .save?: return save()
        case .quit?: return askToQuit()
        default: return []
        }
    }

    /// Enter on a problem: the form of the mapping or destination it is in, on the row it names.
    private mutating func goToSelectedProblem() -> [Effect] {
        guard let row = problemRows[safe: problemsPane.selected] else { return [] }
        let diagnostic = row.problem.diagnostic
        switch row.problem.subject {
        case .mapping(let name)?:
            if let mapping = workspace.mapping(named: name) {
                problemsPane.isShowing = false
                return openForm(of: mapping, at: Self.formRow(of: diagnostic))
            }
        case .destination(let name)?:
            if let index = workspace.destinations.firstIndex(where: { $0.name == name }) {
                problemsPane.isShowing = false
                overview.panel = .destinations
                overview.selectedDestination = index
                listFilters[.destinations] = nil
                return openDestination(workspace.destinations[index])
            }
        case nil:
            break
        }
        notice = Notice(
            "the editor cannot hold this part of the file: fix it at \(diagnostic.location) in a text editor"
                + (row.isLeftOutBySaving ? " (saving from here leaves it out)" : ""), role: .warning)
        return []
    }

    /// The form row a mapping's problem is on: `mappings[2].records` is the records row,
    /// `mappings[2].fields.traits` the traits field, and a structural error of the fields
    /// (`invalid mapping: /traits/email/@path …`) the field its path starts with.
    static func formRow(of diagnostic: WorkspaceDiagnostic) -> FormRow? {
        let keyPath = diagnostic.keyPath
        guard let close = keyPath.firstIndex(of: "]") else { return nil }
        let parts = keyPath[keyPath.index(after: close)...].split(separator: ".").map(String.init)
        guard let key = parts.first else { return nil }
        if key == "fields" {
            if parts.count > 1 { return .field(parts[1]) }
            let prefix = "invalid mapping: /"
            guard diagnostic.message.hasPrefix(prefix) else { return nil }
            return diagnostic.message.dropFirst(prefix.count).split(separator: "/").first.map { .field(String($0)) }
        }
        let setting = MappingSetting.allCases.first { $0.rawValue.replacingOccurrences(of: " ", with: "_") == key }
        return setting.map(FormRow.setting)
    }

    /// The problems a save would write, in a few words for its question; nil when there are none.
    var saveProblemSummary: String? {
        guard !problems.isEmpty || !leftOutBySaving.isEmpty else { return nil }
        var parts: [String] = []
        if let first = problems.first {
            let count = problems.count
            parts.append("\(count) problem\(count == 1 ? "" : "s") (\(first.diagnostic.keyPath): \(first.diagnostic.message))")
        }
        if !leftOutBySaving.isEmpty {
            let count = leftOutBySaving.count
            parts.append("\(count) part\(count == 1 ? "" : "s") of the file the editor cannot hold, which saving leaves out")
        }
        return parts.joined(separator: " and ")
    }
}

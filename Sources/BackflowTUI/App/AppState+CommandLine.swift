import BackflowCore

/// The `:` command line: typed commands run the same code as their keys, and Tab completes.
extension AppState {
    /// `:` on any screen.
    mutating func openCommandLine() -> [Effect] {
        prompt = TextPrompt(purpose: .command)
        return []
    }

    /// Tab in the command line.
    mutating func completeCommandLine() {
        guard var line = prompt, line.purpose == .command else { return }
        let (text, candidates) = CommandLineText.complete(line.text, mappings: workspace.mappings.map(\.name))
        line.text = text
        line.cursor = text.count
        line.completions = candidates.count > 1 ? candidates : []
        prompt = line
    }

    /// Enter in the command line.
    mutating func runCommandLine(_ text: String) -> [Effect] {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
        let command: TypedCommand
        do {
            command = try CommandLineText.parse(text)
        } catch {
            notice = Notice(error.description, role: .error)
            return []
        }
        switch command {
        case .write:
            if editor?.step == .form { return saveFromForm() }
            return destinationEditor == nil ? save() : saveFromDestinationForm()
        case .quit: return askToQuit()
        case .quitDiscarding:
            guard !syncs.isSyncing else { return askToQuit() }
            shouldQuit = true
        case .writeAndQuit:
            guard hasUnsavedChanges else { return askToQuit() }
            quitAfterSave = true
            return save()
        case .sync(let name):
            guard let mapping = mappingNamed(name) else { return [] }
            let effects = show(.syncs)
            return effects + requestSync(.sync([mapping]))
        case .reset(let name):
            guard let mapping = mappingNamed(name) else { return [] }
            let effects = show(.syncs)
            ask(.reset(mapping: mapping))
            return effects
        case .test(let argument):
            return testFromCommandLine(argument)
        case .help:
            showingHelp = true
            helpOffset = 0
        }
        return []
    }

    /// `:test`, `:test NAME` or `:test RECORD_ID`, on the Test Mapping screen.
    private mutating func testFromCommandLine(_ argument: String?) -> [Effect] {
        screen = .testMapping
        if let argument, let index = workspace.mappings.firstIndex(where: { $0.name == argument }) {
            test.selectedMapping = index
            test.recordID = nil
        } else {
            test.recordID = argument
        }
        return testSelectedMapping()
    }

    /// The mapping called `name` (ignoring case when that is not ambiguous); a notice when there is none.
    private mutating func mappingNamed(_ name: String) -> String? {
        if let exact = workspace.mapping(named: name) { return exact.name }
        let matching = workspace.mappings.filter { $0.name.lowercased() == name.lowercased() }
        if matching.count == 1 { return matching[0].name }
        notice = Notice("no mapping named \(name) (Tab completes names)", role: .error)
        return nil
    }
}

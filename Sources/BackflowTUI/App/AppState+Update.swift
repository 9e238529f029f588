import BackflowCore

extension AppState {
    /// The state machine: applies one event and returns the work to do next. Pure, so tests send
    /// keys and events and assert the state without a terminal.
    public mutating func update(_ event: AppEvent) -> [Effect] {
        switch event {
        case .key(let key):
            return handle(key)
        case .terminate:
            guard syncs.isSyncing else {
                shouldQuit = true
                return []
            }
            return stopSyncToQuit(.signal)
        case .previewLoaded(let model, let preview):
            guard model == models.previewModel else { return [] }
            if models.preview.value?.records.count ?? 0 > preview.value?.records.count ?? 0 { models.openRow = nil }
            models.preview = preview
            models.firstRow = min(models.firstRow, lastFirstRow)
            models.selectedRow = min(models.selectedRow, max(0, (preview.value?.records.count ?? 0) - 1))
            return []
        case .resized(let width, let height):
            screenWidth = width
            screenHeight = height
            return []
        case .writeKeysMasked(let masked):
            maskedWriteKeys = masked
            return []
        case .clockTicked(let time):
            now = time
            return [.checkWorkspaceFile]
        case .fileChangedOutside(let saving):
            return fileChangedOutside(whileSaving: saving)
        case .reloaded(let loaded):
            return reloaded(loaded)
        case .fileDiff(let text):
            return [.terminal(.page(text))]
        case .testFinished(let outcome):
            test.outcome = outcome
            resetViewer(\.test.viewer)
            resetViewer(\.test.recordViewer)
            return []
        case .historyLoaded(let runs, let last):
            syncs.runs = runs
            lastRuns = last
            syncs.selectedRun = min(syncs.selectedRun, max(0, runs.count - 1))
            return []
        case .runFailuresLoaded(let failures):
            syncs.failures = failures
            syncs.selectedFailure = 0
            syncs.expandedFailureGroups = []
            syncs.failureFilter = ""
            resetViewer(\.syncs.viewer)
            return []
        case .sync(let syncEvent):
            return applySync(syncEvent)
        case .syncCouldNotStart(let reason):
            syncs.pending = []
            notice = Notice("sync not started: \(reason)", role: .error)
            return []
        case .syncEnded:
            syncs.pending = []
            switch quitAfterSync {
            case nil: return []
            case .signal: shouldQuit = true
            case .user: return askToQuit()
            }
            return []
        case .problem(let reason):
            notice = Notice(reason, role: .error)
            return []
        case .saved(let written):
            savedWorkspace = written
            fileSaved(written)
            if quitAfterSave { shouldQuit = true }
            guard let request = syncAfterSave else { return [] }
            syncAfterSave = nil
            return startSync(request)
        case .draftTested(let outcome):
            editor?.test = outcome
            return []
        case .saveFailed(let reason):
            quitAfterSave = false
            let notSynced = syncAfterSave.map { _ in "; nothing was synced" } ?? ""
            syncAfterSave = nil
            notice = Notice(reason + notSynced, role: .error)
            return []
        }
    }

    private mutating func handle(_ key: Key) -> [Effect] {
        if case .mouse(let event) = key { return handleMouse(event) }
        if prompt != nil { return handlePrompt(key) }
        if confirmingQuit { return answerQuit(key) }
        if let question = confirmation { return answerConfirmation(question, key) }
        let command = keymap.command(for: key, on: screen, pane: focusedPane)
        if showingHelp {
            if let step = listStep(for: key) {
                helpOffset = clamped(helpOffset, step, count: helpLines.count)
                return []
            }
            if command == .quit, editor == nil, destinationEditor == nil { return askToQuit() }
            showingHelp = false
            return []
        }
        if editor != nil { return handleEditorKey(key) }
        if destinationEditor != nil { return handleDestinationKey(key) }
        if problemsPane.isShowing { return handleProblemsKey(key) }
        guard let command else { return [] }
        notice = nil
        switch command {
        case .quit: return askToQuit()
        case .save: return save()
        case .undo: return undo()
        case .redo: return redo()
        case .toggleHelp: showingHelp = true; helpOffset = 0
        case .showProblems: return showProblems()
        case .commandLine: return openCommandLine()
        case .nextScreen: return show(screen.next)
        case .previousScreen: return show(screen.previous)
        case .showOverview: return show(.overview)
        case .showModels: return show(.models)
        case .showTestMapping: return show(.testMapping)
        case .showSyncs: return show(.syncs)
        case .suspend: return [.terminal(.suspend)]
        case .filter where focusedPane == .list && screen != .models: openListFilter()
        default:
            return screenCommand(command)
        }
        return []
    }

    /// Switches screen and asks for what the new screen needs when it has not been loaded yet.
    mutating func show(_ target: Screen) -> [Effect] {
        screen = target
        switch target {
        case .overview: return []
        case .models: return models.preview == .notLoaded ? loadSelectedPreview() : []
        case .testMapping: return test.outcome == .notLoaded ? testSelectedMapping() : []
        case .syncs: return [.loadHistory]
        }
    }

    private mutating func handlePrompt(_ key: Key) -> [Effect] {
        guard var editing = prompt else { return [] }
        switch key {
        case .escape:
            prompt = nil
            if editing.purpose == .columnFilter { models.columnFilter = "" }
            if editing.purpose == .search { searchTyped("") }
            if case .listFilter(let list) = editing.purpose { listFilterTyped("", on: list) }
            if editing.purpose == .mappingName, var open = editor, open.step == .name {
                open.step = .records
                open.selected = RecordSelection.allCases.firstIndex(of: open.draft.records) ?? 0
                editor = open
            }
            return []
        case .enter:
            prompt = nil
            if editing.purpose == .command { return runCommandLine(editing.text) }
            if editing.purpose == .listFilter(.mappings(.testMapping)),
                test.outcome.value?.mapping != workspace.mappings[safe: test.selectedMapping]?.name
            {
                return testSelectedMapping()
            }
            if editor != nil { return editorPromptEntered(editing.purpose, text: editing.text) }
            if case .destinationValue(let row) = editing.purpose { return destinationValueEntered(row, text: editing.text) }
            if editing.purpose == .recordID {
                test.recordID = editing.text.isEmpty ? nil : editing.text
                return testSelectedMapping()
            }
            return []
        case .tab where editing.purpose == .command:
            completeCommandLine()
            return []
        default:
            guard editing.edit(key) else { return [] }
            editing.completions = []
        }
        prompt = editing
        switch editing.purpose {
        case .columnFilter:
            models.columnFilter = editing.text
            models.firstColumn = 0
        case .search: searchTyped(editing.text)
        case .listFilter(let list): listFilterTyped(editing.text, on: list)
        default: break
        }
        return []
    }
}

extension Screen {
    var next: Screen {
        let all = Screen.allCases
        return all[(all.firstIndex(of: self).map { $0 + 1 } ?? 0) % all.count]
    }

    var previous: Screen {
        let all = Screen.allCases
        return all[((all.firstIndex(of: self) ?? 0) + all.count - 1) % all.count]
    }
}

/// `value` moved by `step` and kept within `0..<count`.
func clamped(_ value: Int, _ step: Int, count: Int) -> Int {
    max(0, min(count - 1, value + step))
}

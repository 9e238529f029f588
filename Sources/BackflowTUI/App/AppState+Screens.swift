import BackflowCore

/// How far PgUp and PgDn move.
let pageStep = 10

/// What each screen does with the commands the keymap gives it.
extension AppState {
    mutating func overviewCommand(_ command: Command) -> [Effect] {
        let actsOnSelection: Set<Command> = [.toggleEnabled, .editMapping, .deleteMapping, .duplicateMapping]
        if actsOnSelection.contains(command), !overviewShowsTheRow(command) {
            notice = Notice("nothing is selected: the filter hides every row (/ then Esc clears it)", role: .muted)
            return []
        }
        switch command {
        case .switchPanel:
            overview.panel = overview.panel == .mappings ? .destinations : .mappings
        case _ where movement(command) != 0:
            let step = movement(command)
            switch overview.panel {
            case .destinations:
                overview.selectedDestination = moved(overview.selectedDestination, by: step, among: visibleDestinations())
            case .mappings:
                overview.selectedMapping = moved(overview.selectedMapping, by: step, among: visibleMappings(on: .overview))
            }
        case .refresh:
            return [.loadHistory]
        case .toggleEnabled:
            return toggleEnabled()
        case .newMapping:
            return overview.panel == .destinations ? openNewDestination() : openNewMapping()
        case .editMapping:
            guard overview.panel == .destinations else { return openSelectedMapping() }
            guard let destination = workspace.destinations[safe: overview.selectedDestination] else { return [] }
            return openDestination(destination)
        case .deleteMapping:
            return askToDeleteSelectedMapping()
        case .duplicateMapping:
            return duplicateSelectedMapping()
        default:
            break
        }
        return []
    }

    /// Whether the overview shows the row `command` acts on (a filter may hide every row): the
    /// selected destination for Space and `e` in the destinations list, else the selected mapping.
    private func overviewShowsTheRow(_ command: Command) -> Bool {
        overview.panel == .destinations && (command == .toggleEnabled || command == .editMapping)
            ? visibleDestinations().contains(overview.selectedDestination)
            : visibleMappings(on: .overview).contains(overview.selectedMapping)
    }

    mutating func modelsCommand(_ command: Command) -> [Effect] {
        if models.openRow != nil, command.actsOnPayload { return payloadCommand(command) }
        switch command {
        case _ where movement(command) != 0:
            if models.browsingRows { return scrollRows(command) }
            let step = movement(command)
            let before = models.selectedModel
            models.selectedModel = clamped(models.selectedModel, step, count: workspace.models.count)
            return models.selectedModel == before ? [] : loadSelectedPreview()
        case .moveLeft:
            models.firstColumn = max(0, models.firstColumn - 1)
        case .moveRight:
            let columns = filteredColumns(models.preview.value?.columns ?? []).count
            models.firstColumn = clamped(models.firstColumn, 1, count: columns)
        case .select:
            if models.browsingRows, models.preview.value?.records.indices.contains(models.selectedRow) == true {
                models.openRow = models.selectedRow
                resetViewer(\.models.rowViewer)
            }
            models.browsingRows = true
        case .back:
            if models.openRow != nil {
                models.openRow = nil
            } else if !models.columnFilter.isEmpty {
                models.columnFilter = ""
            } else {
                models.browsingRows = false
            }
        case .filter:
            prompt = TextPrompt(purpose: .columnFilter, text: models.columnFilter)
        default:
            break
        }
        return []
    }

    mutating func testMappingCommand(_ command: Command) -> [Effect] {
        if test.pane != .mappings, command.actsOnPayload { return payloadCommand(command) }
        switch command {
        case .switchPanel:
            switch test.pane {
            case .mappings: test.pane = .message
            case .message: test.pane = .record
            case .record: test.pane = .mappings
            }
        case _ where movement(command) != 0:
            let before = test.selectedMapping
            test.selectedMapping = moved(test.selectedMapping, by: movement(command), among: visibleMappings(on: .testMapping))
            guard test.selectedMapping != before else { return [] }
            test.recordID = nil
            return testSelectedMapping()
        case .select:
            return testSelectedMapping()
        case .chooseRecord:
            prompt = TextPrompt(purpose: .recordID, text: test.recordID ?? "")
        case .back:
            test.recordID = nil
            return testSelectedMapping()
        default:
            break
        }
        return []
    }

    mutating func syncsCommand(_ command: Command) -> [Effect] {
        if syncs.panel == .payload, command.actsOnPayload { return payloadCommand(command) }
        switch command {
        case .switchPanel:
            syncs.panel = nextSyncsPanel
        case _ where movement(command) != 0:
            let step = movement(command)
            if syncs.panel == .mappings {
                syncs.selectedMapping = moved(syncs.selectedMapping, by: step, among: visibleMappings(on: .syncs))
            } else if syncs.failures != .notLoaded {
                let count = syncs.failureRows.count
                let before = syncs.selectedFailure
                syncs.selectedFailure = clamped(syncs.selectedFailure, step, count: count)
                if syncs.selectedFailure != before { resetViewer(\.syncs.viewer) }
            } else {
                syncs.selectedRun = moved(syncs.selectedRun, by: step, among: visibleRuns())
            }
        case .select where syncs.panel == .runs && syncs.failures.value != nil:
            syncs.toggleSelectedFailureGroup()
        case .select:
            guard syncs.panel == .runs, let run = syncs.runs[safe: syncs.selectedRun] else { return [] }
            syncs.failures = .loading
            return [.loadRunFailures(runID: run.id)]
        case .back where !syncs.failureFilter.isEmpty && syncs.failures != .notLoaded:
            listFilterTyped("", on: .failures)
        case .back:
            syncs.failures = .notLoaded
            if syncs.panel == .payload { syncs.panel = .runs }
        case .syncSelected:
            guard let mapping = syncsTarget else { return [] }
            return requestSync(.sync([mapping]))
        case .retryRun:
            guard let mapping = syncsTarget else { return [] }
            ask(.retry(mapping: mapping))
        case .resetMapping:
            guard let mapping = syncsTarget else { return [] }
            ask(.reset(mapping: mapping))
        case .syncAll:
            return requestSync(.sync(workspace.mappings.filter { mapping in
                mapping.enabled && workspace.destination(named: mapping.destination)?.enabled != false
            }.map(\.name)))
        case .refresh:
            return [.loadHistory]
        default:
            break
        }
        return []
    }

    mutating func loadSelectedPreview() -> [Effect] {
        guard let model = workspace.models[safe: models.selectedModel] else { return [] }
        models.previewModel = model.name
        models.preview = .loading
        models.firstRow = 0
        models.selectedRow = 0
        models.openRow = nil
        models.firstColumn = 0
        models.rowLimit = rowsPerLoad
        return [.loadPreview(model: model.name, limit: models.rowLimit)]
    }

    mutating func testSelectedMapping() -> [Effect] {
        guard let mapping = workspace.mappings[safe: test.selectedMapping] else { return [] }
        test.outcome = .loading
        return [.testMapping(mapping: mapping.name, recordID: test.recordID)]
    }

    mutating func ask(_ question: Confirmation) {
        confirmation = question
        notice = Notice(question.question, role: .warning)
    }

    /// The mapping `s`, `t` and `R` act on: the selected run's when the runs list or an open run's
    /// payload has the keys, the selected mapping's otherwise.
    private var syncsTarget: String? {
        syncs.panel == .mappings
            ? workspace.mappings[safe: syncs.selectedMapping]?.name : syncs.runs[safe: syncs.selectedRun]?.mapping
    }

    /// `o` on the Syncs screen: mappings, runs, and an open run's payload when there is one.
    private var nextSyncsPanel: SyncsState.Panel {
        switch syncs.panel {
        case .mappings: return .runs
        case .runs: return syncs.failures.value?.errors.isEmpty == false ? .payload : .mappings
        case .payload: return .mappings
        }
    }

    /// `y` does what was asked; any other key leaves things as they are. The question about unsaved
    /// edits also takes `s`, to save before syncing; quitting during a sync has answers of its own.
    mutating func answerConfirmation(_ question: Confirmation, _ key: Key) -> [Effect] {
        confirmation = nil
        switch question {
        case .syncWithUnsavedEdits(let request) where key == .character("s"):
            syncAfterSave = request
            return save()
        case .quitDuringSync:
            return answerQuitDuringSync(key)
        case .fileChangedOutside(let saving):
            return answerOutsideChange(key, whileSaving: saving)
        case .saveWithProblems where key != .character("y"):
            quitAfterSave = false
            syncAfterSave = nil
            if key == .character("p") { return showProblems() }
            notice = Notice("nothing done", role: .muted)
            return []
        case _ where key != .character("y"):
            notice = Notice("nothing done", role: .muted)
            return []
        case .retry(let mapping):
            return requestSync(.sync([mapping]))
        case .reset(let mapping):
            return requestSync(.reset(mapping))
        case .syncWithUnsavedEdits(let request):
            return syncSavedFile(request)
        case .deleteMapping(let name):
            return deleteMapping(named: name)
        case .undoSavedEdit:
            return undoConfirmed()
        case .saveWithProblems:
            return writeFile()
        }
    }

    /// Starts `request`, asking first when the workspace has unsaved edits.
    mutating func requestSync(_ request: SyncRequest) -> [Effect] {
        guard !syncs.isSyncing else {
            notice = Notice("a sync is already running; wait for it to finish", role: .warning)
            return []
        }
        guard !request.mappings.isEmpty else {
            notice = Notice("no enabled mapping to sync", role: .warning)
            return []
        }
        if hasUnsavedChanges {
            ask(.syncWithUnsavedEdits(request))
            return []
        }
        return startSync(request)
    }

    /// Syncs the workspace as the file holds it, leaving the edits in memory as they are: the runner
    /// takes the workspace a sync uses when the sync starts, so it is given the saved one for that
    /// moment and the edited one back right after.
    private mutating func syncSavedFile(_ request: SyncRequest) -> [Effect] {
        let unsaved = request.mappings.filter { savedWorkspace.mapping(named: $0) == nil }
        guard unsaved.isEmpty else {
            notice = Notice(
                "\(unsaved.joined(separator: ", ")) is not in the saved file yet: w saves it, then sync", role: .warning)
            return []
        }
        let effects = startSync(request)
        guard !effects.isEmpty else { return [] }
        notice = Notice("syncing the saved file (your edits are not in it)…", role: .muted)
        return [.useWorkspace(savedWorkspace)] + effects + [.useWorkspace(workspace)]
    }

    mutating func startSync(_ request: SyncRequest) -> [Effect] {
        guard !syncs.isSyncing else { return [] }
        let names = request.mappings
        syncs.pending = names
        syncs.live = names.map { SyncProgress(mapping: $0) }
        syncs.runErrors = [:]
        syncs.retries = [:]
        syncs.failures = .notLoaded
        notice = Notice("syncing \(names.count == 1 ? names[0] : "\(names.count) mappings")…", role: .muted)
        switch request {
        case .sync(let names): return [.startSync(mappings: names)]
        case .reset(let name): return [.resetAndSync(mapping: name)]
        }
    }

    mutating func applySync(_ event: SyncEvent) -> [Effect] {
        switch event {
        case .progress(let progress):
            replaceLive(progress)
        case .retrying(let mapping, let retry):
            syncs.retries[mapping, default: RetryTally()].record(retry)
        case .notice(let text):
            notice = Notice(text, role: .warning)
        case .finished(let result):
            replaceLive(result.progress)
            syncs.pending.removeAll { $0 == result.mapping }
            if let failure = result.runError {
                syncs.runErrors[result.mapping] = failure
                notice = Notice("\(result.mapping) \(failure.summary)", role: failure.role)
            } else if syncs.pending.isEmpty {
                notice = batchFinishedNotice()
            }
            return [.loadHistory]
        }
        return []
    }

    /// The notice at the end of a batch: green only when no mapping failed as a whole and no record failed.
    private func batchFinishedNotice() -> Notice {
        let failedMappings = syncs.live.map(\.mapping).filter { syncs.runErrors[$0] != nil }
        if !failedMappings.isEmpty {
            return Notice(
                "sync finished; failed as a whole: \(failedMappings.joined(separator: ", ")) (Last sync says why)",
                role: .error)
        }
        let failed = syncs.live.reduce(0) { $0 + $1.failed }
        return failed == 0
            ? Notice("sync finished", role: .success)
            : Notice("sync finished with \(failed) failed record\(failed == 1 ? "" : "s")", role: .warning)
    }

    private mutating func replaceLive(_ progress: SyncProgress) {
        if let index = syncs.live.firstIndex(where: { $0.mapping == progress.mapping }) {
            syncs.live[index] = progress
        } else {
            syncs.live.append(progress)
        }
    }

    /// The preview's columns whose names contain the filter, ignoring case.
    public func filteredColumns(_ columns: [ModelColumn]) -> [ModelColumn] {
        let filter = models.columnFilter.lowercased()
        return filter.isEmpty ? columns : columns.filter { $0.name.lowercased().contains(filter) }
    }

    /// How far `key` moves the cursor of a list or a pop-up, by the keymap's movement commands, so
    /// every list answers ↑/↓, j/k, PgUp/PgDn and Home/End alike; nil for any other key.
    func listStep(for key: Key) -> Int? {
        guard let command = keymap.command(for: key, on: screen) else { return nil }
        let step = movement(command)
        return step == 0 ? nil : step
    }

    func movement(_ command: Command) -> Int {
        switch command {
        case .moveUp: return -1
        case .moveDown: return 1
        case .pageUp: return -pageStep
        case .pageDown: return pageStep
        case .halfPageUp: return -pageStep / 2
        case .halfPageDown: return pageStep / 2
        case .moveToTop: return -Int(Int32.max)
        case .moveToBottom: return Int(Int32.max)
        default: return 0
        }
    }
}

import BackflowCore

/// How far PgUp and PgDn move.
let pageStep = 10

/// What each screen does with the commands the keymap gives it.
extension AppState {
    mutating func overviewCommand(_ command: Command) -> [Effect] {
        switch command {
        case .switchPanel:
            overview.panel = overview.panel == .mappings ? .destinations : .mappings
        case .moveUp, .moveDown, .pageUp, .pageDown, .moveToTop, .moveToBottom:
            let step = movement(command)
            switch overview.panel {
            case .destinations:
                overview.selectedDestination = clamped(
                    overview.selectedDestination, step, count: workspace.destinations.count)
            case .mappings:
                overview.selectedMapping = clamped(overview.selectedMapping, step, count: workspace.mappings.count)
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

    mutating func modelsCommand(_ command: Command) -> [Effect] {
        switch command {
        case .moveUp, .moveDown, .pageUp, .pageDown, .moveToTop, .moveToBottom:
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
            models.browsingRows = true
        case .back:
            if !models.columnFilter.isEmpty {
                models.columnFilter = ""
            } else {
                models.browsingRows = false
            }
        case .filterColumns:
            prompt = TextPrompt(purpose: .columnFilter, text: models.columnFilter)
        default:
            break
        }
        return []
    }

    mutating func testMappingCommand(_ command: Command) -> [Effect] {
        switch command {
        case .moveUp, .moveDown, .moveToTop, .moveToBottom:
            let before = test.selectedMapping
            test.selectedMapping = clamped(test.selectedMapping, movement(command), count: workspace.mappings.count)
            guard test.selectedMapping != before else { return [] }
            test.recordID = nil
            return testSelectedMapping()
        case .pageUp:
            test.messageOffset = max(0, test.messageOffset - pageStep)
        case .pageDown:
            let lines = test.outcome.value?.message.map { JSONLines.lines(.object($0)).count } ?? 0
            test.messageOffset = min(test.messageOffset + pageStep, max(0, lines - 1))
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
        switch command {
        case .switchPanel:
            syncs.panel = syncs.panel == .mappings ? .runs : .mappings
        case .moveUp, .moveDown, .pageUp, .pageDown, .moveToTop, .moveToBottom:
            let step = movement(command)
            if syncs.failures != .notLoaded {
                let count = syncs.failures.value?.errors.count ?? 0
                syncs.failureOffset = clamped(syncs.failureOffset, step, count: count)
            } else if syncs.panel == .mappings {
                syncs.selectedMapping = clamped(syncs.selectedMapping, step, count: workspace.mappings.count)
            } else {
                syncs.selectedRun = clamped(syncs.selectedRun, step, count: syncs.runs.count)
            }
        case .select:
            guard syncs.panel == .runs, let run = syncs.runs[safe: syncs.selectedRun] else { return [] }
            syncs.failures = .loading
            return [.loadRunFailures(runID: run.id)]
        case .back:
            syncs.failures = .notLoaded
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

    /// The mapping `s`, `t` and `R` act on: the selected run's when the runs list has the keys (or
    /// one run's failed records are open), the selected mapping's otherwise.
    private var syncsTarget: String? {
        syncs.panel == .runs
            ? syncs.runs[safe: syncs.selectedRun]?.mapping : workspace.mappings[safe: syncs.selectedMapping]?.name
    }

    /// `y` does what was asked; any other key leaves things as they are. The question about unsaved
    /// edits also takes `s`, to save before syncing.
    mutating func answerConfirmation(_ question: Confirmation, _ key: Key) -> [Effect] {
        confirmation = nil
        if case .syncWithUnsavedEdits(let request) = question, key == .character("s") {
            syncAfterSave = request
            return save()
        }
        if case .saveWithProblems = question, key != .character("y") {
            quitAfterSave = false
            syncAfterSave = nil
            if key == .character("p") { return showProblems() }
        }
        guard key == .character("y") else {
            notice = Notice("nothing done", role: .muted)
            return []
        }
        switch question {
        case .retry(let mapping):
            return requestSync(.sync([mapping]))
        case .reset(let mapping):
            return requestSync(.reset(mapping))
        case .stopSyncAndQuit:
            return syncs.isSyncing ? stopSyncToQuit(.user) : askToQuit()
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
        case .retrying:
            break
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
        case .moveToTop: return -Int(Int32.max)
        case .moveToBottom: return Int(Int32.max)
        default: return 0
        }
    }
}

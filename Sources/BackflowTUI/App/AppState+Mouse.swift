import BackflowCore

/// The mouse: a click on a tab shows its screen, a click in a pane gives it the keys and selects the
/// row under the pointer, and the wheel scrolls the pane under the pointer. Each does what the keys
/// do (the same selection, the same loads), found from the views' own layouts.
extension AppState {
    /// How many lines one notch of the wheel scrolls.
    static let wheelLines = 3

    mutating func handleMouse(_ event: MouseEvent) -> [Effect] {
        guard prompt == nil, confirmation == nil, !confirmingQuit else { return [] }
        if showingHelp {
            let step = event.action == .wheelUp ? -Self.wheelLines : event.action == .wheelDown ? Self.wheelLines : 0
            helpOffset = clamped(helpOffset, step, count: helpLines.count)
            return []
        }
        // The forms and the problems pane are drawn over the screen: a click must not reach the
        // panes hidden under them.
        if let effects = handleOverlayMouse(event) { return effects }
        if event.action == .click, event.y == 0 {
            guard let tab = AppView.tabs.first(where: { $0.columns.contains(event.x) }) else { return [] }
            return show(tab.screen)
        }
        guard let target = paneTarget(at: event) else { return [] }
        focus(target.pane)
        var effects: [Effect] = []
        switch event.action {
        case .click:
            if let row = target.row { effects += select(row, in: target.pane) }
        case .wheelUp, .wheelDown:
            let command: Command = event.action == .wheelUp ? .moveUp : .moveDown
            for _ in 0..<Self.wheelLines { effects += screenCommand(command) }
        }
        return effects
    }

    /// The panes a click can land in.
    enum MousePane: Equatable {
        case destinations, mappings, models, modelRows, testList, testMessage, testRecord, syncsMappings, syncsRuns,
            failures, payload
    }

    /// The pane under the pointer and, for a list, the index (in the whole list) of the row under it.
    private func paneTarget(at event: MouseEvent) -> (pane: MousePane, row: Int?)? {
        let body = self.body
        let point = (x: event.x, y: event.y)
        func inside(_ rect: Rect) -> Bool {
            point.x >= rect.x && point.x < rect.maxX && point.y >= rect.y && point.y < rect.maxY
        }
        /// The row of a list drawn from `top`, `visible` rows high, scrolled as the views scroll it.
        func row(top: Int, visible: Int, selected: Int?, indexes: [Int]) -> Int? {
            let first = scrollOffset(selected: selected ?? 0, current: 0, visible: visible)
            return indexes[safe: first + point.y - top]
        }
        switch screen {
        case .overview:
            let layout = OverviewView.layout(self, in: body)
            if inside(layout.destinations) {
                let table = layout.destinations.inner
                return (.destinations, row(top: table.y + 1, visible: table.height - 1,
                    selected: visibleDestinations().firstIndex(of: overview.selectedDestination),
                    indexes: visibleDestinations()))
            }
            guard inside(layout.mappings) else { return nil }
            let visible = visibleMappings(on: .overview)
            return (.mappings, row(top: layout.mappingsTable.y + 1, visible: layout.mappingsTable.height - 1,
                selected: visible.firstIndex(of: overview.selectedMapping), indexes: visible))
        case .models:
            let layout = ModelBrowserView.layout(in: body)
            if inside(layout.list) {
                let list = layout.list.inner
                return (.models, row(top: list.y, visible: list.height, selected: models.selectedModel,
                    indexes: Array(workspace.models.indices)))
            }
            return inside(layout.detail) ? (.modelRows, nil) : nil
        case .testMapping:
            let layout = TestMappingView.layout(self, in: body)
            if inside(layout.message) { return (.testMessage, nil) }
            if inside(layout.record) { return (.testRecord, nil) }
            guard inside(layout.list) else { return nil }
            let visible = visibleMappings(on: .testMapping)
            return (.testList, row(top: layout.list.inner.y, visible: layout.list.inner.height,
                selected: visible.firstIndex(of: test.selectedMapping), indexes: visible))
        case .syncs:
            let layout = SyncsView.layout(self, in: body)
            if inside(layout.list) {
                let visible = visibleMappings(on: .syncs)
                return (.syncsMappings, row(top: layout.list.inner.y, visible: layout.list.inner.height,
                    selected: visible.firstIndex(of: syncs.selectedMapping), indexes: visible))
            }
            if let payload = layout.payload, inside(payload) { return (.payload, nil) }
            if let failures = layout.failures, inside(failures) {
                let list = SyncsView.failureListArea(self, in: failures)
                let count = syncs.failureRows.count
                return (.failures, row(top: list.y, visible: list.height, selected: syncs.selectedFailure,
                    indexes: Array(0..<count)))
            }
            guard inside(layout.lower), syncs.failures == .notLoaded else { return nil }
            let table = layout.lower.inner
            let visible = visibleRuns()
            return (.syncsRuns, row(top: table.y + 1, visible: table.height - 1,
                selected: visible.firstIndex(of: syncs.selectedRun), indexes: visible))
        }
    }

    /// Gives `pane` the keys, as `o` (or Enter on the model rows) would.
    private mutating func focus(_ pane: MousePane) {
        switch pane {
        case .destinations: overview.panel = .destinations
        case .mappings: overview.panel = .mappings
        case .models: models.browsingRows = false
        case .modelRows: models.browsingRows = true
        case .testList: test.pane = .mappings
        case .testMessage: test.pane = .message
        case .testRecord: test.pane = .record
        case .syncsMappings: syncs.panel = .mappings
        case .syncsRuns, .failures: syncs.panel = .runs
        case .payload: syncs.panel = .payload
        }
    }

    /// Selects `row` of `pane`'s list, loading what the selection shows as the keys would.
    private mutating func select(_ row: Int, in pane: MousePane) -> [Effect] {
        switch pane {
        case .destinations: overview.selectedDestination = row
        case .mappings: overview.selectedMapping = row
        case .models:
            guard row != models.selectedModel else { return [] }
            models.selectedModel = row
            return loadSelectedPreview()
        case .testList:
            guard row != test.selectedMapping else { return [] }
            test.selectedMapping = row
            test.recordID = nil
            return testSelectedMapping()
        case .syncsMappings: syncs.selectedMapping = row
        case .syncsRuns: syncs.selectedRun = row
        case .failures:
            guard row != syncs.selectedFailure else { return [] }
            syncs.selectedFailure = row
            resetViewer(\.syncs.viewer)
        case .modelRows, .testMessage, .testRecord, .payload: break
        }
        return []
    }

    /// A command as the current screen takes it (the wheel's movement).
    mutating func screenCommand(_ command: Command) -> [Effect] {
        switch screen {
        case .overview: return overviewCommand(command)
        case .models: return modelsCommand(command)
        case .testMapping: return testMappingCommand(command)
        case .syncs: return syncsCommand(command)
        }
    }
}

import BackflowCore

/// `/` on a list: the mappings (on the overview, Test Mapping and Syncs, where the runs of the
/// shown mappings are kept too) narrow to those whose name contains the text, ignoring case. The
/// selection stays an index into the workspace, so every action works on a filtered list as on
/// the whole one.
extension AppState {
    /// The filter typed on `screen`, empty when there is none.
    func listFilter(on screen: Screen) -> String { listFilters[screen] ?? "" }

    /// Indexes of the mappings `screen` shows under its filter.
    public func visibleMappings(on screen: Screen) -> [Int] {
        let filter = listFilter(on: screen).lowercased()
        return workspace.mappings.indices.filter { filter.isEmpty || workspace.mappings[$0].name.lowercased().contains(filter) }
    }

    /// Indexes of the runs the Syncs screen shows under its filter.
    public func visibleRuns() -> [Int] {
        let filter = listFilter(on: .syncs).lowercased()
        return syncs.runs.indices.filter { filter.isEmpty || syncs.runs[$0].mapping.lowercased().contains(filter) }
    }

    /// `selected` moved by `step` among `visible` (indexes into the whole list); the first visible
    /// one when `selected` is filtered out; unchanged when nothing is visible.
    func moved(_ selected: Int, by step: Int, among visible: [Int]) -> Int {
        guard !visible.isEmpty else { return selected }
        guard let position = visible.firstIndex(of: selected) else { return visible[0] }
        return visible[clamped(position, step, count: visible.count)]
    }

    /// `/` on a screen's list.
    mutating func openListFilter() {
        if screen == .overview { overview.panel = .mappings }
        prompt = TextPrompt(purpose: .listFilter, text: listFilter(on: screen))
    }

    /// The filter's text changed: the selection moves onto a row still shown.
    mutating func listFilterTyped(_ text: String) {
        listFilters[screen] = text.isEmpty ? nil : text
        let mappings = visibleMappings(on: screen)
        switch screen {
        case .overview: overview.selectedMapping = moved(overview.selectedMapping, by: 0, among: mappings)
        case .testMapping: test.selectedMapping = moved(test.selectedMapping, by: 0, among: mappings)
        case .syncs:
            syncs.selectedMapping = moved(syncs.selectedMapping, by: 0, among: mappings)
            syncs.selectedRun = moved(syncs.selectedRun, by: 0, among: visibleRuns())
        case .models: break
        }
    }
}

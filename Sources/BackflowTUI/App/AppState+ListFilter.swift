import BackflowCore

/// A list `/` narrows: a screen's mappings (on Syncs the runs of the shown mappings too), the
/// overview's destinations, or the failed records of the run open on Syncs.
public enum FilteredList: Sendable, Hashable {
    case mappings(Screen)
    case destinations
    case failures
}

/// `/` on a list: its rows narrow to those containing the text, ignoring case (mappings by name,
/// destinations by name, type or region, failed records by record id, reason or code). The
/// selection stays an index into the whole list, so every action works on a filtered list as on
/// the whole one.
extension AppState {
    /// The filter typed on `list`, empty when there is none.
    func listFilter(of list: FilteredList) -> String {
        list == .failures ? syncs.failureFilter : listFilters[list] ?? ""
    }

    /// Indexes of the mappings `screen` shows under its filter.
    public func visibleMappings(on screen: Screen) -> [Int] {
        let filter = listFilter(of: .mappings(screen)).lowercased()
        return workspace.mappings.indices.filter { filter.isEmpty || workspace.mappings[$0].name.lowercased().contains(filter) }
    }

    /// Indexes of the destinations the overview shows under its filter.
    public func visibleDestinations() -> [Int] {
        let filter = listFilter(of: .destinations).lowercased()
        return workspace.destinations.indices.filter { index in
            let destination = workspace.destinations[index]
            return filter.isEmpty || [destination.name, destination.type, destination.effectiveRegion ?? ""]
                .contains { $0.lowercased().contains(filter) }
        }
    }

    /// Indexes of the runs the Syncs screen shows under its filter.
    public func visibleRuns() -> [Int] {
        let filter = listFilter(of: .mappings(.syncs)).lowercased()
        return syncs.runs.indices.filter { filter.isEmpty || syncs.runs[$0].mapping.lowercased().contains(filter) }
    }

    /// `selected` moved by `step` among `visible` (indexes into the whole list); the first visible
    /// one when `selected` is filtered out; unchanged when nothing is visible.
    func moved(_ selected: Int, by step: Int, among visible: [Int]) -> Int {
        guard !visible.isEmpty else { return selected }
        guard let position = visible.firstIndex(of: selected) else { return visible[0] }
        return visible[clamped(position, step, count: visible.count)]
    }

    /// The list `/` narrows on this screen with this pane focused.
    var focusedFilteredList: FilteredList {
        switch screen {
        case .overview where overview.panel == .destinations: return .destinations
        case .syncs where syncs.panel == .runs && syncs.failures.value != nil: return .failures
        default: return .mappings(screen)
        }
    }

    /// `/` on a screen's list.
    mutating func openListFilter() {
        let list = focusedFilteredList
        prompt = TextPrompt(purpose: .listFilter(list), text: listFilter(of: list))
    }

    /// The filter's text changed: the selection moves onto a row still shown.
    mutating func listFilterTyped(_ text: String, on list: FilteredList) {
        if list == .failures {
            guard syncs.failureFilter != text else { return }
            syncs.failureFilter = text
            syncs.selectedFailure = 0
            resetViewer(\.syncs.viewer)
            return
        }
        listFilters[list] = text.isEmpty ? nil : text
        switch list {
        case .destinations: overview.selectedDestination = moved(overview.selectedDestination, by: 0, among: visibleDestinations())
        case .mappings(.overview): overview.selectedMapping = moved(overview.selectedMapping, by: 0, among: visibleMappings(on: .overview))
        case .mappings(.testMapping):
            test.selectedMapping = moved(test.selectedMapping, by: 0, among: visibleMappings(on: .testMapping))
        case .mappings(.syncs):
            syncs.selectedMapping = moved(syncs.selectedMapping, by: 0, among: visibleMappings(on: .syncs))
            syncs.selectedRun = moved(syncs.selectedRun, by: 0, among: visibleRuns())
        case .mappings(.models), .failures: break
        }
    }
}

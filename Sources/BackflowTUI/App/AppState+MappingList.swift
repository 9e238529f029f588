import BackflowCore

/// Deleting and duplicating mappings from the overview. Both are edits of the workspace in memory:
/// `u` takes them back and `w` writes them.
extension AppState {
    /// `d` on the overview: asks before the selected mapping goes.
    mutating func askToDeleteSelectedMapping() -> [Effect] {
        guard overview.panel == .mappings, let mapping = workspace.mappings[safe: overview.selectedMapping] else {
            return []
        }
        guard !syncs.pending.contains(mapping.name) else {
            notice = Notice("\(mapping.name) is syncing: delete it once the sync has finished", role: .warning)
            return []
        }
        ask(.deleteMapping(mapping.name))
        return []
    }

    /// `y` to "delete the mapping?". Its sync state and run history are left where they are, so
    /// undoing the delete (or adding it back with the same id) picks them up again.
    mutating func deleteMapping(named name: String) -> [Effect] {
        var edited = workspace
        guard let index = edited.mappings.firstIndex(where: { $0.name == name }) else { return [] }
        edited.mappings.remove(at: index)
        test.outcome = .notLoaded
        let effects = applyEdit(edited, label: "delete \(name)")
        notice = Notice("\(name) deleted (u undoes, w saves)", role: .success)
        return effects
    }

    /// `c` on the overview: a copy of the selected mapping right after it, named "… copy", with an
    /// identity of its own (so it shares no sync state or message ids with the original) and turned
    /// off, so that syncing everything does not send each record twice until the copy is changed.
    mutating func duplicateSelectedMapping() -> [Effect] {
        guard overview.panel == .mappings, let original = workspace.mappings[safe: overview.selectedMapping] else {
            return []
        }
        let onDestination = workspace.mappings.filter { $0.destination == original.destination }.count
        guard onDestination < Catalog.maximumMappingsPerDestination else {
            notice = Notice(
                "\(original.destination) already has \(Catalog.maximumMappingsPerDestination) mappings, "
                    + "Segment's limit for one destination: remove one first", role: .warning)
            return []
        }
        var copy = original
        copy.name = unusedName(startingWith: "\(original.name) copy")
        copy.id = MappingConfig.newID(named: copy.name)
        copy.enabled = false
        copy.locations = SourceLocations()
        copy.fieldLocations = SourceLocations()
        var edited = workspace
        let index = overview.selectedMapping + 1
        edited.mappings.insert(copy, at: index)
        let effects = applyEdit(edited, label: "copy \(original.name) as \(copy.name)")
        overview.selectedMapping = index
        notice = Notice("\(original.name) copied as \(copy.name), turned off (Space turns it on, e edits it, "
            + "u undoes, w saves)", role: .success)
        return effects
    }

    /// `base`, or `base 2`, `base 3`… whichever no mapping has yet.
    private func unusedName(startingWith base: String) -> String {
        var name = base
        var number = 2
        while workspace.mapping(named: name) != nil {
            name = "\(base) \(number)"
            number += 1
        }
        return name
    }
}

/// The checks of a workspace that need Segment's catalog: destination types, actions, field keys,
/// mapping-language structure, the Profile Space field and the 50-mapping limit. The loader has
/// already checked the file's shape, its internal references, regions and literal Profile Space names.
public enum WorkspaceCatalogCheck {
    /// Every problem, each at the place in `file` where it was written.
    public static func diagnostics(for workspace: Workspace, file: String) -> [WorkspaceDiagnostic] {
        let fallback = SourceLocation(file: file, line: 1, column: 1)
        var diagnostics: [WorkspaceDiagnostic] = []
        let knownTypes = DestinationKind.allCases.map(\.rawValue)
        for config in workspace.destinations where config.catalogEntry == nil {
            diagnostics.append(
                WorkspaceDiagnostic(
                    location: config.locations["type"] ?? config.locations.element ?? fallback,
                    keyPath: "destinations.\(config.name).type",
                    message: "unknown destination type \"\(config.type)\""
                        + KeySuggestion.hint(for: config.type, among: knownTypes, noun: "types")))
        }
        var mappingsPerDestination: [String: Int] = [:]
        for (index, mapping) in workspace.mappings.enumerated() {
            guard let config = workspace.destination(named: mapping.destination),
                let destination = config.catalogEntry
            else { continue }
            let context = MappingContext(
                mapping: mapping, keyPath: "mappings[\(index)]", location: mapping.locations.element ?? fallback)
            mappingsPerDestination[mapping.destination, default: 0] += 1
            if mappingsPerDestination[mapping.destination] == Catalog.maximumMappingsPerDestination + 1 {
                diagnostics.append(
                    context.diagnostic(
                        "destination \"\(mapping.destination)\" already has \(Catalog.maximumMappingsPerDestination) mappings, the most one destination may hold"
                    ))
            }
            diagnostics += check(context, destination: destination, config: config)
        }
        return diagnostics
    }

    /// A mapping being checked, and where to point at it.
    private struct MappingContext {
        let mapping: MappingConfig
        let keyPath: String
        let location: SourceLocation

        func diagnostic(_ message: String, key: String? = nil, field: String? = nil) -> WorkspaceDiagnostic {
            let place = field.flatMap { mapping.fieldLocations[$0] } ?? key.flatMap { mapping.locations[$0] } ?? location
            let path = keyPath + (key.map { ".\($0)" } ?? "") + (field.map { ".\($0)" } ?? "")
            return WorkspaceDiagnostic(location: place, keyPath: path, message: message)
        }
    }

    private static func check(_ context: MappingContext, destination: Destination, config: DestinationConfig)
        -> [WorkspaceDiagnostic]
    {
        let mapping = context.mapping
        guard let action = destination.action(mapping.action) else {
            let keys = destination.actions.map(\.key)
            return [
                context.diagnostic(
                    "unknown action \"\(mapping.action)\" for \(destination.name)"
                        + KeySuggestion.hint(for: mapping.action, among: keys, noun: "actions"), key: "action")
            ]
        }
        let fieldKeys = action.fields.map(\.key)
        var diagnostics = mapping.fields.keys.filter { action.field($0) == nil }.map { key in
            context.diagnostic(
                "unknown field \"\(key)\" for \(action.title) (\(destination.name))"
                    + KeySuggestion.hint(for: key, among: fieldKeys, noun: "fields"), key: "fields", field: key)
        }
        do {
            try MappingEngine.validate(mapping.fields)
        } catch {
            diagnostics += issues(of: error).map { issue in
                context.diagnostic("invalid mapping: \(issue)", key: "fields", field: nil)
            }
        }
        if destination.kind == .profiles, mapping.fields[ProfileSpaceField.key] == nil {
            let spaces = config.profileSpaces.map(\.name)
            diagnostics.append(
                context.diagnostic(
                    "a Segment Profiles mapping needs the field \"\(ProfileSpaceField.key)\" naming its Profile Space"
                        + (spaces.isEmpty ? "" : " (\(spaces.joined(separator: ", ")))"), key: "fields"))
        }
        return diagnostics
    }

    private static func issues(of error: MappingError) -> [String] {
        switch error {
        case .invalidMapping(let issues): return issues.map(\.description)
        case .runtime(let message): return [message]
        }
    }
}

/// The Profiles field that chooses the Profile Space a message is sent to.
public enum ProfileSpaceField {
    public static let key = "engage_space"
}

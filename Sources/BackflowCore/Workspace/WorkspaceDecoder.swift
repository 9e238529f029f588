import Foundation
import Yams

/// Turns the composed document into a ``Workspace``, checking types, keys and the references
/// between entries of the file. Problems accumulate in ``reader``; the caller decides whether the
/// result may be used.
struct WorkspaceDecoder {
    var reader: WorkspaceNodeReader

    /// Names declared in each section, known before any entry is decoded so references can be
    /// checked even when the entry they point at has problems of its own.
    private var sourceNames: [String] = []
    private var modelNames: [String] = []
    private var destinationTypes: [(name: String, type: String?, spaces: [String])] = []

    init(file: String) { reader = WorkspaceNodeReader(file: file) }

    static let topLevelKeys = ["version", "workspace_id", "sources", "models", "destinations", "mappings", "alerts", "settings"]

    mutating func decode(root: Node) -> Workspace? {
        guard let document = reader.keyed(root, at: "", allowed: Self.topLevelKeys) else { return nil }
        let version = reader.integer(
            document, "version", required: true, in: Workspace.currentVersion...Workspace.currentVersion,
            meaning: "version \(Workspace.currentVersion) (the only version this Backflow reads)")
        let id = workspaceID(document)
        let sourceEntries = section(document, "sources")
        let modelEntries = section(document, "models")
        let destinationEntries = section(document, "destinations")
        sourceNames = sourceEntries.map(\.key)
        modelNames = modelEntries.map(\.key)
        destinationTypes = destinationEntries.map { entry in
            let type = entry.value.mapping?["type"]?.scalar?.string
            let spaces = entry.value.mapping?["profile_spaces"]?.mapping.map { $0.keys.compactMap(\.scalar?.string) } ?? []
            return (entry.key, type, spaces)
        }
        let sources = sourceEntries.compactMap { decodeSource($0, at: WorkspaceNodeReader.join("sources", $0.key)) }
        let models = modelEntries.compactMap { decodeModel($0, at: WorkspaceNodeReader.join("models", $0.key)) }
        let destinations = destinationEntries.compactMap {
            decodeDestination($0, at: WorkspaceNodeReader.join("destinations", $0.key))
        }
        let mappings = decodeMappings(document)
        let alerts = decodeAlerts(document)
        let settings = document.entry("settings").flatMap { decodeSettings($0.value) } ?? WorkspaceSettings()
        return Workspace(
            version: version ?? Workspace.currentVersion, id: id, sources: sources, models: models,
            destinations: destinations, mappings: mappings, alerts: alerts, settings: settings)
    }

    /// `workspace_id`: 8 to 64 ASCII letters, digits, `_`, `-` or `.` (see ``IdentityText``).
    mutating func workspaceID(_ keyed: WorkspaceNodeReader.Keyed) -> String? {
        identity(keyed, "workspace_id", isValid: { IdentityText.isValid($0, minimumLength: 8) },
            rule: "8 to 64 ASCII letters, digits, '_', '-' or '.', starting with a letter or digit")
    }

    /// A mapping's `id`: any text a mapping name could be (see ``IdentityText/isValidMappingID(_:)``).
    mutating func mappingID(_ keyed: WorkspaceNodeReader.Keyed) -> String? {
        identity(keyed, "id", isValid: IdentityText.isValidMappingID, rule: "1 to 200 characters, no control characters")
    }

    /// An optional id, reported unless `isValid`.
    private mutating func identity(
        _ keyed: WorkspaceNodeReader.Keyed, _ key: String, isValid: (String) -> Bool, rule: String
    ) -> String? {
        guard let text = reader.string(keyed, key, required: false) else { return nil }
        guard isValid(text) else {
            reader.report(keyed.entry(key)?.value ?? keyed.node, keyed.path(key),
                "\(YAMLQuoting.quoted(text)) is not a valid id: use \(rule)")
            return nil
        }
        return text
    }

    /// The named entries of a top-level section; an absent or null section is empty.
    mutating func section(_ document: WorkspaceNodeReader.Keyed, _ key: String) -> [WorkspaceNodeReader.Entry] {
        guard let entry = reader.present(document, key, required: false) else { return [] }
        return reader.entries(of: entry.value, at: key, expecting: "a mapping of names to entries") ?? []
    }

    func location(of entry: WorkspaceNodeReader.Entry?) -> SourceLocation? {
        entry.map { reader.location(of: $0.value) }
    }

    /// Locations of the values of `keys` present in `keyed`, with the element at `element`.
    func locations(_ keyed: WorkspaceNodeReader.Keyed, element: Node, keys: [String]) -> SourceLocations {
        var locations = SourceLocations(element: reader.location(of: element))
        for key in keys { locations[key] = location(of: keyed.entry(key)) }
        return locations
    }

    // MARK: Sources and models

    private mutating func decodeSource(_ named: WorkspaceNodeReader.Entry, at keyPath: String) -> SourceConfig? {
        let type = named.value.mapping?["type"]?.scalar?.string
        let allowed = type == "postgres" ? ["type", "url_env"] : type == "sqlite" ? ["type", "path"] : ["type", "path", "url_env"]
        let forbidden = [
            "url": "connection URLs can hold passwords and are never stored in backflow.yml: "
                + "put the URL in an environment variable and name it with url_env"
        ]
        guard let keyed = reader.keyed(named.value, at: keyPath, allowed: allowed, forbidden: forbidden) else { return nil }
        let kind: SourceKind?
        switch reader.choice(keyed, "type", required: true, options: [("sqlite", "sqlite"), ("postgres", "postgres")]) {
        case "sqlite": kind = reader.string(keyed, "path", required: true).map { .sqlite(path: $0) }
        case "postgres": kind = environmentReference(keyed, "url_env", secret: .connectionURL).map { .postgres(url: $0) }
        default: kind = nil
        }
        guard let kind else { return nil }
        return SourceConfig(
            name: named.key, kind: kind,
            locations: locations(keyed, element: named.keyNode, keys: ["type", "path", "url_env"]))
    }

    private mutating func decodeModel(_ named: WorkspaceNodeReader.Entry, at keyPath: String) -> ModelConfig? {
        let allowed = ["source", "id_column", "description", "query"]
        guard let keyed = reader.keyed(named.value, at: keyPath, allowed: allowed) else { return nil }
        let source = reader.string(keyed, "source", required: true)
        if let source, let entry = keyed.entry("source") {
            checkReference(source, among: sourceNames, noun: "sources", at: entry.value, keyed.path("source"))
        }
        let idColumn = reader.string(keyed, "id_column", required: true)
        if let idColumn, idColumn.count > ModelConfig.maximumIdColumnLength, let entry = keyed.entry("id_column") {
            reader.report(entry.value, keyed.path("id_column"),
                "the unique identifier column's name is \(idColumn.count) characters; Segment allows at most \(ModelConfig.maximumIdColumnLength)")
        }
        let description = reader.string(keyed, "description", required: false)
        let query = reader.string(keyed, "query", required: true)
        if let query, query.count > ModelConfig.maximumQueryLength, let entry = keyed.entry("query") {
            reader.report(entry.value, keyed.path("query"),
                "the query is \(query.count) characters; Segment allows at most \(ModelConfig.maximumQueryLength)")
        }
        guard let source, let idColumn, let query else { return nil }
        return ModelConfig(
            name: named.key, source: source, idColumn: idColumn, description: description, query: query,
            locations: locations(keyed, element: named.keyNode, keys: allowed))
    }

    // MARK: Settings

    private mutating func decodeSettings(_ node: Node) -> WorkspaceSettings? {
        if let scalar = node.scalar, case .success(.null) = YAMLCoreSchema.interpret(scalar) { return nil }
        let allowed = ["theme", "max_requests_per_second", "state_dir", "lease_seconds", "sync_log_days", "sync_log"]
        guard let keyed = reader.keyed(node, at: "settings", allowed: allowed) else { return nil }
        let range = WorkspaceSettings.allowedMaxRequestsPerSecond
        return WorkspaceSettings(
            theme: reader.string(keyed, "theme", required: false),
            maxRequestsPerSecond: reader.integer(
                keyed, "max_requests_per_second", required: false, in: range,
                meaning: "a whole number from \(range.lowerBound) to \(range.upperBound) "
                    + "(Segment allows 1,000 requests per second per workspace)"),
            stateDirectory: reader.string(keyed, "state_dir", required: false),
            leaseSeconds: reader.integer(
                keyed, "lease_seconds", required: false, in: WorkspaceSettings.allowedLeaseSeconds,
                meaning: "a whole number of seconds from \(WorkspaceSettings.allowedLeaseSeconds.lowerBound) to "
                    + "\(WorkspaceSettings.allowedLeaseSeconds.upperBound)"),
            syncLogDays: reader.integer(
                keyed, "sync_log_days", required: false, in: WorkspaceSettings.allowedSyncLogDays,
                meaning: "a whole number of days from \(WorkspaceSettings.allowedSyncLogDays.lowerBound) to "
                    + "\(WorkspaceSettings.allowedSyncLogDays.upperBound)"),
            syncLog: reader.choice(
                keyed, "sync_log", required: false,
                options: WorkspaceSettings.SyncLogDetail.allCases.map { ($0.rawValue, $0) }),
            locations: locations(keyed, element: node, keys: allowed))
    }

    // MARK: References and secrets

    mutating func checkReference(_ name: String, among names: [String], noun: String, at node: Node, _ keyPath: String) {
        guard !names.contains(name) else { return }
        let singular = String(noun.dropLast())
        reader.report(node, keyPath,
            "\(singular) \(YAMLQuoting.quoted(name)) is not defined" + KeySuggestion.hint(for: name, among: names, noun: noun))
    }

    func destinationInfo(named name: String) -> (type: String?, spaces: [String])? {
        destinationTypes.first { $0.name == name }.map { ($0.type, $0.spaces) }
    }

    var destinationNames: [String] { destinationTypes.map(\.name) }
    var declaredModelNames: [String] { modelNames }

    enum SecretKind {
        case writeKey, connectionURL, webhookURL

        var noun: String {
            switch self {
            case .writeKey: "write key"
            case .connectionURL: "connection URL"
            case .webhookURL: "webhook URL"
            }
        }
    }

    /// The name of an environment variable holding a secret. A value that is not a variable name, or
    /// that looks like a key itself, is refused without ever being repeated in the message.
    mutating func environmentReference(_ keyed: WorkspaceNodeReader.Keyed, _ key: String, secret: SecretKind) -> SecretReference? {
        guard let entry = reader.present(keyed, key, required: true) else { return nil }
        guard let name = reader.scalarText(entry.value, at: keyed.path(key), required: true) else { return nil }
        guard EnvironmentVariableName.isPlausible(name) else {
            reader.report(entry.value, keyed.path(key),
                "\(key) must be the NAME of an environment variable, but this value looks like a \(secret.noun) itself; "
                    + "put the \(secret.noun) in an environment variable and write that variable's name here")
            return nil
        }
        return .environment(name)
    }

    static let literalWriteKeyMessage =
        "write keys are never stored in backflow.yml: put the key in an environment variable and name it with write_key_env"
}

/// Tells an environment variable's name from a secret pasted where the name belongs.
public enum EnvironmentVariableName {
    /// A portable variable name (`[A-Za-z_][A-Za-z0-9_]*`) that does not look like a generated key:
    /// Segment write keys are 32 mixed-case letters and digits, names are words joined by underscores.
    public static func isPlausible(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || isLetter(first),
            text.unicodeScalars.allSatisfy({ $0 == "_" || isLetter($0) || ("0"..."9").contains($0) })
        else { return false }
        let looksGenerated = text.count >= 16 && !text.contains("_")
            && text.contains(where: \.isLowercase) && text.contains(where: \.isNumber)
        return !looksGenerated
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}

/// Writes a ``Workspace`` as `backflow.yml` text in the documented layout, putting back the comments
/// of the text it was loaded from.
struct WorkspaceYAMLRenderer {
    typealias Path = WorkspaceComments.Path

    private let comments: WorkspaceComments
    private var lines: [String] = []

    private init(comments: WorkspaceComments) { self.comments = comments }

    static func render(_ workspace: Workspace, comments: WorkspaceComments) -> String {
        var renderer = WorkspaceYAMLRenderer(comments: comments)
        renderer.lines += comments.leading
        renderer.write(workspace)
        renderer.lines += comments.trailing
        return renderer.lines.joined(separator: "\n") + "\n"
    }

    private mutating func write(_ workspace: Workspace) {
        entry(["version"], indent: 0, key: "version", .inline(String(workspace.version)))
        if let id = workspace.id { entry(["workspace_id"], indent: 0, key: "workspace_id", .string(id)) }
        section("sources", isEmpty: workspace.sources.isEmpty, emptyForm: "{}")
        for source in workspace.sources { write(source) }
        section("models", isEmpty: workspace.models.isEmpty, emptyForm: "{}")
        for model in workspace.models { write(model) }
        section("destinations", isEmpty: workspace.destinations.isEmpty, emptyForm: "{}")
        for destination in workspace.destinations { write(destination) }
        section("mappings", isEmpty: workspace.mappings.isEmpty, emptyForm: "[]")
        for mapping in workspace.mappings { write(mapping) }
        section("alerts", isEmpty: workspace.alerts.isEmpty, emptyForm: "{}")
        for alert in workspace.alerts { write(alert) }
        write(workspace.settings)
    }

    /// A section header; an empty section is written only when the original file had it.
    private mutating func section(_ key: String, isEmpty: Bool, emptyForm: String) {
        if !isEmpty {
            entry([key], indent: 0, key: key, nil)
        } else if comments.knownPaths.contains([key]) {
            entry([key], indent: 0, key: key, .inline(emptyForm))
        }
    }

    private mutating func write(_ source: SourceConfig) {
        let path = ["sources", source.name]
        entry(path, indent: 2, key: source.name, nil)
        entry(path + ["type"], indent: 4, key: "type", .inline(source.kind.typeName))
        switch source.kind {
        case .sqlite(let file): entry(path + ["path"], indent: 4, key: "path", .string(file))
        case .postgres(let url): entry(path + ["url_env"], indent: 4, key: "url_env", .string(url.variableName))
        }
    }

    private mutating func write(_ model: ModelConfig) {
        let path = ["models", model.name]
        entry(path, indent: 2, key: model.name, nil)
        entry(path + ["source"], indent: 4, key: "source", .string(model.source))
        entry(path + ["id_column"], indent: 4, key: "id_column", .string(model.idColumn))
        if let description = model.description {
            entry(path + ["description"], indent: 4, key: "description", .string(description))
        }
        entry(path + ["query"], indent: 4, key: "query", .string(model.query))
    }

    private mutating func write(_ destination: DestinationConfig) {
        let path = ["destinations", destination.name]
        entry(path, indent: 2, key: destination.name, nil)
        entry(path + ["type"], indent: 4, key: "type", .string(destination.type))
        flag(path + ["enabled"], destination.enabled, unless: true)
        if let region = destination.region { entry(path + ["region"], indent: 4, key: "region", .string(region)) }
        if let writeKey = destination.writeKey {
            entry(path + ["write_key_env"], indent: 4, key: "write_key_env", .string(writeKey.variableName))
        }
        if let endpoint = destination.endpoint { entry(path + ["endpoint"], indent: 4, key: "endpoint", .string(endpoint)) }
        guard !destination.profileSpaces.isEmpty else { return }
        entry(path + ["profile_spaces"], indent: 4, key: "profile_spaces", nil)
        for space in destination.profileSpaces {
            let spacePath = path + ["profile_spaces", space.name]
            entry(spacePath, indent: 6, key: space.name, nil)
            entry(spacePath + ["write_key_env"], indent: 8, key: "write_key_env", .string(space.writeKey.variableName))
        }
    }

    private mutating func write(_ mapping: MappingConfig) {
        let path = ["mappings", mapping.name]
        emitAbove(path)
        if let id = mapping.id {
            entry(path + ["id"], indent: 2, key: "- id", .string(id))
            entry(path + ["name"], indent: 4, key: "name", .string(mapping.name))
        } else {
            entry(path + ["name"], indent: 2, key: "- name", .string(mapping.name))
        }
        entry(path + ["destination"], indent: 4, key: "destination", .string(mapping.destination))
        entry(path + ["model"], indent: 4, key: "model", .string(mapping.model))
        entry(path + ["action"], indent: 4, key: "action", .string(mapping.action))
        entry(path + ["records"], indent: 4, key: "records", .inline(mapping.records.rawValue))
        flag(path + ["enabled"], mapping.enabled, unless: true)
        flag(path + ["sync_nulls"], mapping.syncNulls, unless: true)
        if mapping.schedule != .manual || comments.knownPaths.contains(path + ["schedule"]) {
            entry(path + ["schedule"], indent: 4, key: "schedule", .inline(Self.text(of: mapping.schedule)))
        }
        if let record = mapping.testRecord { entry(path + ["test_record"], indent: 4, key: "test_record", .string(record)) }
        guard !mapping.fields.isEmpty else { return }
        entry(path + ["fields"], indent: 4, key: "fields", nil)
        for (key, value) in mapping.fields.entries {
            field(path + ["fields", key], indent: 6, key: key, value)
        }
    }

    /// A setting of four-space indent that is `true` or `false`, left out when it has its default and
    /// the original text did not spell it out (as `schedule: manual` is), so that a save adds no line
    /// the user did not change.
    private mutating func flag(_ path: Path, _ value: Bool, unless defaultValue: Bool) {
        guard value != defaultValue || comments.knownPaths.contains(path), let key = path.last else { return }
        entry(path, indent: 4, key: key, .inline(value ? "true" : "false"))
    }

    private mutating func write(_ alert: AlertConfig) {
        let path = ["alerts", alert.name]
        entry(path, indent: 2, key: alert.name, nil)
        switch alert.target {
        case .webhook(let url): entry(path + ["webhook_env"], indent: 4, key: "webhook_env", .string(url.variableName))
        case .command(let arguments):
            entry(path + ["command"], indent: 4, key: "command", .inline(YAMLValueText.flow(.array(arguments.map(JSONValue.string)))))
        }
        let triggers = alert.triggers.sorted().map(\.rawValue).joined(separator: ", ")
        entry(path + ["when"], indent: 4, key: "when", .inline("[\(triggers)]"))
        if let rate = alert.deliveryRateBelow {
            entry(path + ["delivery_rate_below"], indent: 4, key: "delivery_rate_below", .inline(JSONWriter.formatNumber(rate)))
        }
        if !alert.mappings.isEmpty {
            entry(path + ["mappings"], indent: 4, key: "mappings", .inline(YAMLValueText.flow(.array(alert.mappings.map(JSONValue.string)))))
        }
    }

    /// A field value: objects that are not directives are built key by key as block mappings;
    /// directives, arrays and scalars go on one line.
    private mutating func field(_ path: Path, indent: Int, key: String, _ value: JSONValue) {
        switch value {
        case .object(let object) where !object.isEmpty && !object.keys.contains(where: { $0.hasPrefix("@") }):
            entry(path, indent: indent, key: key, nil)
            for (child, childValue) in object.entries { field(path + [child], indent: indent + 2, key: child, childValue) }
        case .string(let text):
            entry(path, indent: indent, key: key, .string(text))
        default:
            entry(path, indent: indent, key: key, .inline(YAMLValueText.flow(value)))
        }
    }

    private mutating func write(_ settings: WorkspaceSettings) {
        let path = ["settings"]
        guard settings.theme != nil || settings.maxRequestsPerSecond != nil || settings.stateDirectory != nil
            || settings.leaseSeconds != nil || settings.syncLogDays != nil || settings.syncLog != nil
        else {
            if comments.knownPaths.contains(path) { entry(path, indent: 0, key: "settings", .inline("{}")) }
            return
        }
        entry(path, indent: 0, key: "settings", nil)
        if let theme = settings.theme { entry(path + ["theme"], indent: 2, key: "theme", .string(theme)) }
        if let rate = settings.maxRequestsPerSecond {
            entry(path + ["max_requests_per_second"], indent: 2, key: "max_requests_per_second", .inline(String(rate)))
        }
        if let state = settings.stateDirectory { entry(path + ["state_dir"], indent: 2, key: "state_dir", .string(state)) }
        if let seconds = settings.leaseSeconds {
            entry(path + ["lease_seconds"], indent: 2, key: "lease_seconds", .inline(String(seconds)))
        }
        if let days = settings.syncLogDays {
            entry(path + ["sync_log_days"], indent: 2, key: "sync_log_days", .inline(String(days)))
        }
        if let detail = settings.syncLog {
            entry(path + ["sync_log"], indent: 2, key: "sync_log", .inline(detail.rawValue))
        }
    }

    static func text(of schedule: Schedule) -> String {
        switch schedule {
        case .manual:
            return "manual"
        case .interval(let minutes):
            return "{every: \(Schedule.intervalToken(minutes: minutes) ?? String(minutes))}"
        case .weekly(let days, let hour):
            let names = days.sorted().map(\.rawValue).joined(separator: ", ")
            return "{days: [\(names)], at: \"\(hour.zeroPadded(to: 2)):00\"}"
        case .cron(let expression, let zone):
            return "{cron: \(YAMLQuoting.quoted(expression.text)), time_zone: \(YAMLQuoting.quoted(zone.name))}"
        }
    }

    // MARK: Lines

    /// `key:` (value `nil`, children follow), `key: value`, or `key: |` with the block's lines; with the
    /// comments that were above the key and at the end of its line.
    private mutating func entry(_ path: Path, indent: Int, key: String, _ value: YAMLValueText?) {
        emitAbove(path)
        let prefix = String(repeating: " ", count: indent) + (key.hasPrefix("- ") ? key : YAMLQuoting.scalar(key)) + ":"
        switch value {
        case nil:
            lines.append(withEndOfLineComment(prefix, path))
        case .inline(let text):
            lines.append(withEndOfLineComment(prefix + " " + text, path))
        case .literalBlock(let header, let blockLines):
            lines.append(withEndOfLineComment(prefix + " " + header, path))
            let contentIndent = String(repeating: " ", count: (key.hasPrefix("- ") ? indent + 2 : indent) + 2)
            lines += blockLines.map { $0.isEmpty ? "" : contentIndent + $0 }
        }
    }

    private mutating func emitAbove(_ path: Path) {
        lines += comments.above[path] ?? []
    }

    private func withEndOfLineComment(_ line: String, _ path: Path) -> String {
        guard let comment = comments.endOfLine[path] else { return line }
        let width = line.unicodeScalars.count
        let padding = comment.column > width ? comment.column - width : 2
        return line + String(repeating: " ", count: padding) + comment.text
    }
}

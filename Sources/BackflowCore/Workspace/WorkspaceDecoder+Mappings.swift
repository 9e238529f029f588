import Foundation
import Yams

extension WorkspaceDecoder {
    static let mappingKeys = [
        "id", "name", "destination", "model", "action", "records", "enabled", "sync_nulls", "schedule", "test_record", "fields",
    ]

    mutating func decodeMappings(_ document: WorkspaceNodeReader.Keyed) -> [MappingConfig] {
        guard let entry = reader.present(document, "mappings", required: false) else { return [] }
        guard let items = entry.value.sequence else {
            reader.report(entry.value, "mappings", "expected a list of mappings but found \(WorkspaceNodeReader.describe(entry.value))")
            return []
        }
        var firstByName: [String: Int] = [:]
        var firstByID: [String: Int] = [:]
        var mappings: [MappingConfig] = []
        for (index, item) in items.enumerated() {
            let keyPath = "mappings[\(index)]"
            guard let mapping = decodeMapping(item, at: keyPath) else { continue }
            let nameIsRepeated = firstByName[mapping.name] != nil
            if let line = firstByName[mapping.name] {
                reader.report(at: mapping.locations["name"] ?? reader.location(of: item), WorkspaceNodeReader.join(keyPath, "name"),
                    "another mapping is already named \(YAMLQuoting.quoted(mapping.name)) (line \(line)); mapping names must be unique")
            } else {
                firstByName[mapping.name] = mapping.locations["name"]?.line ?? 0
            }
            // Names and ids share one space: an id-less mapping's identity is its name.
            let identity = mapping.id ?? mapping.name
            if let line = firstByID[identity], !nameIsRepeated {
                let key = mapping.id == nil ? "name" : "id"
                reader.report(at: mapping.locations[key] ?? reader.location(of: item), WorkspaceNodeReader.join(keyPath, key),
                    "another mapping already has the identity \(YAMLQuoting.quoted(identity)) (line \(line)); "
                        + "each mapping's id (or, without one, its name) must be unique, since its sync state follows it")
            } else {
                firstByID[identity] = mapping.locations[mapping.id == nil ? "name" : "id"]?.line ?? 0
            }
            mappings.append(mapping)
        }
        return mappings
    }

    private mutating func decodeMapping(_ node: Node, at keyPath: String) -> MappingConfig? {
        guard let keyed = reader.keyed(node, at: keyPath, allowed: Self.mappingKeys) else { return nil }
        let id = mappingID(keyed)
        let name = reader.string(keyed, "name", required: true)
        let destination = reader.string(keyed, "destination", required: true)
        if let destination, let entry = keyed.entry("destination") {
            checkReference(destination, among: destinationNames, noun: "destinations", at: entry.value, keyed.path("destination"))
        }
        let model = reader.string(keyed, "model", required: true)
        if let model, let entry = keyed.entry("model") {
            checkReference(model, among: declaredModelNames, noun: "models", at: entry.value, keyed.path("model"))
        }
        let action = reader.string(keyed, "action", required: true)
        let records = reader.choice(
            keyed, "records", required: true, options: RecordSelection.allCases.map { ($0.rawValue, $0) })
        let enabled = reader.bool(keyed, "enabled", default: true)
        let syncNulls = reader.bool(keyed, "sync_nulls", default: true)
        let schedule = reader.present(keyed, "schedule", required: false).map {
            decodeSchedule($0.value, at: keyed.path("schedule"))
        } ?? .manual
        let testRecord = reader.string(keyed, "test_record", required: false)
        let (fields, fieldLocations) = decodeFields(keyed)
        if let destination, let fields { checkProfileSpace(fields, fieldLocations, destination: destination, at: keyed.path("fields")) }
        guard let name, let destination, let model, let action, let records, let schedule, let fields else { return nil }
        return MappingConfig(
            id: id, name: name, destination: destination, model: model, action: action, records: records, enabled: enabled,
            syncNulls: syncNulls, schedule: schedule, testRecord: testRecord, fields: fields,
            locations: locations(keyed, element: node, keys: Self.mappingKeys), fieldLocations: fieldLocations)
    }

    // MARK: Schedule

    private static let scheduleForms =
        "manual, {every: 15m|30m|1h|2h|4h|6h|8h|12h|1d}, {days: [mon, …], at: \"HH:00\"} or {cron: \"M H DoM Mon DoW\", time_zone: Area/City}"

    /// `manual`, `{every: 1h}`, `{days: [mon, wed], at: "09:00"}` or `{cron: "0 */2 * * *", time_zone: "Europe/Berlin"}`.
    private mutating func decodeSchedule(_ node: Node, at keyPath: String) -> Schedule? {
        if let scalar = node.scalar {
            if scalar.string == "manual" { return .manual }
            reader.report(node, keyPath, "expected \(Self.scheduleForms) but found \(WorkspaceNodeReader.describe(node))")
            return nil
        }
        guard let mapping = node.mapping else {
            reader.report(node, keyPath, "expected \(Self.scheduleForms) but found \(WorkspaceNodeReader.describe(node))")
            return nil
        }
        if mapping["every"] != nil {
            guard let keyed = reader.keyed(node, at: keyPath, allowed: ["every"]), let entry = keyed.entry("every") else { return nil }
            return reader.choice(entry.value, at: keyed.path("every"), options: Schedule.intervals.map { ($0.token, $0.minutes) })
                .map { .interval(minutes: $0) }
        }
        if mapping["cron"] != nil { return decodeCron(node, at: keyPath) }
        guard let keyed = reader.keyed(node, at: keyPath, allowed: ["days", "at"]) else { return nil }
        let days = reader.present(keyed, "days", required: true).flatMap { decodeDays($0.value, at: keyed.path("days")) }
        let hour = reader.present(keyed, "at", required: true).flatMap { decodeHour($0.value, at: keyed.path("at")) }
        guard let days, let hour else { return nil }
        return .weekly(days: days, hour: hour)
    }

    /// `{cron: "0 */2 * * *", time_zone: "Europe/Berlin"}`.
    private mutating func decodeCron(_ node: Node, at keyPath: String) -> Schedule? {
        guard let keyed = reader.keyed(node, at: keyPath, allowed: ["cron", "time_zone"]) else { return nil }
        let expression = keyed.entry("cron").flatMap { decodeCronExpression($0.value, at: keyed.path("cron")) }
        let zone = decodeTimeZone(keyed)
        guard let expression, let zone else { return nil }
        return .cron(expression, timeZone: zone)
    }

    private mutating func decodeCronExpression(_ node: Node, at keyPath: String) -> CronExpression? {
        guard let text = reader.scalarText(node, at: keyPath, required: true) else { return nil }
        do {
            return try CronExpression(text)
        } catch {
            reader.report(node, keyPath, error.description)
            return nil
        }
    }

    /// Required, as in Segment's API: a cron schedule in whatever zone the scheduler's host is in
    /// would fire at other times on every host.
    private mutating func decodeTimeZone(_ keyed: WorkspaceNodeReader.Keyed) -> IANATimeZone? {
        guard let entry = keyed.entry("time_zone") else {
            reader.report(keyed.node, keyed.keyPath,
                "missing required key \"time_zone\": the IANA time zone of the cron times, such as \"UTC\" or \"Europe/Berlin\"")
            return nil
        }
        let keyPath = keyed.path("time_zone")
        guard let name = reader.scalarText(entry.value, at: keyPath, required: true) else { return nil }
        if let zone = IANATimeZone(name) { return zone }
        reader.report(entry.value, keyPath,
            "expected an IANA time zone such as \"UTC\" or \"Europe/Berlin\" but found \(YAMLQuoting.quoted(name))" + Self.timeZoneHint(for: name))
        return nil
    }

    private static func timeZoneHint(for name: String) -> String {
        if IANATimeZone.isFixedOffsetSpelling(name) {
            return "; a fixed offset is written \"Etc/GMT-1\" for UTC+1 (the sign inverted), though a city's zone also follows its daylight saving"
        }
        return KeySuggestion.closest(to: name, among: TimeZone.knownTimeZoneIdentifiers).map { "; did you mean \(YAMLQuoting.quoted($0))?" } ?? ""
    }

    private mutating func decodeDays(_ node: Node, at keyPath: String) -> Set<Weekday>? {
        guard let items = node.sequence else {
            reader.report(node, keyPath, "expected a list of weekdays such as [mon, wed] but found \(WorkspaceNodeReader.describe(node))")
            return nil
        }
        guard !items.isEmpty else {
            reader.report(node, keyPath, "expected at least one weekday")
            return nil
        }
        var days = Set<Weekday>()
        var valid = true
        for (index, item) in items.enumerated() {
            let day = reader.choice(item, at: "\(keyPath)[\(index)]", options: Weekday.allCases.map { ($0.rawValue, $0) })
            if let day { days.insert(day) } else { valid = false }
        }
        return valid ? days : nil
    }

    /// `"HH:00"`: Segment's day-and-time schedules run at the start of an hour.
    private mutating func decodeHour(_ node: Node, at keyPath: String) -> Int? {
        let parts = node.scalar?.string.split(separator: ":", omittingEmptySubsequences: false) ?? []
        if parts.count == 2, (1...2).contains(parts[0].count), parts[0].allSatisfy(\.isASCIIDigit),
            let hour = Int(parts[0]), (0...23).contains(hour)
        {
            if parts[1] == "00" { return hour }
            reader.report(node, keyPath, "schedules run on the hour: expected \"\(hour.zeroPadded(to: 2)):00\" but found \(WorkspaceNodeReader.describe(node))")
            return nil
        }
        reader.report(node, keyPath, "expected a time on the hour such as \"09:00\" but found \(WorkspaceNodeReader.describe(node))")
        return nil
    }

    // MARK: Fields

    private mutating func decodeFields(_ keyed: WorkspaceNodeReader.Keyed) -> (JSONObject?, SourceLocations) {
        var locations = SourceLocations()
        guard let entry = reader.present(keyed, "fields", required: false) else { return (JSONObject(), locations) }
        let path = keyed.path("fields")
        locations.element = reader.location(of: entry.value)
        guard let entries = reader.entries(of: entry.value, at: path, expecting: "a mapping of field keys to values") else {
            return (nil, locations)
        }
        var fields = JSONObject()
        var valid = true
        var converter = YAMLToJSON()
        for field in entries {
            locations[field.key] = reader.location(of: field.keyNode)
            switch converter.convert(field.value) {
            case .success(let value): fields[field.key] = value
            case .failure(let problem):
                valid = false
                let location = SourceLocation(file: reader.file, line: problem.mark?.line ?? 1, column: problem.mark?.column ?? 1)
                reader.report(at: location, WorkspaceNodeReader.join(path, field.key), problem.message)
            }
        }
        return (valid ? fields : nil, locations)
    }

    /// A Profiles mapping names its profile space in `engage_space`; a literal name must be one of the destination's spaces.
    private mutating func checkProfileSpace(_ fields: JSONObject, _ locations: SourceLocations, destination: String, at keyPath: String) {
        guard let info = destinationInfo(named: destination), info.type == DestinationConfig.profilesType,
            case .string(let space)? = fields["engage_space"], !info.spaces.contains(space),
            let location = locations["engage_space"]
        else { return }
        reader.report(at: location, WorkspaceNodeReader.join(keyPath, "engage_space"),
            "profile space \(YAMLQuoting.quoted(space)) is not defined on destination \(YAMLQuoting.quoted(destination))"
                + KeySuggestion.hint(for: space, among: info.spaces, noun: "profile spaces"))
    }
}

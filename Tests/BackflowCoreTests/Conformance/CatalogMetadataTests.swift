import Foundation
import Testing
@testable import BackflowCore

/// The catalog against Segment's own machine-readable description of both destinations
/// (`../shared/conformance/metadata/*.metadata.json`, copied from segmentio/action-destinations):
/// every action with its title and default trigger, and every field and sub-field with its key,
/// order, label, type, required, hidden, null, multiple and dynamic flags, default, choices and
/// whether it takes keys of its own.
@Suite struct CatalogMetadataTests {
    /// Segment's description of `kind`, or nil when the corpus is absent beside the package.
    static func metadata(of kind: DestinationKind) throws -> JSONObject? {
        guard let directory = ConformanceCorpus.metadataDirectory() else { return nil }
        let file = kind == .connections ? "segment.metadata.json" : "segment-profiles.metadata.json"
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        return try JSONReader.parse(text).objectValue
    }

    static let missingMetadataMessage = "../shared/conformance/metadata is absent beside the package: catalog not checked"

    @Test(arguments: DestinationKind.allCases)
    func theCatalogHasSegmentsActionsTitlesAndTriggers(kind: DestinationKind) throws {
        guard let metadata = try Self.metadata(of: kind) else { return print(Self.missingMetadataMessage) }
        let destination = Catalog.destination(kind)
        #expect(metadata["slug"]?.stringValue == destination.slug)
        let actions = try #require(metadata["actions"]?.objectValue)
        #expect(Set(actions.keys) == Set(destination.actions.map(\.key)))
        for (key, described) in actions.entries {
            let action = try #require(destination.action(key), "\(kind.rawValue) has no action \(key)")
            let described = try #require(described.objectValue)
            #expect(described["title"]?.stringValue == action.title, "\(key) title")
            #expect(described["defaultSubscription"]?.stringValue == action.defaultTrigger, "\(key) trigger")
            #expect(described["hidden"]?.boolValue == false, "\(key) is hidden in Segment")
        }
    }

    @Test(arguments: DestinationKind.allCases)
    func everyFieldIsAsSegmentDescribesIt(kind: DestinationKind) throws {
        guard let metadata = try Self.metadata(of: kind) else { return print(Self.missingMetadataMessage) }
        let destination = Catalog.destination(kind)
        var differences: [String] = []
        for (key, described) in try #require(metadata["actions"]?.objectValue).entries {
            guard let action = destination.action(key), let fields = described.objectValue?["fields"]?.objectValue
            else { continue }
            differences += Self.differences(action.fields, described: fields, at: "\(kind.rawValue) \(key)")
        }
        #expect(differences == [])
    }

    /// Segment sends to the region its own workspace is in; Backflow has no Segment workspace, so the
    /// region is the one setting of its own (``Catalog/regionSettingKey``).
    @Test(arguments: DestinationKind.allCases)
    func theSettingsAreSegmentsAuthenticationFieldsAndTheRegion(kind: DestinationKind) throws {
        guard let metadata = try Self.metadata(of: kind) else { return print(Self.missingMetadataMessage) }
        let settings = Catalog.destination(kind).settings
        #expect(settings.last?.key == Catalog.regionSettingKey)
        let fields = metadata["authentication"]?.objectValue?["fields"]?.objectValue ?? [:]
        let differences = Self.differences(
            settings.filter { $0.key != Catalog.regionSettingKey }, described: fields, at: "\(kind.rawValue) settings")
        #expect(differences == [])
    }

    // MARK: Comparing fields

    /// Every way `fields` differ from Segment's description of them, one line each, naming the field.
    static func differences(_ fields: [ActionField], described: JSONObject, at path: String) -> [String] {
        guard fields.map(\.key) == described.keys else {
            return ["\(path): fields \(fields.map(\.key)), Segment has \(described.keys)"]
        }
        return zip(fields, described.entries).flatMap { field, entry in
            differences(field, described: entry.value.objectValue ?? [:], at: "\(path) \(field.key)")
        }
    }

    private static func differences(_ field: ActionField, described: JSONObject, at path: String) -> [String] {
        var found: [String] = []
        func compare<Value: Equatable>(_ name: String, _ ours: Value, _ segments: Value) {
            if ours != segments { found.append("\(path): \(name) is \(ours), Segment has \(segments)") }
        }
        compare("label", field.label, described["label"]?.stringValue ?? "")
        compare("type", field.type.rawValue, described["type"]?.stringValue ?? "")
        compare("required", field.isRequired, described["required"]?.boolValue ?? false)
        compare("hidden", field.isHidden, described["hidden"]?.boolValue ?? false)
        compare("allowNull", field.allowsNull, described["allowNull"]?.boolValue ?? false)
        compare("multiple", field.isMultiple, described["multiple"]?.boolValue ?? false)
        compare("dynamic", field.isDynamic, described["dynamic"]?.boolValue ?? false)
        compare("default", field.defaultMapping ?? .null, described["default"] ?? .null)
        // The catalog offers no fixed choices: Segment's description lists none for these destinations.
        compare("choices", JSONValue.null, described["choices"] ?? .null)
        if field.type == .object {
            compare(
                "additionalProperties", field.allowsAdditionalProperties,
                described["additionalProperties"]?.boolValue ?? false)
        }
        switch (field.properties, described["properties"]?.objectValue) {
        case (nil, nil):
            break
        case (let properties?, let segments?):
            found += differences(properties, described: segments, at: path)
        case (let properties, let segments):
            found.append(
                "\(path): properties \(properties?.map(\.key) ?? []), Segment has \(segments?.keys ?? [])")
        }
        return found
    }
}

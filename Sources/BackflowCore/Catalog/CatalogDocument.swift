/// The catalog as JSON, for `backflow catalog --json` and for scripts that generate mappings.
extension Destination {
    public var document: JSONValue {
        .object([
            "slug": .string(slug),
            "name": .string(name),
            "description": .string(description),
            "settings": .array(settings.map(\.document)),
            "regions": .array(regions.map(\.document)),
            "default_region": .string(defaultRegion),
            "maximum_mappings": .integer(Int64(Catalog.maximumMappingsPerDestination)),
            "actions": .array(actions.map(\.document)),
        ])
    }
}

extension EndpointRegion {
    public var document: JSONValue {
        var object: JSONObject = ["key": .string(key), "label": .string(label), "tracking_api": .string(trackingAPIBase)]
        object["public_api"] = publicAPIBase.map(JSONValue.string)
        return .object(object)
    }
}

extension Action {
    public var document: JSONValue {
        .object([
            "key": .string(key),
            "title": .string(title),
            "description": .string(description),
            "default_trigger": defaultTrigger.map(JSONValue.string) ?? .null,
            "fields": .array(fields.map(\.document)),
        ])
    }
}

extension ActionField {
    public var document: JSONValue {
        var object: JSONObject = [
            "key": .string(key),
            "label": .string(label),
            "description": .string(description),
            "type": .string(type.rawValue),
            "required": .bool(isRequired),
            "hidden": .bool(isHidden),
            "allow_null": .bool(allowsNull),
            "multiple": .bool(isMultiple),
            "dynamic": .bool(isDynamic),
        ]
        object["default"] = defaultMapping
        if let properties {
            object["properties"] = .array(properties.map(\.document))
        }
        if type == .object {
            object["additional_properties"] = .bool(allowsAdditionalProperties)
        }
        return .object(object)
    }
}

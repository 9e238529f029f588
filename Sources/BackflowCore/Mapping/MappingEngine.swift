/// Segment's mapping resolution (`mapping-kit`): turns a mapping and an event into the values of an
/// action's fields.
///
/// Resolution is faithful to Segment's runtime, quirks included (see the directive notes in
/// `DirectiveResolution.swift`), so that a mapping previews and sends here exactly what it would there.
public enum MappingEngine {
    /// The mapping key that pre-processes the event for all other keys (Segment's root directive).
    public static let rootDirectiveKey = "__segment_internal_directive"

    /// Segment's `transform()`: expand the root directive, validate, resolve against `data`, drop undefined keys.
    ///
    /// A mapping whose root is itself a directive may resolve to something other than an object; that is
    /// reported as ``MappingError/runtime(_:)`` (`mapping must resolve to an object, got string`).
    public static func transform(_ mapping: JSONObject, data: JSONObject) throws(MappingError) -> JSONObject {
        let result = try transform(.object(mapping), payload: .json(.object(data)))
        guard case .object(let object)? = result.cleaned else {
            throw .runtime("mapping must resolve to an object, got \(result.typeName)")
        }
        return object
    }

    /// Resolve one mapping value (one field) against the event; `nil` means undefined (the field is left out).
    /// The value is validated first, as `transform` validates the whole mapping.
    public static func resolve(_ value: JSONValue, data: JSONObject) throws(MappingError) -> JSONValue? {
        let issues = MappingValidator.validate(value)
        guard issues.isEmpty else { throw .invalidMapping(issues) }
        return try resolve(value, payload: .json(.object(data))).cleaned
    }

    /// Everything `transform` checks before it reads the event: the root directive's shape and the structure.
    public static func validate(_ mapping: JSONObject) throws(MappingError) {
        let issues = MappingValidator.validate(try expandingRootDirective(mapping))
        guard issues.isEmpty else { throw .invalidMapping(issues) }
    }

    /// The mapping `transform` actually runs: with a root directive (`__segment_internal_directive`), that
    /// directive, its argument given every other key of the mapping as its `mapping`; otherwise the mapping itself.
    public static func expandingRootDirective(_ mapping: JSONObject) throws(MappingError) -> JSONValue {
        guard let root = mapping[rootDirectiveKey] else { return .object(mapping) }
        var fieldMappings = JSONObject()
        for (key, value) in mapping.entries where key != rootDirectiveKey { fieldMappings[key] = value }
        guard case .object(var directive) = root, directive.count <= 1 else {
            throw .runtime("The root mapping must only have a single directive object")
        }
        guard let name = directive.keys.first, case .object(var argument)? = directive[name] else {
            throw .runtime("The root directive must be an object")
        }
        argument["mapping"] = .object(fieldMappings)
        directive[name] = .object(argument)
        return .object(directive)
    }

    // MARK: Resolution

    /// `transform` as directives call it (`@transform`'s `apply`): the payload may be any resolved value.
    static func transform(_ mapping: JSONValue, payload: ResolvedValue) throws(MappingError) -> ResolvedValue {
        guard payload.isPlainObject else { throw .runtime("data must be an object, got \(payload.typeName)") }
        var toRun = mapping
        if case .object(let object) = mapping { toRun = try expandingRootDirective(object) }
        let issues = MappingValidator.validate(toRun)
        guard issues.isEmpty else { throw .invalidMapping(issues) }
        return ResolvedValue(try resolve(toRun, payload: payload).cleaned)
    }

    /// Segment's `resolve`: scalars as they are, directives run, arrays and plain objects resolved member by member.
    static func resolve(_ mapping: JSONValue?, payload: ResolvedValue) throws(MappingError) -> ResolvedValue {
        switch mapping {
        case nil:
            return .undefined
        case .array(let items)?:
            var resolved: [ResolvedValue] = []
            for item in items { resolved.append(try resolve(item, payload: payload)) }
            return .array(resolved)
        case .object(let object)? where object.isDirective:
            return try runDirective(object, payload: payload)
        case .object(let object)?:
            var resolved = ResolvedObject()
            for (key, value) in object.entries { resolved.set(key, try resolve(value, payload: payload)) }
            return .object(resolved)
        case let scalar?:
            return .json(scalar)
        }
    }

    private static func runDirective(_ object: JSONObject, payload: ResolvedValue) throws(MappingError) -> ResolvedValue {
        let name = object.directiveKey ?? ""
        let argument = object[name]
        guard let directive = MappingDirective(rawValue: name) else {
            throw .runtime("\(name) is not a valid directive, got undefined")
        }
        switch directive {
        case .path: return try resolvePath(argument, payload: payload)
        case .template: return try resolveTemplate(argument, payload: payload)
        case .literal: return try resolve(argument, payload: payload)
        case .if: return try resolveIf(argument, payload: payload)
        case .case: return try resolveCase(argument, payload: payload)
        case .replace: return try resolveReplace(argument, payload: payload)
        case .arrayPath: return try resolveArrayPath(argument, payload: payload)
        case .json: return try resolveJSON(argument, payload: payload)
        case .flatten: return try resolveFlatten(argument, payload: payload)
        case .merge: return try resolveMerge(argument, payload: payload)
        case .transform: return try resolveTransform(argument, payload: payload)
        case .excludeWhenNull: return try resolveExcludeWhenNull(argument, payload: payload)
        case .liquid: return .json(.string(try LiquidDirective.resolve(argument, data: payload.cleaned ?? .null)))
        }
    }
}

/// A mapping checked once and then resolved against many events: a sync or a check resolves one
/// mapping per record, and validating it each time would repeat the same work millions of times.
public struct PreparedMapping: Sendable {
    private let mapping: JSONValue
    /// The same mapping compiled for resolution without string parsing, when its root is a plain object.
    private let compiled: CompiledMapping?

    /// Expands the root directive and validates the structure, as `MappingEngine.transform` does.
    public init(_ mapping: JSONObject) throws(MappingError) {
        let expanded = try MappingEngine.expandingRootDirective(mapping)
        let issues = MappingValidator.validate(expanded)
        guard issues.isEmpty else { throw .invalidMapping(issues) }
        self.mapping = expanded
        compiled = CompiledMapping(expanded)
    }

    /// See ``CompiledMapping/eventMembersRead``; nil for a mapping only the general engine resolves.
    var eventMembersRead: [[String]]? {
        compiled?.eventMembersRead
    }

    /// `MappingEngine.transform` without the checks `init` already made.
    public func transform(data: JSONObject) throws(MappingError) -> JSONObject {
        if let compiled { return try compiled.resolve(data: data) }
        let result = ResolvedValue(try MappingEngine.resolve(mapping, payload: .json(.object(data))).cleaned)
        guard case .object(let object)? = result.cleaned else {
            throw .runtime("mapping must resolve to an object, got \(result.typeName)")
        }
        return object
    }
}

/// A mapping's plain-object skeleton compiled once for a sync: `@path` arguments already stripped of
/// `$.` and split into keys, `@template` strings already cut into text and placeholders, `@liquid`
/// templates already parsed, literals kept as they are. Resolving it against an event parses no string.
///
/// Only values whose resolution cannot differ from ``MappingEngine``'s are compiled; every other value
/// (other directives, arrays, directives whose arguments are themselves directives) stays
/// ``CompiledMappingNode/general(_:)`` and goes through the general engine, so results, `undefined`
/// handling and errors are exactly the engine's.
struct CompiledMapping: Sendable {
    private let fields: [(key: String, node: CompiledMappingNode)]

    /// Nil when the mapping's root is not a plain object (a root directive), which only the general
    /// engine resolves.
    init?(_ mapping: JSONValue) {
        guard case .object(let object) = mapping, !object.isDirective else { return nil }
        fields = object.map { ($0.key, CompiledMappingNode($0.value)) }
    }

    /// The paths the mapping reads (templates' placeholders included) when every value it resolves to
    /// is a literal, a value the event holds (see ``CompiledPath/eventMember``) or a template of such
    /// values, in objects of such values: then what it makes of a record depends on each value's type,
    /// emptiness and text as a whole, never on what the text says (no directive that reads, splits or
    /// matches text). Nil for any other mapping.
    var eventMembersRead: [[String]]? {
        CompiledMappingNode.eventMembersRead(by: fields.map(\.node))
    }

    /// The cleaned resolution of the mapping against `data`: what
    /// `MappingEngine.resolve(mapping, payload: .json(.object(data))).cleaned` gives.
    func resolve(data: JSONObject) throws(MappingError) -> JSONObject {
        try CompiledMappingNode.resolve(fields, root: .object(data))
    }
}

/// One compiled mapping value; see ``CompiledMapping``.
indirect enum CompiledMappingNode: Sendable {
    /// A scalar, which resolves to itself.
    case literal(JSONValue)
    /// `{"@path": "<string>"}`.
    case path(CompiledPath)
    /// `{"@template": "<string>"}` without `{{{…}}}` placeholders.
    case template([TemplateSegment])
    /// `{"@liquid": "<string>"}`, parsed (or its parse error kept for every record, as Segment reports it).
    case liquid(LiquidDirective)
    /// A plain object, resolved key by key.
    case object([(key: String, node: CompiledMappingNode)])
    /// Anything else, resolved by ``MappingEngine``.
    case general(JSONValue)

    init(_ value: JSONValue) {
        switch value {
        case .null, .bool, .integer, .number, .string:
            self = .literal(value)
        case .array:
            self = .general(value)
        case .object(let object) where object.isDirective:
            self = Self.directive(object) ?? .general(value)
        case .object(let object):
            self = .object(object.map { ($0.key, CompiledMappingNode($0.value)) })
        }
    }

    /// See ``CompiledMapping/eventMembersRead``.
    var eventMembersRead: [[String]]? {
        switch self {
        case .literal: []
        case .path(let path): path.eventMember.map { [$0] }
        case .template(let segments):
            segments.reduce([[String]]?.some([])) { read, segment in
                guard case .placeholder(let path) = segment else { return read }
                guard let read, let member = path.eventMember else { return nil }
                return read + [member]
            }
        case .object(let fields): Self.eventMembersRead(by: fields.map(\.node))
        case .liquid, .general: nil
        }
    }

    static func eventMembersRead(by nodes: [CompiledMappingNode]) -> [[String]]? {
        nodes.reduce([[String]]?.some([])) { read, node in
            guard let read, let more = node.eventMembersRead else { return nil }
            return read + more
        }
    }

    private static func directive(_ object: JSONObject) -> CompiledMappingNode? {
        guard let name = object.directiveKey, case .string(let argument)? = object[name] else { return nil }
        switch MappingDirective(rawValue: name) {
        case .path?:
            return .path(CompiledPath(PathLookup.stripRootPrefix(argument)))
        case .template?:
            return TemplateRenderer.segments(of: argument).map(CompiledMappingNode.template)
        case .liquid?:
            return .liquid(LiquidDirective(template: argument))
        default:
            return nil
        }
    }

    /// The node's cleaned value against `root` (the event), `nil` for undefined.
    func resolve(root: JSONValue) throws(MappingError) -> JSONValue? {
        switch self {
        case .literal(let value):
            return value
        case .path(let path):
            return path.lookup(in: root)
        case .template(let segments):
            return .string(TemplateRenderer.render(segments, root: root))
        case .liquid(let directive):
            return .string(try directive.render(data: root))
        case .object(let fields):
            return .object(try Self.resolve(fields, root: root))
        case .general(let mapping):
            return try MappingEngine.resolve(mapping, payload: .json(root)).cleaned
        }
    }

    static func resolve(_ fields: [(key: String, node: CompiledMappingNode)], root: JSONValue) throws(MappingError)
        -> JSONObject
    {
        // A mapping object's keys are distinct, so the resolved values are appended without a search.
        var object = JSONObject(reservingCapacity: fields.count)
        for field in fields {
            if let value = try field.node.resolve(root: root) { object.appendDistinct(field.key, value) }
        }
        return object
    }
}

/// A path already stripped of `$.` and split into the keys it walks (see ``PathLookup``).
struct CompiledPath: Sendable {
    /// `""` and `"."` read the root itself.
    private let isRoot: Bool
    private let components: [String]

    init(_ path: String) {
        isRoot = path.isEmpty || path == "."
        components = isRoot ? [] : PathLookup.components(of: path)
    }

    /// The path's keys when it reads one key of the event, or one column of its `properties` (see
    /// ``RecordEvent``): a value as the record holds it, not a character or the length of a string.
    /// A path under a key no record event has, such as `context.consent` (the consent field's
    /// default), reads just that key: it is undefined for every record.
    var eventMember: [String]? {
        if components.count == 1 || (components.count == 2 && components[0] == RecordEvent.propertiesKey) {
            return components
        }
        guard let first = components.first, !Self.recordEventKeys.contains(first) else { return nil }
        return [first]
    }

    /// The keys every record event has (the deleted shape has them all, with no columns).
    private static let recordEventKeys = Set(
        RecordEvent.deleted(id: "", columnNames: [], messageId: "").objectValue?.keys ?? [])

    /// `get(root, path)`, as ``PathLookup/get(_:path:)`` walks it.
    func lookup(in root: JSONValue) -> JSONValue? {
        if isRoot { return root }
        var current: JSONValue? = root
        for key in components {
            guard let value = current, value.isTruthy else { return current }
            current = value.member(key)
        }
        return current
    }
}

/// A piece of a compiled `@template`: text kept as written, or a placeholder's trimmed path.
enum TemplateSegment: Sendable {
    case text(String)
    case placeholder(CompiledPath)
}

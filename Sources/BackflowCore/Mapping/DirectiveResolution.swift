/// How each directive resolves at runtime, with Segment's checks and error texts.
///
/// Most checks repeat what validation already guarantees; they still matter inside `@literal` and
/// `@excludeWhenNull`, whose arguments validation only inspects at the top level. "Raw" below means the
/// option as written in the mapping, before resolving, which is what Segment tests for truthiness.
extension MappingEngine {
    /// `@path`: the argument (a string, or a directive giving one) minus its first `$.`, looked up in the event.
    static func resolvePath(_ argument: JSONValue?, payload: ResolvedValue) throws(MappingError) -> ResolvedValue {
        let path = try resolveString(argument, directive: .path, payload: payload)
        return payload.lookup(PathLookup.stripRootPrefix(path))
    }

    /// `@template`: `{{path}}` placeholders filled from the event; `$.` is not stripped here.
    static func resolveTemplate(_ argument: JSONValue?, payload: ResolvedValue) throws(MappingError) -> ResolvedValue {
        let template = try resolveString(argument, directive: .template, payload: payload)
        return .json(.string(TemplateRenderer.render(template, payload: payload)))
    }

    private static func resolveString(_ argument: JSONValue?, directive: MappingDirective, payload: ResolvedValue) throws(MappingError) -> String {
        let value = try resolve(argument, payload: payload)
        guard let text = value.stringValue else {
            throw .runtime("\(directive.rawValue): expected string, got \(value.typeName)")
        }
        return text
    }

    /// `@if`: `exists` tests for a value other than undefined and null; `blank` also rejects values loosely
    /// equal to `""` (`0`, `false`, `""`, `[]`). `then` is used whenever present, `else` only when raw-truthy,
    /// so `else: false` behaves as no `else` at all.
    static func resolveIf(_ argument: JSONValue?, payload: ResolvedValue) throws(MappingError) -> ResolvedValue {
        guard case .object(let options)? = argument else {
            throw .runtime(#"@if requires an object with an "exists" key"#)
        }
        guard options["exists"]?.isTruthy == true || options["blank"]?.isTruthy == true else {
            throw .runtime(#"@if requires an "exists" key or a "blank" key"#)
        }
        let condition: Bool
        if let exists = options["exists"] {
            condition = !(try resolve(exists, payload: payload)).isUndefinedOrNull
        } else {
            let value = try resolve(options["blank"], payload: payload)
            condition = !value.isUndefinedOrNull && !value.looselyEqualsEmptyString
        }
        if condition, let then = options["then"] { return try resolve(then, payload: payload) }
        if !condition, let otherwise = options["else"], otherwise.isTruthy { return try resolve(otherwise, payload: payload) }
        return .undefined
    }

    /// `@case`: lower- or upper-cases a string; other values pass through without the operator being checked;
    /// a raw-falsy `value` gives undefined.
    static func resolveCase(_ argument: JSONValue?, payload: ResolvedValue) throws(MappingError) -> ResolvedValue {
        guard case .object(let options)? = argument else {
            throw .runtime(#"@case requires an object with a "operator" key"#)
        }
        guard let operation = options["operator"], operation.isTruthy else {
            throw .runtime(#"@case requires a "operator" key"#)
        }
        guard let raw = options["value"], raw.isTruthy else { return .undefined }
        let value = try resolve(raw, payload: payload)
        guard let text = value.stringValue else { return value }
        switch operation {
        case "lower": return .json(.string(text.javaScriptLowercased()))
        case "upper": return .json(.string(text.uppercased()))
        default: throw .runtime(#"operator key should have a value of "lower" or "upper""#)
        }
    }

    /// `@replace`: literal (not regular-expression) replacement, global and case-sensitive unless told
    /// otherwise, with an optional second pair applied to the result. Booleans and numbers are replaced in as
    /// text; any other value (a missing path, `null`) gives `""`, not undefined, as in Segment.
    static func resolveReplace(_ argument: JSONValue?, payload: ResolvedValue) throws(MappingError) -> ResolvedValue {
        guard case .object(let options)? = argument else {
            throw .runtime(#"@replace requires an object with a "pattern" key"#)
        }
        guard let pattern = options["pattern"], pattern.isTruthy else {
            throw .runtime(#"@replace requires a "pattern" key"#)
        }
        guard let raw = options["value"], raw.isTruthy else { return .undefined }
        let replacement = orDefault(options["replacement"], "")
        let ignoreCase = orDefault(options["ignorecase"], false)
        let global = orDefault(options["global"], true)
        let secondPattern = options["pattern2"]
        let secondReplacement = secondPattern?.isTruthy == true ? orDefault(options["replacement2"], "") : options["replacement2"]

        let value = try resolve(raw, payload: payload)
        var text: String
        if let string = value.stringValue {
            text = string
        } else if value.isNumberOrBoolean {
            text = value.javaScriptString
        } else {
            return .json(.string(""))
        }
        guard case .string(let first) = pattern, case .string(let firstReplacement) = replacement,
            case .bool(let ignoringCase) = ignoreCase, case .bool(let isGlobal) = global
        else { return .json(.string("")) }
        let replacer = LiteralReplacer(global: isGlobal, ignoreCase: ignoringCase)
        text = try replacer.replace(first, with: firstReplacement, in: text)
        if case .string(let second)? = secondPattern, !second.isEmpty, case .string(let secondWith)? = secondReplacement {
            text = try replacer.replace(second, with: secondWith, in: text)
        }
        return .json(.string(text))
    }

    /// Segment's `opts.x == null ? default : opts.x`.
    private static func orDefault(_ option: JSONValue?, _ fallback: JSONValue) -> JSONValue {
        guard let option, option != .null else { return fallback }
        return option
    }

    /// `@arrayPath`: `[path, itemShape?]`. With a non-empty object shape and an object or array found, each item
    /// (a lone object counting as one item) is resolved through the shape with paths relative to the item.
    static func resolveArrayPath(_ argument: JSONValue?, payload: ResolvedValue) throws(MappingError) -> ResolvedValue {
        guard case .array(let options)? = argument else {
            throw .runtime("@arrayPath expected array, got \(ResolvedValue(argument).typeName)")
        }
        let path = options.first
        let shape: JSONValue? = options.count > 1 ? options[1] : nil
        let root: ResolvedValue
        if case .string(let text)? = path {
            root = payload.lookup(PathLookup.stripRootPrefix(text))
        } else {
            root = try resolve(path, payload: payload)
        }
        guard root.isPlainObject || root.isArray, case .object(let itemShape)? = shape, !itemShape.isEmpty else {
            return root
        }
        var items: [ResolvedValue] = []
        for item in root.arrayItems ?? [root] { items.append(try resolve(shape, payload: item)) }
        return .array(items)
    }

    /// `@json`: `encode` is compact `JSON.stringify` (undefined stays undefined); `decode` parses a string and
    /// gives the string back unchanged when it is not JSON. Modes are compared exactly; another mode gives undefined.
    static func resolveJSON(_ argument: JSONValue?, payload: ResolvedValue) throws(MappingError) -> ResolvedValue {
        guard case .object(let options)? = argument else {
            throw .runtime(#"@json requires an object with a "value" key"#)
        }
        guard let mode = options["mode"], mode.isTruthy else { throw .runtime(#"@json requires a "mode" key"#) }
        guard let raw = options["value"], raw.isTruthy else { throw .runtime(#"@json requires a "value" key"#) }
        let value = try resolve(raw, payload: payload)
        switch mode {
        case "encode":
            return ResolvedValue(value.cleaned.map { .string(JSONWriter.compact($0)) })
        case "decode":
            guard let text = value.stringValue else { return value }
            return .json((try? JSONReader.parse(text)) ?? .string(text))
        default:
            return .undefined
        }
    }

    /// `@flatten`: nested objects (and arrays, unless `omitArrays` is raw-truthy) become one level of keys
    /// joined by `separator`.
    static func resolveFlatten(_ argument: JSONValue?, payload: ResolvedValue) throws(MappingError) -> ResolvedValue {
        guard case .object(let options)? = argument else {
            throw .runtime(#"@flatten requires an object with a "separator" key"#)
        }
        guard let rawSeparator = options["separator"], rawSeparator.isTruthy else {
            throw .runtime(#"@flatten requires a "separator" key"#)
        }
        guard let separator = try resolve(rawSeparator, payload: payload).stringValue else {
            throw .runtime("@flatten requires a string separator")
        }
        let value = try resolve(options["value"], payload: payload)
        let omitArrays = options["omitArrays"]?.isTruthy ?? false
        return .object(ObjectFlattener(separator: separator, omitArrays: omitArrays).flatten(value))
    }

    /// `@merge`: the resolved objects assigned in order into `{}` (later keys win); `left` reverses the list
    /// first so the leftmost wins. Null and undefined entries are skipped.
    static func resolveMerge(_ argument: JSONValue?, payload: ResolvedValue) throws(MappingError) -> ResolvedValue {
        guard case .object(let options)? = argument else {
            throw .runtime(#"@merge requires an object with an "objects" key and a "direction" key"#)
        }
        guard let rawDirection = options["direction"], rawDirection.isTruthy else {
            throw .runtime(#"@merge requires a "direction" key"#)
        }
        let direction = try resolve(rawDirection, payload: payload)
        guard let rawObjects = options["objects"], rawObjects.isTruthy else {
            throw .runtime(#"@merge requires a "objects" key"#)
        }
        guard case .array(let entries) = rawObjects else {
            throw .runtime("@merge: expected opts.array, got \(rawObjects.javaScriptTypeof)")
        }
        var objects: [ResolvedValue] = []
        for entry in entries { objects.append(try resolve(entry, payload: payload)) }
        if direction.stringValue == "left" { objects.reverse() }
        var merged = ResolvedObject()
        for object in objects {
            for (key, value) in object.ownEnumerableEntries { merged.set(key, value) }
        }
        return .object(merged)
    }

    /// `@transform`: the event is first run through `apply` (a whole mapping: validated, undefined removed),
    /// then `mapping` is resolved against that result.
    static func resolveTransform(_ argument: JSONValue?, payload: ResolvedValue) throws(MappingError) -> ResolvedValue {
        guard case .object(let options)? = argument else {
            throw .runtime(#"@transform requires an object with an "apply" key and a "mapping" key"#)
        }
        guard let mapping = options["mapping"], mapping.isTruthy else {
            throw .runtime(#"@transform requires a "mapping" key"#)
        }
        guard let apply = options["apply"], apply.isTruthy else {
            throw .runtime(#"@transform requires a "apply" key"#)
        }
        guard case .object = apply else { throw .runtime(#"@transform "apply" key should be an object"#) }
        let newPayload = try transform(apply, payload: payload)
        return try resolve(mapping, payload: newPayload)
    }

    /// `@excludeWhenNull`: `null` becomes undefined (the key is dropped); in an object, keys holding `null`
    /// are removed, through nested objects but not inside arrays.
    static func resolveExcludeWhenNull(_ argument: JSONValue?, payload: ResolvedValue) throws(MappingError) -> ResolvedValue {
        let value = try resolve(argument, payload: payload)
        return value.isNull ? .undefined : value.removingNullKeys
    }
}

extension ResolvedValue {
    var isNumberOrBoolean: Bool {
        switch self {
        case .json(.bool), .json(.integer), .json(.number): return true
        default: return false
        }
    }

    /// The keys `Object.assign` copies from a value: an object's entries, an array's or a string's indices.
    var ownEnumerableEntries: [(key: String, value: ResolvedValue)] {
        if let entries = objectEntries { return entries }
        if let items = arrayItems { return items.enumerated().map { (String($0.offset), $0.element) } }
        if let text = stringValue {
            return text.utf16.enumerated().map { (String($0.offset), .json(.string(String(decoding: [$0.element], as: UTF16.self)))) }
        }
        return []
    }

    /// A copy of a plain object without its `null` keys, recursively through nested plain objects.
    var removingNullKeys: ResolvedValue {
        guard let entries = objectEntries else { return self }
        var result = ResolvedObject()
        for (key, value) in entries where !value.isNull {
            result.set(key, value.isPlainObject ? value.removingNullKeys : value)
        }
        return .object(result)
    }
}

extension JSONValue {
    /// JavaScript's `typeof` for a JSON value (`object` for objects, arrays and null).
    var javaScriptTypeof: String {
        switch self {
        case .null, .array, .object: return "object"
        case .bool: return "boolean"
        case .integer, .number: return "number"
        case .string: return "string"
        }
    }
}

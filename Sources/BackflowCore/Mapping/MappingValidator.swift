/// Segment's structural check of a mapping (`validate.ts`), run before every resolution.
///
/// It reports what Segment reports, in the same order and words: sibling problems are all collected, but a
/// check that fails stops the checks after it at the same level, as Segment's thrown errors do. Quirks kept
/// on purpose: array elements are not checked, the arguments of `@literal` and `@excludeWhenNull` are only
/// checked at their top level, and a bad `@merge` entry is reported at the root path (`/ should be a object…`)
/// and only for the first bad entry.
public enum MappingValidator {
    /// Every problem in `mapping`, or `[]` when it is well formed.
    public static func validate(_ mapping: JSONValue) -> [MappingIssue] {
        validate(mapping, at: [])
    }

    static func validate(_ mapping: JSONValue?, at path: [String]) -> [MappingIssue] {
        guard let mapping else { return [] }
        switch kind(of: mapping) {
        case "directive": return validateDirective(mapping, at: path)
        case "object": return validateObject(mapping, at: path)
        default: return []
        }
    }

    // MARK: Shapes

    /// Segment's `realTypeOrDirective`: the JSON type name, with objects holding an `@` key called `directive`.
    private static func kind(of value: JSONValue?) -> String {
        guard let value else { return "undefined" }
        if case .object(let object) = value, object.keys.contains(where: { $0.hasPrefix("@") }) { return "directive" }
        return value.typeName
    }

    private static func article(_ word: String) -> String {
        guard let first = word.first else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }

    private static func issue(_ path: [String], _ expectation: String, butGot kind: String) -> [MappingIssue] {
        [MappingIssue(path: path, message: "\(expectation) but it is \(article(kind)) \(kind)")]
    }

    private static func validateDirective(_ value: JSONValue, at path: [String]) -> [MappingIssue] {
        guard case .object(let object) = value else { return [] }
        let directiveKeys = object.keys.filter { $0.hasPrefix("@") }
        if directiveKeys.count > 1 {
            return [MappingIssue(path: path, message: "should only have one @-prefixed key but it has \(directiveKeys.count) keys")]
        }
        if object.keys.contains(where: { !$0.hasPrefix("@") && $0 != "_metadata" }) {
            return [MappingIssue(path: path, message: "should only have one @-prefixed key but it has \(object.count) keys")]
        }
        let name = directiveKeys[0]
        guard let directive = MappingDirective(rawValue: name) else {
            return [MappingIssue(path: path, message: "has an invalid directive: \(name)")]
        }
        return validateArgument(of: directive, object[name], at: path + [name])
    }

    private static func directiveOrRaw(_ value: JSONValue?, at path: [String]) -> [MappingIssue] {
        kind(of: value) == "directive" ? validateDirective(value!, at: path) : []
    }

    private static func directiveOrString(_ value: JSONValue?, at path: [String]) -> [MappingIssue] {
        switch kind(of: value) {
        case "directive": return validateDirective(value!, at: path)
        case "string": return []
        case let other: return issue(path, "should be a string or a mapping directive", butGot: other)
        }
    }

    private static func directiveOrObject(_ value: JSONValue?, at path: [String]) -> [MappingIssue] {
        switch kind(of: value) {
        case "directive": return validateDirective(value!, at: path)
        case "object": return validateObject(value, at: path)
        case let other: return issue(path, "should be a object or a mapping directive", butGot: other)
        }
    }

    private static func string(_ value: JSONValue?, at path: [String]) -> [MappingIssue] {
        let found = kind(of: value)
        return found == "string" ? [] : issue(path, "should be a string", butGot: found)
    }

    private static func boolean(_ value: JSONValue?, at path: [String]) -> [MappingIssue] {
        let found = kind(of: value)
        return found == "boolean" ? [] : issue(path, "should be a boolean", butGot: found)
    }

    /// A string of `minimum...maximum` UTF-16 units (JavaScript's `length`), checked only after ``string(_:at:)``.
    private static func string(lengths: ClosedRange<Int>) -> (JSONValue?, [String]) -> [MappingIssue] {
        { value, path in
            if let issues = nonEmpty(string(value, at: path)) { return issues }
            let length = value?.stringValue?.utf16.count ?? 0
            if length < lengths.lowerBound {
                return [MappingIssue(path: path, message: "should be a string of length \(lengths.lowerBound) or greater")]
            }
            if length > lengths.upperBound {
                return [MappingIssue(path: path, message: "should be a string of length \(lengths.upperBound) or less")]
            }
            return []
        }
    }

    /// One of `allowed`, compared case-insensitively (resolution itself compares exactly).
    private static func oneOf(_ allowed: [String]) -> (JSONValue?, [String]) -> [MappingIssue] {
        { value, path in
            if let issues = nonEmpty(string(value, at: path)) { return issues }
            let text = value?.stringValue ?? ""
            guard !allowed.contains(text.lowercased()) else { return [] }
            let shown = JSONWriter.compact(.string(text))
            return [MappingIssue(path: path, message: "should be one of \(allowed.joined(separator: ", ")) but it is \(shown)")]
        }
    }

    private static func validateArray(_ value: JSONValue?, at path: [String]) -> [MappingIssue] {
        let found = value?.typeName ?? "undefined"
        return found == "array" ? [] : issue(path, "should be an array", butGot: found)
    }

    /// A plain object: no `@` keys, each value itself a valid mapping; every value's problems are collected.
    private static func validateObject(_ value: JSONValue?, at path: [String]) -> [MappingIssue] {
        let found = kind(of: value)
        guard found == "object", case .object(let object)? = value else {
            return issue(path, "should be an object", butGot: found)
        }
        return object.entries.flatMap { validate($0.value, at: path + [$0.key]) }
    }

    private enum Field {
        case required(String, (JSONValue?, [String]) -> [MappingIssue])
        case optional(String, (JSONValue?, [String]) -> [MappingIssue])
    }

    private static func validateObject(_ value: JSONValue?, fields: [Field], at path: [String]) -> [MappingIssue] {
        if let issues = nonEmpty(validateObject(value, at: path)) { return issues }
        let object = value?.objectValue ?? JSONObject()
        return fields.flatMap { field -> [MappingIssue] in
            switch field {
            case .required(let name, let check):
                guard object.contains(name) else {
                    return [MappingIssue(path: path, message: "should have field \"\(name)\" but it doesn't")]
                }
                return check(object[name], path + [name])
            case .optional(let name, let check):
                return object.contains(name) ? check(object[name], path + [name]) : []
            }
        }
    }

    private static func nonEmpty(_ issues: [MappingIssue]) -> [MappingIssue]? {
        issues.isEmpty ? nil : issues
    }

    // MARK: Directive arguments

    private static func validateArgument(of directive: MappingDirective, _ argument: JSONValue?, at path: [String]) -> [MappingIssue] {
        switch directive {
        case .path, .template:
            return directiveOrString(argument, at: path)
        case .literal, .excludeWhenNull:
            return directiveOrRaw(argument, at: path)
        case .liquid:
            return string(argument, at: path)
        case .if:
            return validateObject(argument, fields: [
                .optional("exists", directiveOrRaw), .optional("then", directiveOrRaw), .optional("else", directiveOrRaw),
            ], at: path)
        case .case:
            return validateObject(argument, fields: [
                .optional("operator", string), .optional("value", directiveOrString),
            ], at: path)
        case .replace:
            return validateObject(argument, fields: [
                .required("pattern", string(lengths: 1...MappingLimits.replacePatternLength)),
                .optional("replacement", string(lengths: 0...MappingLimits.replaceReplacementLength)),
                .required("value", directiveOrString),
                .optional("ignorecase", boolean),
                .optional("global", boolean),
            ], at: path)
        case .arrayPath:
            if let issues = nonEmpty(validateArray(argument, at: path)) { return issues }
            let items = argument?.arrayValue ?? []
            if let issues = nonEmpty(directiveOrString(items.first, at: path)) { return issues }
            let itemShape: JSONValue? = items.count > 1 ? items[1] : nil
            return validate(itemShape, at: path)
        case .json:
            return validateObject(argument, fields: [
                .required("value", directiveOrRaw), .required("mode", oneOf(["encode", "decode"])),
            ], at: path)
        case .flatten:
            return validateObject(argument, fields: [
                .optional("separator", string), .required("value", directiveOrRaw),
            ], at: path)
        case .merge:
            let fields: [Field] = [.optional("direction", oneOf(["left", "right"])), .required("objects", validateArray)]
            if let issues = nonEmpty(validateObject(argument, fields: fields, at: path)) { return issues }
            for entry in argument?.objectValue?["objects"]?.arrayValue ?? [] {
                if let issues = nonEmpty(directiveOrObject(entry, at: [])) { return issues }
            }
            return []
        case .transform:
            return validateObject(argument, fields: [
                .required("apply", directiveOrObject), .required("mapping", directiveOrObject),
            ], at: path)
        }
    }
}

/// The length limits `@replace` enforces on its patterns and replacements (in UTF-16 units).
enum MappingLimits {
    static let replacePatternLength = 10
    static let replaceReplacementLength = 10
}

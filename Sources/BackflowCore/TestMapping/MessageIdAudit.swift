/// Why a mapping's messages may not carry ids Segment can de-duplicate on, for `backflow check`.
///
/// Segment drops any message whose `messageId` it has seen in the last day or more, by id alone, and
/// the Tracking API gives a message without one a fresh random id. So a resend after a crash is
/// dropped only if it carries the id of the first send, and a new version of a record is delivered
/// only if its id is new: both hold when `message_id` is the record event's own id (`$.messageId`,
/// the field's default).
public struct MessageIdWarning: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// `message_id` can resolve to nothing: no key, `null`, `""`, a column that may be null.
        case canBeMissing = "can_be_missing"
        /// `message_id` reads nothing from the record: every message carries the same id.
        case sameForEveryMessage = "same_for_every_message"
        /// `message_id` reads the record but not its message id: a value that repeats repeats the id.
        case repeatsWithValues = "repeats_with_values"
    }

    public let kind: Kind
    public let mapping: String
    /// Where `message_id` (or, when the file does not write it, the mapping) is written.
    public let location: SourceLocation?
    /// What the mapping makes of `message_id`, defaults applied; `nil` when it has no such key.
    public let value: JSONValue?

    /// The warning in plain words, ending with the fix.
    public var message: String {
        let mapped = value.map(JSONWriter.compact) ?? "nothing"
        let fix = "map it to {\"@path\": \"$.messageId\"}, or remove the key to get that default"
        switch kind {
        case .canBeMissing:
            return "message_id (\(mapped)) can resolve to nothing: Segment gives such a message a random id, so "
                + "a resend after a failure or a crash is never de-duplicated; " + fix
        case .sameForEveryMessage:
            return "every message carries the same message_id (\(mapped)): Segment keeps the first and drops "
                + "every later one as a duplicate; " + fix
        case .repeatsWithValues:
            return "message_id (\(mapped)) does not follow the message's own id: messages that resolve to an id "
                + "Segment has seen are dropped as duplicates, so later changes of a record can be lost; " + fix
        }
    }

    /// `backflow.yml:40:19: Identify users: message_id (…) can resolve to nothing: …`.
    public var description: String {
        (location.map { "\($0): " } ?? "") + "\(mapping): " + message
    }

    /// The warning for `--json` output.
    public var document: JSONValue {
        .object([
            "mapping": .string(mapping),
            "field": .string(MessageIdAudit.fieldKey),
            "kind": .string(kind.rawValue),
            "location": location.map { .string($0.description) } ?? .null,
            "message": .string(message),
        ])
    }
}

/// Judges a mapping's `message_id` by resolving it, defaults applied, against probe records whose
/// columns are all missing, as a deleted record's are: what resolves to nothing there can resolve to
/// nothing for some record. Two probes differing only in their message id tell whether the id follows it.
public enum MessageIdAudit {
    /// The field both destinations' actions send as the message's `messageId`.
    public static let fieldKey = "message_id"

    /// The one warning `mapping`'s `message_id` deserves, or nil when it is the record event's own id
    /// (or a value built around it), or when the mapping is invalid (reported elsewhere).
    public static func warning(for mapping: ResolvedMapping) -> MessageIdWarning? {
        let fields = MappingDefaults.withHiddenDefaults(mapping.config.fields, of: mapping.action)
        guard mapping.action.field(fieldKey) != nil, let kind = kind(of: fields) else { return nil }
        return MessageIdWarning(
            kind: kind, mapping: mapping.name,
            location: mapping.config.fieldLocations[fieldKey] ?? mapping.config.locations.element,
            value: fields[fieldKey])
    }

    private static func kind(of fields: JSONObject) -> MessageIdWarning.Kind? {
        var probeFields = JSONObject()
        if let root = fields[MappingEngine.rootDirectiveKey] { probeFields[MappingEngine.rootDirectiveKey] = root }
        probeFields[fieldKey] = fields[fieldKey]
        let first: JSONValue?
        let second: JSONValue?
        do throws(MappingError) {
            let prepared = try PreparedMapping(probeFields)
            first = try id(prepared, messageID: "probe-message-1")
            second = try id(prepared, messageID: "probe-message-2")
        } catch {
            return nil
        }
        guard let first, let second else { return .canBeMissing }
        if !readsTheRecord(.object(probeFields)) { return .sameForEveryMessage }
        return first == second ? .repeatsWithValues : nil
    }

    /// The id a message of the probe record gets; `nil` when the field resolves to nothing, `null` or `""`.
    private static func id(_ prepared: PreparedMapping, messageID: String) throws(MappingError) -> JSONValue? {
        let event = RecordEvent.deleted(id: "probe-record", columnNames: [], messageId: messageID)
        switch try prepared.transform(data: event.objectValue ?? [:])[fieldKey] {
        case nil, .null?, .string("")?: return nil
        case let value?: return value
        }
    }

    /// Whether any part of `value` reads the record: the mapping language reads it only through
    /// `@path`, `@arrayPath` and `@template` placeholders.
    private static func readsTheRecord(_ value: JSONValue) -> Bool {
        switch value {
        case .array(let items):
            return items.contains(where: readsTheRecord)
        case .object(let object):
            return object.entries.contains { key, member in
                switch MappingDirective(rawValue: key) {
                case .path?, .arrayPath?: return true
                case .template?: return member.stringValue?.contains("{{") ?? true
                default: return readsTheRecord(member)
                }
            }
        default:
            return false
        }
    }
}

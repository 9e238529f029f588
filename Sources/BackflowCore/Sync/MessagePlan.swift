import Foundation

/// A mapping's message for one kind of change, as fixed bytes with holes where a record's values go:
/// a sync writes most messages from it instead of resolving, validating and building each one value
/// by value, which took most of a sync's time.
///
/// The plan has no rule of its own; it is read off Test Mapping
/// (``ResolvedMapping/test(_:change:messageID:)``):
/// - A probe record whose every value (id, message id, each column) is a marker string runs through
///   Test Mapping. Where a marker lands in the message's bytes, there is a hole for that value.
/// - Then, for each value and each ``ValueClass``, sample values of the class run through Test Mapping
///   in the marker's place. The class is accepted for that value only if every sample's message is
///   the plan's bytes with the sample written into the holes, each hole as JSON or as text (a
///   template's placeholder, a string coerced from a number).
/// - A record whose values all fall in accepted classes gets the plan's bytes. Any other record, or a
///   message over the size limit, goes through Test Mapping.
///
/// Values the mapping never reads are not tried: they cannot change the message.
///
/// That is exact where a message depends on each value's class but not on the rest of its text. The
/// plan is therefore only made for mappings that copy values verbatim
/// (``PreparedMapping/eventMembersRead``) into actions that do not read their fields' text: Send
/// Subscriptions reads statuses and gets no plan.
///
/// Validation's one check of text, the date-like format of date fields (``DateLikeFormat``), depends on
/// the whole text, so sampling cannot prove a class for it: `{{properties.n}}` gives a date for `7` but
/// not for `100000000000000000`. Where a date field's text is exactly one value's text (its marker, in
/// the probe), that value's class is told by the verdict on its own text: strings, integers and numbers
/// whose text is not date-like are ``ValueClass/undated``, a class of their own. A date field whose text
/// mixes a value with other text or other values gets no plan.
///
/// Each value's classes are tried with the other values at their markers, so a rule that joins two
/// values is not tried as such. The one in Segment's actions, a user id or an anonymous id, cannot
/// be broken on the plan's path: it fails only when both ids are empty or null, and an empty or null
/// id is dropped before the rule, which changes the message, so those classes are refused for the
/// ids. Debug builds check every planned message against Test Mapping's (see ``ChunkBuilder``).
///
/// A class, so that a builder takes a plan for each record with one retain rather than one for each
/// of its arrays.
final class MessagePlan: Sendable {
    /// What a value is, as far as a message can tell without reading its text, but for the one thing
    /// validation reads in text: whether the text a date field would hold is date-like.
    enum ValueClass: Int, CaseIterable, Sendable {
        case null, boolean, emptyString, string, integer, number
        /// A string, integer or number whose text (JavaScript's `String(value)`, a template's text of it)
        /// is not date-like, where the value is a date field's whole text.
        case undated

        /// Nil for arrays and objects, which a plan never takes, and for `Infinity` and `NaN` (a float
        /// column's `'Infinity'::float8`), which no sample stands for: Segment's runtime fails them in a
        /// number field (Ajv's strict numbers), writes `null` for them in an object (`JSON.stringify`)
        /// and `Infinity` in a template, so only Test Mapping can tell which. `readingDates` when the
        /// value is a date field's whole text.
        init?(_ value: JSONValue, readingDates: Bool = false) {
            // Each kind of value matched once, then the one check of text: this runs for every value
            // a plan writes.
            let kind: ValueClass
            switch value {
            case .null: self = .null; return
            case .bool: self = .boolean; return
            case .array, .object: return nil
            case .string(let text):
                if text.isEmpty {
                    self = .emptyString
                    return
                }
                kind = .string
            case .integer: kind = .integer
            case .number(let number):
                guard number.isFinite else { return nil }
                kind = .number
            }
            self = readingDates && !DateLikeFormat.isValid(JavaScriptConversions.string(from: value)) ? .undated : kind
        }

        /// The values tried in a marker's place, of which a slot tries those of the class there: for
        /// strings and numbers, ones whose JSON needs escaping or a JavaScript number format, dates of
        /// several forms, and zero, which is falsy.
        var samples: [JSONValue] {
            switch self {
            case .null: [.null]
            case .boolean: [true, false]
            case .emptyString: [""]
            case .string:
                [
                    "x", "Zoë \"quoted\" \\ line\nbreak \u{1} end", "true", "2024-01-31T23:59:59Z", "2024-05-06",
                    "2024-05-02 10:00:00+00", "1700000000", "0", "Thu, 02 May 2024 10:00:00 GMT (\"Zoë\"\t\\)",
                ]
            case .integer: [0, 7, -42, 1_700_000_000, .integer(.max)]
            case .number: [0.5, -2.25, 3.0, 0.0, 1e21, 1.5e-7]
            case .undated: ["x", "Zoë \"quoted\" \\ line\nbreak \u{1} end", .integer(100_000_000_000_000_000), 1e21]
            }
        }

        /// The samples that are of this class in a slot that reads dates or not.
        func samples(readingDates: Bool) -> [JSONValue] {
            samples.filter { ValueClass($0, readingDates: readingDates) == self }
        }
    }

    /// How a hole writes its value: as JSON, or as the text a template would make of it.
    enum Rendering: Sendable {
        case json
        case text
    }

    struct Hole: Sendable {
        /// The value's slot: 0 is the record id, 1 its message id, 2 + n the record's column n.
        let slot: Int
        /// Whether the marker was a whole JSON string, whose quotes the hole then writes, or a piece of
        /// a longer one.
        let isWholeString: Bool
        /// Whether the value is a date field's whole text, which makes ``ValueClass/undated`` a class.
        var readsDates = false
        /// The classes of value the hole writes as text, a bit each by ``ValueClass/rawValue``; it
        /// writes the others as JSON.
        var textClasses: UInt8 = UInt8.max

        func rendering(of valueClass: ValueClass) -> Rendering {
            textClasses & 1 << valueClass.rawValue != 0 ? .text : .json
        }

        mutating func render(_ valueClass: ValueClass, as rendering: Rendering) {
            switch rendering {
            case .text: textClasses |= 1 << valueClass.rawValue
            case .json: textClasses &= ~(1 << valueClass.rawValue)
            }
        }
    }

    /// A run of the message's fixed bytes, then the hole after it (none after the last run). Plain
    /// values, so that walking them costs no reference counting.
    struct Piece: Sendable {
        let fixed: Range<Int>
        var hole: Hole?
    }

    private static let recordIDSlot = 0
    private static let messageIDSlot = 1
    private static let firstColumnSlot = 2

    /// The record's columns, in order, that the plan was made for.
    let columnNames: [String]
    /// The Profile Space the message goes to, when the payload names one (as a literal: a plan is not
    /// made when a record's value picks it).
    let profileSpace: String?
    /// The probe's message, whose bytes outside the holes every message shares.
    private let fixedBytes: [UInt8]
    private let pieces: [Piece]
    /// The classes accepted for each slot, a bit each by ``ValueClass/rawValue``.
    private let acceptedClasses: [UInt8]
    /// The slots without a hole whose value must still be checked, having a class refused. A slot
    /// with a hole is checked as its value is written.
    private let slotsCheckedApart: [Int]
    /// The slots whose value is a date field's whole text, where ``ValueClass/undated`` is a class.
    private let slotsReadingDates: [Bool]

    /// Writes the message of the record `recordID` with `values`, or returns nil when one of its values
    /// is in a class the plan did not accept, or the message is over the Tracking API's limit: Test
    /// Mapping then builds it, or says why it cannot.
    ///
    /// The message is written in `scratch`, kept from message to message (the size of the largest
    /// message the Tracking API accepts, so that one larger is never written whole), and returned in an
    /// array of its exact size: a sync holds thousands of messages in flight, and arrays of the largest
    /// message's size would hold them many times over.
    func message(recordID: String, values: RecordValues, messageID: MessageID, scratch: inout [UInt8]) -> [UInt8]? {
        switch values {
        case .object(let columns):
            guard columns.hasKeys(columnNames) else { return nil }
            let messageID = JSONValue.string(messageID.description)
            return message(scratch: &scratch) { slot -> JSONValue in
                switch slot {
                case Self.recordIDSlot: .string(recordID)
                case Self.messageIDSlot: messageID
                default: columns.value(atPosition: slot - Self.firstColumnSlot)
                }
            }
        case .row(let row):
            guard row.layout.hasKeys(columnNames) else { return nil }
            return recordID.withStoredUTF8 { recordID in
                messageID.withUTF8 { messageID in
                    row.withValues { row in
                        message(scratch: &scratch) { slot -> RowValues.Value in
                            switch slot {
                            case Self.recordIDSlot: .text(recordID)
                            case Self.messageIDSlot: .text(messageID)
                            default: row.value(atPosition: slot - Self.firstColumnSlot)
                            }
                        }
                    }
                }
            }
        }
    }

    /// ``message(recordID:values:messageID:scratch:)`` of a record's columns.
    func message(for record: ModelRecord, messageID: MessageID, scratch: inout [UInt8]) -> [UInt8]? {
        message(recordID: record.id, values: .object(record.columns), messageID: messageID, scratch: &scratch)
    }

    private func message<Value: PlannedValue>(scratch: inout [UInt8], value: (_ slot: Int) -> Value) -> [UInt8]? {
        for slot in slotsCheckedApart {
            guard let valueClass = value(slot).valueClass(readingDates: slotsReadingDates[slot]),
                Self.accepts(acceptedClasses, slot, valueClass)
            else { return nil }
        }
        if scratch.count != TrackingAPILimits.maximumMessageBytes {
            scratch = Array(repeating: 0, count: TrackingAPILimits.maximumMessageBytes)
        }
        return scratch.withUnsafeMutableBufferPointer { buffer in
            var output = BoundedByteWriter(into: buffer)
            let written = Self.write(pieces, fixedBytes: fixedBytes, into: &output, accepting: acceptedClasses, value: value)
            guard written, !output.overflowed else { return nil }
            return Array(output.written)
        }
    }

    /// A copy whose arrays are its own, for a builder thread: threads that share the buffers write to
    /// the same reference counts.
    func unshared() -> MessagePlan {
        MessagePlan(
            columnNames: columnNames.map { $0.copiedToOwnStorage() }, profileSpace: profileSpace,
            fixedBytes: fixedBytes.copiedToOwnBuffer(), pieces: pieces.copiedToOwnBuffer(),
            acceptedClasses: acceptedClasses.copiedToOwnBuffer(), slotsCheckedApart: slotsCheckedApart.copiedToOwnBuffer(),
            slotsReadingDates: slotsReadingDates.copiedToOwnBuffer())
    }

    private init(
        columnNames: [String], profileSpace: String?, fixedBytes: [UInt8], pieces: [Piece], acceptedClasses: [UInt8],
        slotsCheckedApart: [Int], slotsReadingDates: [Bool]
    ) {
        self.columnNames = columnNames
        self.profileSpace = profileSpace
        self.fixedBytes = fixedBytes
        self.pieces = pieces
        self.acceptedClasses = acceptedClasses
        self.slotsCheckedApart = slotsCheckedApart
        self.slotsReadingDates = slotsReadingDates
    }

    /// Writes the message `pieces` make with `value(slot)` in each hole. Stops, returning false with
    /// `output` part written, at the first value of no class, or of a class not in `accepting`
    /// (classes by slot, as ``acceptedClasses``).
    private static func write<Output: ByteOutput, Value: PlannedValue>(
        _ pieces: [Piece], fixedBytes: [UInt8], into output: inout Output, accepting: [UInt8]? = nil,
        value: (_ slot: Int) -> Value
    ) -> Bool {
        fixedBytes.withUnsafeBufferPointer { fixed in
            for piece in pieces {
                output.append(bytes: UnsafeBufferPointer(rebasing: fixed[piece.fixed]))
                guard let hole = piece.hole else { continue }
                let value = value(hole.slot)
                guard let valueClass = value.valueClass(readingDates: hole.readsDates),
                    accepting.map({ accepts($0, hole.slot, valueClass) }) ?? true
                else { return false }
                switch hole.rendering(of: valueClass) {
                case .json:
                    value.writeJSON(into: &output)
                case .text:
                    if hole.isWholeString { output.append(UInt8(ascii: "\"")) }
                    value.writeText(into: &output)
                    if hole.isWholeString { output.append(UInt8(ascii: "\"")) }
                }
            }
            return true
        }
    }

    private static func accepts(_ classes: [UInt8], _ slot: Int, _ valueClass: ValueClass) -> Bool {
        classes[slot] & 1 << valueClass.rawValue != 0
    }
}

// MARK: - Making a plan

extension MessagePlan {
    /// The plan of `mapping`'s messages for records of `change` with these columns, or nil when the
    /// mapping or its action is not one a plan can be exact for, or the probe record fails Test Mapping.
    convenience init?(mapping: ResolvedMapping, change: RecordChange, columnNames: [String]) {
        guard case .success(let prepared) = mapping.prepared, let read = prepared.eventMembersRead,
            !ActionRunner.isSendSubscriptions(mapping.action, of: mapping.destination)
        else { return nil }
        let slotCount = Self.firstColumnSlot + columnNames.count
        guard slotCount <= Self.maximumSlots else { return nil }
        let probe = Probe(
            mapping: mapping, change: change, columnNames: columnNames,
            markers: (0..<slotCount).map { .string(Self.marker(slot: $0)) })
        guard let marked = probe.message(), let probePieces = Self.pieces(of: marked.bytes, slotCount: slotCount),
            !(marked.profileSpace?.contains(Self.markerPrefix) ?? false),
            let readingDates = Self.slotsReadingDates(
                payload: marked.payload, action: mapping.action, slotCount: slotCount)
        else { return nil }

        var pieces = probePieces
        for index in pieces.indices {
            if let slot = pieces[index].hole?.slot { pieces[index].hole!.readsDates = readingDates[slot] }
        }
        // The record id and message id are always text: the other classes cannot occur there, and
        // count as accepted so that a record's check passes over them.
        let texts: [ValueClass] = [.emptyString, .string, .undated]
        let notText = texts.reduce(UInt8(1 << ValueClass.allCases.count - 1)) { $0 & ~(1 << $1.rawValue) }
        let allClasses = UInt8(1 << ValueClass.allCases.count - 1)
        var accepted = (0..<slotCount).map { $0 < Self.firstColumnSlot ? notText : 0 }
        let readsAllColumns = read.contains([RecordEvent.propertiesKey])
        func isRead(_ slot: Int) -> Bool {
            switch slot {
            case Self.recordIDSlot: read.contains([RecordEvent.recordIDKey])
            case Self.messageIDSlot: read.contains([RecordEvent.messageIdKey])
            default:
                readsAllColumns
                    || read.contains([RecordEvent.propertiesKey, columnNames[slot - Self.firstColumnSlot]])
            }
        }
        for slot in 0..<slotCount {
            guard isRead(slot) else {
                accepted[slot] = allClasses
                continue
            }
            let holes = pieces.indices.filter { pieces[$0].hole?.slot == slot }
            let classes = slot < Self.firstColumnSlot ? texts : ValueClass.allCases
            for valueClass in classes where valueClass != .undated || readingDates[slot] {
                let fitting = Self.renderingChoices(for: holes.map { pieces[$0].hole! }).first { choice in
                    var tried = pieces
                    for (index, rendering) in zip(holes, choice) {
                        tried[index].hole!.render(valueClass, as: rendering)
                    }
                    return probe.samplesFit(
                        valueClass, in: slot, readingDates: readingDates[slot], pieces: tried, marked: marked)
                }
                guard let fitting else { continue }
                accepted[slot] |= 1 << valueClass.rawValue
                for (index, rendering) in zip(holes, fitting) { pieces[index].hole!.render(valueClass, as: rendering) }
            }
        }
        let slotsWithHoles = Set(pieces.compactMap(\.hole?.slot))
        self.init(
            columnNames: columnNames, profileSpace: marked.profileSpace, fixedBytes: marked.bytes, pieces: pieces,
            acceptedClasses: accepted,
            slotsCheckedApart: (0..<slotCount).filter { !slotsWithHoles.contains($0) && accepted[$0] != allClasses },
            slotsReadingDates: readingDates)
    }

    /// For each slot, whether its value is the whole text of a date field in the probe's `payload`; nil
    /// when a date field's text holds a value among other text, whose verdict no class can tell.
    private static func slotsReadingDates(payload: JSONObject, action: Action, slotCount: Int) -> [Bool]? {
        var reading = Array(repeating: false, count: slotCount)
        for field in action.fields where field.type == .datetime {
            guard case .string(let text)? = payload[field.key], text.contains(markerPrefix) else { continue }
            guard let slot = (0..<slotCount).first(where: { marker(slot: $0) == text }) else { return nil }
            reading[slot] = true
        }
        return reading
    }

    /// Test Mapping of records whose values are markers, but for the sample tried.
    private struct Probe {
        let mapping: ResolvedMapping
        let change: RecordChange
        let columnNames: [String]
        let markers: [JSONValue]

        /// The message of the record of every slot's marker, but `sample` in `slot`; nil when Test
        /// Mapping builds none.
        func message(with sample: JSONValue? = nil, in slot: Int = 0) -> (
            bytes: [UInt8], profileSpace: String?, payload: JSONObject
        )? {
            var values = markers
            if let sample { values[slot] = sample }
            guard case .string(let id) = values[MessagePlan.recordIDSlot],
                case .string(let messageID) = values[MessagePlan.messageIDSlot]
            else { return nil }
            let columns = JSONObject(distinctKeys: Array(zip(columnNames, values[MessagePlan.firstColumnSlot...])))
            let result = mapping.test(ModelRecord(id: id, columns: columns), change: change, messageID: messageID)
            guard result.isValid, let bytes = result.messageBytes, let payload = result.payload else { return nil }
            return (bytes, payload[ProfileSpaceField.key]?.stringValue, payload)
        }

        /// Whether every sample of `valueClass` in `slot` (there are some) gives the message `pieces`
        /// write with it, to the same Profile Space as the `marked` message.
        func samplesFit(
            _ valueClass: ValueClass, in slot: Int, readingDates: Bool, pieces: [Piece],
            marked: (bytes: [UInt8], profileSpace: String?, payload: JSONObject)
        ) -> Bool {
            let samples = valueClass.samples(readingDates: readingDates)
            return !samples.isEmpty && samples.allSatisfy { sample in
                guard let sampled = message(with: sample, in: slot), sampled.profileSpace == marked.profileSpace else {
                    return false
                }
                var planned: [UInt8] = []
                let written = MessagePlan.write(pieces, fixedBytes: marked.bytes, into: &planned) {
                    $0 == slot ? sample : markers[$0]
                }
                return written && sampled.bytes == planned
            }
        }
    }

    /// A marker is a date-like string (so that it passes validation in date fields as in any string
    /// field) made unique by the slot's number, in four digits, between digits no mapping has reason
    /// to hold.
    private static let markerPrefix = "2001-02-03T04:05:06.90210"
    private static let markerSuffix = "90210"
    private static let slotDigits = 4
    private static let maximumSlots = 10_000

    private static func marker(slot: Int) -> String {
        let number = String(slot)
        return markerPrefix + String(repeating: "0", count: slotDigits - number.count) + number + markerSuffix
    }

    /// The probe message cut at its markers; nil when a marker names no slot. Every hole starts out
    /// writing every class as text.
    private static func pieces(of message: [UInt8], slotCount: Int) -> [Piece]? {
        let start = Array(markerPrefix.utf8)
        let end = Array(markerSuffix.utf8)
        let quote = UInt8(ascii: "\"")
        var pieces: [Piece] = []
        var fixedStart = 0
        var index = 0
        func matches(_ pattern: [UInt8], at position: Int) -> Bool {
            position + pattern.count <= message.count
                && message[position..<position + pattern.count].elementsEqual(pattern)
        }
        while index < message.count {
            guard matches(start, at: index) else {
                index += 1
                continue
            }
            let digitsEnd = index + start.count + slotDigits
            guard matches(end, at: digitsEnd),
                let slot = Int(String(decoding: message[(index + start.count)..<digitsEnd], as: UTF8.self)),
                slot < slotCount
            else { return nil }
            let markerEnd = digitsEnd + end.count
            // A whole string when an unescaped quote opens it (an even run of backslashes before the
            // quote) and a quote closes it.
            var backslashes = 0
            while index - 2 - backslashes >= 0, message[index - 2 - backslashes] == UInt8(ascii: "\\") {
                backslashes += 1
            }
            let isWholeString =
                index > 0 && message[index - 1] == quote && backslashes % 2 == 0 && markerEnd < message.count
                && message[markerEnd] == quote
            pieces.append(
                Piece(
                    fixed: fixedStart..<(isWholeString ? index - 1 : index),
                    hole: Hole(slot: slot, isWholeString: isWholeString)))
            index = isWholeString ? markerEnd + 1 : markerEnd
            fixedStart = index
        }
        pieces.append(Piece(fixed: fixedStart..<message.count, hole: nil))
        return pieces
    }

    /// The ways `holes` may write a value, one rendering a hole: a piece of a string is text; a whole
    /// string may be JSON or text. All combinations for up to four whole-string holes, else all JSON
    /// or all text.
    private static func renderingChoices(for holes: [Hole]) -> [[Rendering]] {
        let free = holes.filter(\.isWholeString).count
        let masks = free <= 4 ? Array(0..<(1 << free)) : [0, (1 << free) - 1]
        return masks.map { mask in
            var bit = 0
            return holes.map { hole in
                guard hole.isWholeString else { return .text }
                defer { bit += 1 }
                return mask & 1 << bit != 0 ? .text : .json
            }
        }
    }

}

/// The message plans of one sync's mapping, made once for all builder threads (see ``MessagePlan``):
/// one for each kind of change, over the columns of the first record of that kind.
final class MessagePlans: @unchecked Sendable {
    private let mapping: ResolvedMapping
    // `lock` guards `plans`; a plan is made under it, once, in a few milliseconds.
    private let lock = NSLock()
    private var plans: [RecordChange: MessagePlan?] = [:]

    init(mapping: ResolvedMapping) {
        self.mapping = mapping
    }

    /// The plan for `change`, made for the columns of `values` the first time, as a copy of the
    /// caller's own.
    func plan(for change: RecordChange, columnsOf values: RecordValues) -> MessagePlan? {
        lock.lock()
        defer { lock.unlock() }
        if let made = plans[change] { return made?.unshared() }
        let plan = MessagePlan(mapping: mapping, change: change, columnNames: values.keys)
        plans[change] = plan
        return plan?.unshared()
    }
}

extension Array {
    /// A copy in a buffer of its own, of exactly its size: `Array(self)` would share this one's.
    func copiedToOwnBuffer() -> [Element] {
        withUnsafeBufferPointer { Array($0) }
    }
}

extension String {
    /// A copy whose storage is its own, so that threads using the two never write to one reference count.
    func copiedToOwnStorage() -> String {
        String(decoding: Array(utf8), as: UTF8.self)
    }
}

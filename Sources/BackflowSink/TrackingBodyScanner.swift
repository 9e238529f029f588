import BackflowCore
import Foundation

/// Reads the facts the sink's checks need straight from a request body's bytes, in one pass and
/// without building a JSON tree. Parsing every message into a tree, and writing it back out to
/// measure it against the 32 KB limit, cost several times what receiving it should: this reads
/// a 300-byte message in well under a microsecond.
///
/// It only takes text whose facts it can be sure match what `JSONReader` and `JSONWriter` make of
/// it. On anything else it declines (returns nil) and the body is parsed into a tree instead,
/// which also words any error: malformed JSON, a root that is not an object, nesting past the
/// reader's limit, invalid UTF-8 in a string, or an object key that is repeated or is not plain
/// ASCII without escapes (the tree keeps one entry per key, and Swift strings compare keys by
/// canonical equivalence, so such keys could change a message's size or fields).
struct TrackingBodyScanner {
    static func facts(of body: [UInt8], call: TrackingCall) -> TrackingBodyFacts? {
        body.withUnsafeBufferPointer { bytes in
            var scanner = TrackingBodyScanner(bytes: bytes)
            return try? scanner.readBody(call: call)
        }
    }

    private struct Declined: Error {}

    /// What an object's members are read for.
    private enum Role {
        /// Only checked and measured.
        case plain
        /// Its fields are read too.
        case message
        /// A batch body's root: its fields, and its `batch` array read as messages.
        case batchRoot
    }

    /// The members of a message the checks read.
    private enum Member {
        case type, messageId, writeKey, batch
        case identifier(MessageFields.Identifiers)

        static let names: [(name: [UInt8], member: Member)] =
            [(Array("type".utf8), .type), (Array("messageId".utf8), .messageId), (Array("writeKey".utf8), .writeKey),
             (Array("batch".utf8), .batch)]
            + MessageFields.Identifiers.members.map { (Array($0.name.utf8), .identifier($0.identifier)) }
    }

    /// A string literal read: where its text is between the quotes, and whether that text holds
    /// escapes (only then does it differ from the string's UTF-8).
    private struct StringToken {
        var content: Range<Int>
        var hasEscapes: Bool
    }

    /// The members of an object the checks read, as where their string values are in the body;
    /// made into `MessageFields` only for messages, so plain objects cost no strings.
    private struct MemberTokens {
        var type: StringToken?
        var messageId: StringToken?
        var writeKey: StringToken?
        var identifiers: MessageFields.Identifiers = []
    }

    /// Repeated keys are looked for pairwise up to this many keys in an object, through a set beyond.
    private static let pairwiseKeyLimit = 16
    /// `JSONReader`'s nesting limit: deeper text is declined, for the reader to refuse.
    private static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0
    /// The compact JSON size of everything read so far: a value's compact size is how much this
    /// grows while it is read.
    private var compactCount = 0
    /// The keys of the objects being read, innermost object's last.
    private var openKeys: [Range<Int>] = []
    /// The messages of a batch body's `batch` array, once read.
    private var batch: [MessageFacts]?

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private mutating func readBody(call: TrackingCall) throws(Declined) -> TrackingBodyFacts {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "{") else { throw Declined() }
        let root = try fields(of: readObject(role: call == .batch ? .batchRoot : .message))
        let rootByteCount = compactCount
        skipWhitespace()
        guard position == bytes.count else { throw Declined() }
        let messages = call == .batch ? batch : [MessageFacts(compactByteCount: rootByteCount, fields: root)]
        return TrackingBodyFacts(writeKey: root.writeKey, messages: messages)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// Steps over `byte` (after any whitespace), counting it; declines if something else is there.
    private mutating func expect(_ byte: UInt8) throws(Declined) {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { throw Declined() }
        position += 1
        compactCount += 1
    }

    /// Steps over a `,` (true) or the closing `close` (false) after an item.
    private mutating func nextItem(before close: UInt8) throws(Declined) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw Declined() }
        if bytes[position] == UInt8(ascii: ",") {
            position += 1
            compactCount += 1
            return true
        }
        guard bytes[position] == close else { throw Declined() }
        position += 1
        compactCount += 1
        return false
    }

    /// Steps over an empty container's closing byte, if that is what comes next.
    private mutating func closesAtOnce(_ close: UInt8) -> Bool {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == close else { return false }
        position += 1
        compactCount += 1
        return true
    }

    private mutating func enter() throws(Declined) {
        depth += 1
        if depth > Self.maximumDepth { throw Declined() }
    }

    private mutating func readValue() throws(Declined) {
        skipWhitespace()
        guard position < bytes.count else { throw Declined() }
        switch bytes[position] {
        case UInt8(ascii: "{"): _ = try readObject(role: .plain)
        case UInt8(ascii: "["): try readArray()
        case UInt8(ascii: "\""): _ = try readString()
        case UInt8(ascii: "t"): try readKeyword("true")
        case UInt8(ascii: "f"): try readKeyword("false")
        case UInt8(ascii: "n"): try readKeyword("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try readNumber()
        default: throw Declined()
        }
    }

    private mutating func readKeyword(_ word: StaticString) throws(Declined) {
        let length = word.utf8CodeUnitCount
        guard position + length <= bytes.count,
            memcmp(bytes.baseAddress! + position, word.utf8Start, length) == 0
        else { throw Declined() }
        position += length
        compactCount += length
    }

    private mutating func readObject(role: Role) throws(Declined) -> MemberTokens {
        try enter()
        position += 1
        compactCount += 1
        let keysStart = openKeys.count
        defer {
            while openKeys.count > keysStart { openKeys.removeLast() }
            depth -= 1
        }
        var members = MemberTokens()
        if closesAtOnce(UInt8(ascii: "}")) { return members }
        var keySet: Set<KeyBytes>?
        repeat {
            skipWhitespace()
            let key = try readKey()
            if openKeys.count - keysStart < Self.pairwiseKeyLimit {
                for earlier in keysStart..<openKeys.count where sameBytes(openKeys[earlier], key) { throw Declined() }
            } else {
                if keySet == nil { keySet = Set(openKeys[keysStart...].map(keyBytes)) }
                guard keySet!.insert(keyBytes(key)).inserted else { throw Declined() }
            }
            openKeys.append(key)
            try expect(UInt8(ascii: ":"))
            if role == .plain {
                try readValue()
            } else {
                try readMember(key, role: role, into: &members)
            }
        } while try nextItem(before: UInt8(ascii: "}"))
        return members
    }

    private mutating func readMember(_ key: Range<Int>, role: Role, into members: inout MemberTokens) throws(Declined) {
        skipWhitespace()
        guard position < bytes.count else { throw Declined() }
        let next = bytes[position]
        switch Member.names.first(where: { sameBytes($0.name, key) })?.member {
        case .type? where next == UInt8(ascii: "\""): members.type = try readString()
        case .messageId? where next == UInt8(ascii: "\""): members.messageId = try readString()
        case .writeKey? where next == UInt8(ascii: "\""): members.writeKey = try readString()
        case .batch? where role == .batchRoot && next == UInt8(ascii: "["):
            batch = try readMessages()
        case .identifier(let identifier)?:
            if next == UInt8(ascii: "\"") {
                if try !readString().content.isEmpty { members.identifiers.insert(identifier) }
            } else if next == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) {
                try readNumber()
                members.identifiers.insert(identifier)
            } else {
                try readValue()
            }
        case .type?, .messageId?, .writeKey?, .batch?, nil: try readValue()
        }
    }

    private mutating func readArray() throws(Declined) {
        try enter()
        defer { depth -= 1 }
        position += 1
        compactCount += 1
        if closesAtOnce(UInt8(ascii: "]")) { return }
        repeat { try readValue() } while try nextItem(before: UInt8(ascii: "]"))
    }

    /// A batch's array: each element measured, and its fields read when it is an object.
    private mutating func readMessages() throws(Declined) -> [MessageFacts] {
        try enter()
        defer { depth -= 1 }
        position += 1
        compactCount += 1
        var messages: [MessageFacts] = []
        if closesAtOnce(UInt8(ascii: "]")) { return messages }
        repeat {
            skipWhitespace()
            let start = compactCount
            var fields: MessageFields?
            if position < bytes.count, bytes[position] == UInt8(ascii: "{") {
                fields = try self.fields(of: readObject(role: .message))
            } else {
                try readValue()
            }
            messages.append(MessageFacts(compactByteCount: compactCount - start, fields: fields))
        } while try nextItem(before: UInt8(ascii: "]"))
        return messages
    }

    private func fields(of members: MemberTokens) throws(Declined) -> MessageFields {
        MessageFields(
            type: try members.type.map(text(of:)), messageId: try members.messageId.map(text(of:)),
            writeKey: try members.writeKey.map(text(of:)), identifiers: members.identifiers)
    }

    private func text(of token: StringToken) throws(Declined) -> String {
        let content = UnsafeBufferPointer(rebasing: bytes[token.content])
        guard token.hasEscapes else { return String(decoding: content, as: UTF8.self) }
        // Escaped text is rare in the few members read as text: the reader decodes it exactly as
        // it does in a tree.
        let literal = Array(bytes[(token.content.lowerBound - 1)...token.content.upperBound])
        guard let text = (try? JSONReader.parse(bytes: literal))?.stringValue else { throw Declined() }
        return text
    }

    /// An object key: plain ASCII text without escapes, or the scanner declines.
    private mutating func readKey() throws(Declined) -> Range<Int> {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw Declined() }
        position += 1
        let start = position
        skipPlainText()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw Declined() }
        position += 1
        compactCount += position - start + 1
        return start..<(position - 1)
    }

    /// A string literal, counted as `JSONWriter` writes the string it decodes to: text needing no
    /// escape as it is, and each escape as the writer escapes (or does not escape) its character.
    private mutating func readString() throws(Declined) -> StringToken {
        position += 1
        let start = position
        var hasEscapes = false
        var hasNonASCII = false
        /// The written size minus the literal's size, summed over the escapes.
        var escapeAdjustment = 0
        while true {
            skipPlainText()
            guard position < bytes.count else { throw Declined() }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let content = start..<position
                position += 1
                if hasNonASCII, String(validating: UnsafeBufferPointer(rebasing: bytes[content]), as: UTF8.self) == nil {
                    throw Declined()
                }
                compactCount += content.count + 2 + escapeAdjustment
                return StringToken(content: content, hasEscapes: hasEscapes)
            }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                escapeAdjustment += try readEscape()
                continue
            }
            guard byte >= 0x80 else { throw Declined() }
            hasNonASCII = true
            position += 1
        }
    }

    /// Steps over text that is written as it is, the bulk of any string: printable ASCII other
    /// than `"` and `\`. Eight bytes at a time with the usual word tests for a byte below a
    /// bound or equal to a value; the lowest byte a test flags is always a true match, so the
    /// first byte that ends the run is found without going back to single bytes.
    private mutating func skipPlainText() {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let base = UnsafeRawPointer(bytes.baseAddress!)
        while position + 8 <= bytes.count {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            let quote = word ^ (ones &* UInt64(UInt8(ascii: "\""))), backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
            let control = (word &- ones &* 0x20) & ~word
            let hasQuote = (quote &- ones) & ~quote, hasBackslash = (backslash &- ones) & ~backslash
            let ends = (word | control | hasQuote | hasBackslash) & highBits
            if ends != 0 {
                position += ends.trailingZeroBitCount / 8
                return
            }
            position += 8
        }
        while position < bytes.count {
            let byte = bytes[position]
            guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") else { return }
            position += 1
        }
    }

    /// Steps over one escape; returns the size the writer gives its character minus the escape's.
    private mutating func readEscape() throws(Declined) -> Int {
        guard position + 1 < bytes.count else { throw Declined() }
        let escape = bytes[position + 1]
        position += 2
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
            UInt8(ascii: "r"), UInt8(ascii: "t"):
            return 0
        case UInt8(ascii: "/"):
            return 1 - 2
        case UInt8(ascii: "u"):
            let unit = try readHex4()
            if (0xD800...0xDBFF).contains(unit), position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                bytes[position + 1] == UInt8(ascii: "u")
            {
                let save = position
                position += 2
                if (0xDC00...0xDFFF).contains(try readHex4()) { return 4 - 12 }
                position = save
            }
            // A lone surrogate becomes U+FFFD, as the reader decodes it.
            if (0xD800...0xDFFF).contains(unit) { return 3 - 6 }
            return Self.writtenSize(ofScalar: unit) - 6
        default:
            throw Declined()
        }
    }

    private mutating func readHex4() throws(Declined) -> UInt32 {
        guard position + 4 <= bytes.count else { throw Declined() }
        var value: UInt32 = 0
        for byte in bytes[position..<(position + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Declined()
            }
            value = value << 4 | UInt32(digit)
        }
        position += 4
        return value
    }

    /// How many bytes `JSONWriter` writes for a character of the Basic Multilingual Plane.
    private static func writtenSize(ofScalar value: UInt32) -> Int {
        switch value {
        case 0x22, 0x5C, 0x08, 0x09, 0x0A, 0x0C, 0x0D: 2
        case ..<0x20: 6
        case ..<0x80: 1
        case ..<0x800: 2
        default: 3
        }
    }

    /// A number, counted as `JSONWriter` writes the value it parses to: most numbers as written,
    /// the rest (`1.0`, `1e3`, `-0`, integers past 18 digits…) through the writer itself.
    private mutating func readNumber() throws(Declined) {
        let start = position
        let isNegative = bytes[position] == UInt8(ascii: "-")
        if isNegative { position += 1 }
        let integerStart = position
        guard skipDigits() > 0 else { throw Declined() }
        if bytes[integerStart] == UInt8(ascii: "0") { position = integerStart + 1 }
        let integerDigits = position - integerStart
        var fraction: Range<Int>?
        var hasExponent = false
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            let fractionStart = position
            guard skipDigits() > 0 else { throw Declined() }
            fraction = fractionStart..<position
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            hasExponent = true
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard skipDigits() > 0 else { throw Declined() }
        }
        let text = start..<position
        if !hasExponent, isWrittenAsIs(
            isNegative: isNegative, integerStart: integerStart, integerDigits: integerDigits, fraction: fraction) {
            compactCount += text.count
            return
        }
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[text]), as: UTF8.self)
        if fraction == nil, !hasExponent, let integer = Int64(literal) {
            compactCount += String(integer).utf8.count
        } else if let number = Double(literal) {
            compactCount += JSONWriter.formatNumber(number).utf8.count
        } else {
            throw Declined()
        }
    }

    private mutating func skipDigits() -> Int {
        let start = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
        return position - start
    }

    /// Whether a number without exponent is written back exactly as it reads. An integer is
    /// when it surely fits an `Int64` and is not `-0`. A decimal fraction is when it has at most
    /// 15 significant digits (so no shorter text parses to the same double, and the writer's
    /// shortest round-trip digits are these), no trailing zero, and a magnitude of at least
    /// 0.0001 and below 10^15, where Swift writes doubles without an exponent.
    private func isWrittenAsIs(isNegative: Bool, integerStart: Int, integerDigits: Int, fraction: Range<Int>?) -> Bool {
        let integerIsZero = bytes[integerStart] == UInt8(ascii: "0")
        guard let fraction else { return integerDigits <= 18 && !(isNegative && integerIsZero) }
        guard bytes[fraction.upperBound - 1] != UInt8(ascii: "0") else { return false }
        guard integerIsZero else { return integerDigits + fraction.count <= 15 }
        var leadingZeros = 0
        while bytes[fraction.lowerBound + leadingZeros] == UInt8(ascii: "0") { leadingZeros += 1 }
        return leadingZeros <= 3 && fraction.count - leadingZeros <= 15
    }

    /// Whether two keys are the same text; most keys differ in length or first byte.
    private func sameBytes(_ first: Range<Int>, _ second: Range<Int>) -> Bool {
        guard first.count == second.count else { return false }
        return first.isEmpty
            || (bytes[first.lowerBound] == bytes[second.lowerBound]
                && memcmp(bytes.baseAddress! + first.lowerBound, bytes.baseAddress! + second.lowerBound, first.count) == 0)
    }

    private func sameBytes(_ name: [UInt8], _ key: Range<Int>) -> Bool {
        name.count == key.count && name[0] == bytes[key.lowerBound]
            && name.withUnsafeBufferPointer { memcmp($0.baseAddress!, bytes.baseAddress! + key.lowerBound, key.count) == 0 }
    }

    private func keyBytes(_ key: Range<Int>) -> KeyBytes {
        KeyBytes(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[key])))
    }
}

/// A key's bytes in the body being scanned, compared and hashed by content; only valid while the
/// body's buffer is.
private struct KeyBytes: Hashable {
    let bytes: UnsafeRawBufferPointer

    static func == (lhs: KeyBytes, rhs: KeyBytes) -> Bool {
        lhs.bytes.count == rhs.bytes.count && (lhs.bytes.isEmpty || memcmp(lhs.bytes.baseAddress!, rhs.bytes.baseAddress!, lhs.bytes.count) == 0)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(bytes: bytes)
    }
}

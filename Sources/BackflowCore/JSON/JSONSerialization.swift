/// Writes JSON text the way JavaScript's `JSON.stringify` does, so that a message's bytes (and so its
/// size against the Tracking API's 32 KB limit) match what Segment's own runtime would produce.
public enum JSONWriter {
    /// Compact text: `{"a":1,"b":[true,null]}`.
    public static func compact(_ value: JSONValue) -> String {
        String(decoding: compactBytes(value), as: UTF8.self)
    }

    /// Compact text as UTF-8 bytes, ready for a request body or a hash.
    public static func compactBytes(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        // Room for a typical message, so that writing one rarely grows the array.
        output.reserveCapacity(512)
        write(value, into: &output, indent: nil, depth: 0)
        return output
    }

    /// Indented text, two spaces a level, as `JSON.stringify(value, null, 2)`.
    public static func pretty(_ value: JSONValue) -> String {
        var output: [UInt8] = []
        write(value, into: &output, indent: 2, depth: 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// The UTF-8 size of the compact text.
    public static func compactByteCount(_ value: JSONValue) -> Int {
        compactBytes(value).count
    }

    static func write<Output: ByteOutput>(_ value: JSONValue, into output: inout Output, indent: Int?, depth: Int) {
        switch value {
        case .null: output.append(ascii: "null")
        case .bool(let flag): output.append(ascii: flag ? "true" : "false")
        case .integer(let number): writeInteger(number, into: &output)
        case .number(let number): writeNumber(number, into: &output)
        case .string(let text): writeString(text, into: &output)
        case .array(let items):
            guard !items.isEmpty else { return output.append(ascii: "[]") }
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(into: &output, indent: indent, depth: depth + 1)
                write(item, into: &output, indent: indent, depth: depth + 1)
            }
            newline(into: &output, indent: indent, depth: depth)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            guard !object.isEmpty else { return output.append(ascii: "{}") }
            output.append(UInt8(ascii: "{"))
            var first = true
            object.forEachEntry { key, member in
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                newline(into: &output, indent: indent, depth: depth + 1)
                writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                if indent != nil { output.append(UInt8(ascii: " ")) }
                write(member, into: &output, indent: indent, depth: depth + 1)
            }
            newline(into: &output, indent: indent, depth: depth)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// `String(number)`'s digits, written in place without building the string: last digit first into
    /// a buffer on the stack, then appended at once (a digit at a time, each write checked the array).
    static func writeInteger<Output: ByteOutput>(_ number: Int64, into output: inout Output) {
        // 19 digits and a sign at most: Int64.min is -9223372036854775808.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { text in
            var remaining = number.magnitude
            var start = text.count
            repeat {
                start -= 1
                text[start] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            } while remaining > 0
            if number < 0 {
                start -= 1
                text[start] = UInt8(ascii: "-")
            }
            output.append(bytes: UnsafeBufferPointer(rebasing: text[start...]))
        }
    }

    private static func newline<Output: ByteOutput>(into output: inout Output, indent: Int?, depth: Int) {
        guard let indent else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(UInt8(ascii: " "), times: indent * depth)
    }

    /// A number as `JSON.stringify` writes it: ``JavaScriptNumberText``, and `null` for a non-finite one.
    public static func formatNumber(_ number: Double) -> String {
        var text: [UInt8] = []
        writeNumber(number, into: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// ``formatNumber(_:)``'s text, written in place.
    static func writeNumber<Output: ByteOutput>(_ number: Double, into output: inout Output) {
        guard number.isFinite else { return output.append(ascii: "null") }
        JavaScriptNumberText.write(number, into: &output)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string literal; runs of characters that need no escape are copied in one go.
    static func writeString<Output: ByteOutput>(_ text: String, into output: inout Output) {
        output.append(UInt8(ascii: "\""))
        writeEscaped(text, into: &output)
        output.append(UInt8(ascii: "\""))
    }

    /// The inside of a JSON string literal of `text`, without the quotes: a piece of a longer string.
    static func writeEscaped<Output: ByteOutput>(_ text: String, into output: inout Output) {
        text.withStoredUTF8 { bytes in writeEscaped(utf8: bytes, into: &output) }
    }

    /// A JSON string literal of UTF-8 `bytes`.
    static func writeString<Output: ByteOutput>(utf8 bytes: UnsafeBufferPointer<UInt8>, into output: inout Output) {
        output.append(UInt8(ascii: "\""))
        writeEscaped(utf8: bytes, into: &output)
        output.append(UInt8(ascii: "\""))
    }

    /// The inside of a JSON string literal of UTF-8 `bytes`.
    static func writeEscaped<Output: ByteOutput>(utf8 bytes: UnsafeBufferPointer<UInt8>, into output: inout Output) {
        var runStart = 0
        var index = 0
        while index < bytes.count {
            index += plainPrefixLength(of: bytes, from: index)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            index += 1
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            let escapedAt = index - 1
            output.append(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<escapedAt]))
            runStart = index
            output.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "\n"): output.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): output.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): output.append(UInt8(ascii: "t"))
            case 0x08: output.append(UInt8(ascii: "b"))
            case 0x0C: output.append(UInt8(ascii: "f"))
            default:
                output.append(ascii: "u00")
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        output.append(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
    }

    /// How many bytes from `start` certainly need no escape, tested 8 at a time: most text has none,
    /// and testing 8 bytes at once is much faster than one by one. The last bytes, fewer than 8, are
    /// tested as one word padded with plain bytes, so that a short text (most values) is one test.
    /// (None of these bytes needs an escape in PostgreSQL's copy text either: ``PostgresCopyRows``.)
    static func plainPrefixLength(of bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var length = 0
        while start + length + 8 <= bytes.count {
            guard isPlain(UnsafeRawPointer(base + start + length).loadUnaligned(as: UInt64.self)) else { return length }
            length += 8
        }
        let rest = bytes.count - start - length
        guard rest > 0 else { return length }
        var word: UInt64 = 0x6161_6161_6161_6161  // "aaaaaaaa"
        withUnsafeMutableBytes(of: &word) { $0.baseAddress!.copyMemory(from: base + start + length, byteCount: rest) }
        return isPlain(word) ? length + rest : length
    }

    /// Whether none of the 8 bytes of `word` is below 0x20, `"` or `\` (bytes of 0x80 and above never
    /// need an escape).
    private static func isPlain(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let backslashes = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        // Each term has a high bit set exactly when some byte is below 0x20, is `"` or is `\`
        // (the bit may land on another byte than the one that matched, which does not matter here).
        let flagged =
            ((word &- ones &* 0x20) & ~word) | ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes)
        return flagged & highBits == 0
    }
}

/// An error in JSON text, with the byte offset where reading stopped.
public struct JSONParseError: Error, Equatable, CustomStringConvertible {
    public let offset: Int
    public let reason: String
    public var description: String { "\(reason) at offset \(offset)" }
}

/// Reads JSON text into a ``JSONValue``, keeping object key order.
public enum JSONReader {
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try text.withStoredUTF8 { bytes in Result { () throws(JSONParseError) in try parse(utf8: bytes) } }.get()
    }

    public static func parse(bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { bytes in Result { () throws(JSONParseError) in try parse(utf8: bytes) } }.get()
    }

    private static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        var parser = Parser(bytes: bytes)
        return try parser.parseDocument()
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var depth = 0
        static let maximumDepth = 512

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func parseDocument() throws(JSONParseError) -> JSONValue {
            let value = try parseValue()
            skipWhitespace()
            guard position == bytes.count else { throw fail("unexpected text after the JSON value") }
            return value
        }

        func fail(_ reason: String) -> JSONParseError {
            JSONParseError(offset: position, reason: reason)
        }

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        mutating func parseValue() throws(JSONParseError) -> JSONValue {
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of JSON") }
            switch bytes[position] {
            case UInt8(ascii: "{"): return try parseObject()
            case UInt8(ascii: "["): return try parseArray()
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): return try parseKeyword("true", .bool(true))
            case UInt8(ascii: "f"): return try parseKeyword("false", .bool(false))
            case UInt8(ascii: "n"): return try parseKeyword("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
            default: throw fail("unexpected character")
            }
        }

        mutating func parseKeyword(_ word: StaticString, _ value: JSONValue) throws(JSONParseError) -> JSONValue {
            let length = word.utf8CodeUnitCount
            guard position + length <= bytes.count,
                (0..<length).allSatisfy({ bytes[position + $0] == word.utf8Start[$0] })
            else { throw fail("unexpected character") }
            position += length
            return value
        }

        mutating func enter() throws(JSONParseError) {
            depth += 1
            if depth > Self.maximumDepth { throw fail("JSON nested too deeply") }
        }

        mutating func parseObject() throws(JSONParseError) -> JSONValue {
            try enter()
            defer { depth -= 1 }
            position += 1
            var object = JSONObject()
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(object)
            }
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                    throw fail("expected a string key")
                }
                let key = try parseString()
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                    throw fail("expected ':'")
                }
                position += 1
                object[key] = try parseValue()
                skipWhitespace()
                guard position < bytes.count else { throw fail("unexpected end of JSON") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(object) }
                throw fail("expected ',' or '}'")
            }
        }

        mutating func parseArray() throws(JSONParseError) -> JSONValue {
            try enter()
            defer { depth -= 1 }
            position += 1
            var items: [JSONValue] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            }
            while true {
                items.append(try parseValue())
                skipWhitespace()
                guard position < bytes.count else { throw fail("unexpected end of JSON") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
                throw fail("expected ',' or ']'")
            }
        }

        /// Integers of up to this many digits always fit an `Int64`, so they are read without
        /// making a string of them first.
        static let surelyFittingDigits = 18

        mutating func parseNumber() throws(JSONParseError) -> JSONValue {
            let start = position
            var isIntegral = true
            let isNegative = bytes[position] == UInt8(ascii: "-")
            if isNegative { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw fail("invalid number") }
            if bytes[position] == UInt8(ascii: "0") {
                position += 1
            } else {
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            }
            let integerEnd = position
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                isIntegral = false
                position += 1
                guard position < bytes.count, isDigit(bytes[position]) else { throw fail("invalid number") }
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
                isIntegral = false
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                    position += 1
                }
                guard position < bytes.count, isDigit(bytes[position]) else { throw fail("invalid number") }
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            }
            let digitsStart = isNegative ? start + 1 : start
            if isIntegral, integerEnd - digitsStart <= Self.surelyFittingDigits {
                var magnitude: Int64 = 0
                for digit in bytes[digitsStart..<integerEnd] { magnitude = magnitude * 10 + Int64(digit - UInt8(ascii: "0")) }
                return .integer(isNegative ? -magnitude : magnitude)
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            if isIntegral, let integer = Int64(text) { return .integer(integer) }
            guard let number = Double(text) else { throw fail("invalid number") }
            return .number(number)
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        /// A string without escapes, by far the most common, is its bytes between the quotes.
        mutating func parseString() throws(JSONParseError) -> String {
            position += 1
            let start = position
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    position += 1
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(position - 1)]), as: UTF8.self)
                }
                if byte == UInt8(ascii: "\\") { return try parseEscapedString(from: start) }
                if byte < 0x20 { throw fail("unescaped control character in string") }
                position += 1
            }
            throw fail("unterminated string")
        }

        /// The rest of a string that has escapes, from its first backslash: decoded into UTF-8
        /// and made a string once at the end. (Invalid UTF-8 is repaired as if each run between
        /// escapes were decoded alone: an escape's UTF-8 never begins with a continuation byte.)
        mutating func parseEscapedString(from start: Int) throws(JSONParseError) -> String {
            var decoded = Array(bytes[start..<position])
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    position += 1
                    return String(decoding: decoded, as: UTF8.self)
                }
                if byte < 0x20 { throw fail("unescaped control character in string") }
                position += 1
                if byte != UInt8(ascii: "\\") {
                    decoded.append(byte)
                    continue
                }
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"):
                    let scalar = try parseUnicodeEscape()
                    UTF8.encode(scalar) { decoded.append($0) }
                default: throw fail("invalid escape in string")
                }
            }
            throw fail("unterminated string")
        }

        mutating func parseHex4() throws(JSONParseError) -> UInt32 {
            guard position + 4 <= bytes.count,
                let value = UInt32(String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + 4]), as: UTF8.self), radix: 16)
            else { throw fail("invalid \\u escape") }
            position += 4
            return value
        }

        /// A `\u` escape; a surrogate pair becomes one scalar, a lone surrogate becomes U+FFFD.
        mutating func parseUnicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
            let high = try parseHex4()
            if (0xD800...0xDBFF).contains(high), position + 1 < bytes.count,
                bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
            {
                let save = position
                position += 2
                let low = try parseHex4()
                if (0xDC00...0xDFFF).contains(low) {
                    return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
                }
                position = save
            }
            return Unicode.Scalar(high) ?? "\u{FFFD}"
        }
    }
}

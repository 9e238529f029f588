import Foundation

/// Turns PostgreSQL's text output of a value into the JSON value a mapping reads, by the column's
/// type OID. Assumes a session with `TimeZone=UTC` and `DateStyle=ISO`, as ``PostgresConnection`` sets.
enum PostgresValueDecoder {
    /// Built-in type OIDs (`pg_type.oid`, fixed across PostgreSQL versions).
    enum TypeOID {
        static let bool: UInt32 = 16
        static let bytea: UInt32 = 17
        static let int8: UInt32 = 20
        static let int2: UInt32 = 21
        static let int4: UInt32 = 23
        static let text: UInt32 = 25
        static let oid: UInt32 = 26
        static let json: UInt32 = 114
        static let float4: UInt32 = 700
        static let float8: UInt32 = 701
        static let varchar: UInt32 = 1043
        static let timestamptz: UInt32 = 1184
        static let numeric: UInt32 = 1700
        static let jsonb: UInt32 = 3802
    }

    /// Integers → `.integer`; floats → `.number`; numeric → `.integer` when integral and within Int64,
    /// else `.number`; bool → `.bool`; json/jsonb → the parsed value; bytea → base64 `.string`;
    /// timestamptz → ISO-8601 in UTC (`2024-05-01T12:30:00.5Z`); everything else (text, varchar, uuid,
    /// date, timestamp, arrays...) → PostgreSQL's text form.
    static func value(of text: String, typeOID: UInt32) -> JSONValue {
        switch typeOID {
        case TypeOID.int2, TypeOID.int4, TypeOID.int8, TypeOID.oid:
            return Int64(text).map(JSONValue.integer) ?? .string(text)
        case TypeOID.float4, TypeOID.float8:
            return Double(text).map(JSONValue.number) ?? .string(text)
        case TypeOID.numeric:
            return numeric(text)
        case TypeOID.bool:
            return .bool(text == "t")
        case TypeOID.json, TypeOID.jsonb:
            return (try? JSONReader.parse(text)) ?? .string(text)
        case TypeOID.bytea:
            return .string(bytes(ofHex: text).base64EncodedString())
        case TypeOID.timestamptz:
            return .string(isoTimestamp(text))
        default:
            return .string(text)
        }
    }

    /// The same conversion from the value's text as bytes (a copy's field): integers, floats and text,
    /// most of a model's values, are read without making a string first.
    static func value(of bytes: UnsafeBufferPointer<UInt8>, typeOID: UInt32) -> JSONValue {
        switch typeOID {
        case TypeOID.int2, TypeOID.int4, TypeOID.int8, TypeOID.oid:
            if let integer = integer(bytes) { return .integer(integer) }
        case TypeOID.float4, TypeOID.float8:
            if let number = double(bytes) { return .number(number) }
        case TypeOID.bool:
            return .bool(bytes.count == 1 && bytes[0] == UInt8(ascii: "t"))
        case TypeOID.text, TypeOID.varchar:
            return .string(String(decoding: bytes, as: UTF8.self))
        default:
            break
        }
        return value(of: String(decoding: bytes, as: UTF8.self), typeOID: typeOID)
    }

    /// The same conversion, as a row's value (``RowValues/Source``): text in place, everything else as
    /// `value(of:typeOID:)` converts the bytes. Nil for an array or object (a `json` or `jsonb` value),
    /// which a row's value cannot hold.
    static func rowSource(of bytes: UnsafeBufferPointer<UInt8>, typeOID: UInt32, converting converted: inout [UInt8])
        -> RowValues.Source?
    {
        if typeOID == TypeOID.text || typeOID == TypeOID.varchar { return .text(bytes, converting: &converted) }
        switch value(of: bytes, typeOID: typeOID) {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .integer(let number): return .integer(number)
        case .number(let number): return .number(number)
        case .string(let text): return .converting(text, into: &converted)
        case .array, .object: return nil
        }
    }

    /// Whether a column of this type can hold a value that no row's value holds (see
    /// ``rowSource(of:typeOID:converting:)``).
    static func mayHoldObjects(typeOID: UInt32) -> Bool {
        typeOID == TypeOID.json || typeOID == TypeOID.jsonb
    }

    /// A decimal integer as PostgreSQL writes it (an optional `-`, digits), nil when it is not one or
    /// does not fit 64 bits.
    private static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !bytes.isEmpty else { return nil }
        let negative = bytes[0] == UInt8(ascii: "-")
        let digits = negative ? 1 : 0
        // 19 digits always fit an unsigned 64-bit magnitude; more never fit a signed one.
        guard (1...19).contains(bytes.count - digits) else { return nil }
        var magnitude: UInt64 = 0
        for byte in bytes[digits...] {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            magnitude = magnitude * 10 + UInt64(digit)
        }
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// A float as PostgreSQL writes it (shortest digits, `Infinity`, `NaN`), through `strtod`.
    private static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !bytes.isEmpty, bytes.count < 64 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { text in
            for index in bytes.indices { text[index] = CChar(bitPattern: bytes[index]) }
            text[bytes.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let number = strtod(text.baseAddress!, &end)
            return end == text.baseAddress! + bytes.count ? number : nil
        }
    }

    private static func numeric(_ text: String) -> JSONValue {
        if let integer = Int64(text) { return .integer(integer) }
        let parts = text.split(separator: ".", maxSplits: 1)
        if parts.count == 2, parts[1].allSatisfy({ $0 == "0" }), let integer = Int64(parts[0]) {
            return .integer(integer)
        }
        return Double(text).map(JSONValue.number) ?? .string(text)
    }

    /// Decodes bytea's hex output (`\x0a1b...`).
    private static func bytes(ofHex text: String) -> Data {
        let digits = Array(text.utf8.dropFirst(2))
        var data = Data(capacity: digits.count / 2)
        var index = 0
        while index + 1 < digits.count {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { break }
            data.append(high << 4 | low)
            index += 2
        }
        return data
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// `2024-05-01 12:30:00.5+00` → `2024-05-01T12:30:00.5Z`. Values the session did not print in UTC
    /// (or `infinity`, BC dates) are returned unchanged.
    private static func isoTimestamp(_ text: String) -> String {
        guard text.hasSuffix("+00"), text.count > 13,
            text[text.index(text.startIndex, offsetBy: 10)] == " "
        else { return text }
        var iso = String(text.dropLast(3))
        iso.replaceSubrange(iso.index(iso.startIndex, offsetBy: 10)...iso.index(iso.startIndex, offsetBy: 10), with: "T")
        return iso + "Z"
    }
}

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
        static let oid: UInt32 = 26
        static let json: UInt32 = 114
        static let float4: UInt32 = 700
        static let float8: UInt32 = 701
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

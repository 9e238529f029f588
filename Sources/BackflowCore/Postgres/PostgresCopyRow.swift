import Foundation

/// One row of `COPY … TO STDOUT` in PostgreSQL's text format, read in place: fields are split on
/// tabs, `\N` is SQL NULL, and a field holding a backslash escape (`\t`, `\n`, `\\`, `\b`, `\f`, `\r`,
/// `\v`, octal `\ooo`, hex `\xhh`) is unescaped only when it is read.
///
/// A row lends the bytes libpq returned: it must not outlive the callback that receives it
/// (``PostgresConnection/copyOut(_:types:_:)``).
struct PostgresCopyRow {
    private let line: UnsafeBufferPointer<UInt8>
    private let fields: UnsafeBufferPointer<Field>
    private let types: UnsafeBufferPointer<UInt32>

    struct Field {
        var start: Int
        var count: Int
        var isNull: Bool
        var isEscaped: Bool
    }

    init(line: UnsafeBufferPointer<UInt8>, fields: UnsafeBufferPointer<Field>, types: UnsafeBufferPointer<UInt32>) {
        self.line = line
        self.fields = fields
        self.types = types
    }

    var columnCount: Int { fields.count }

    /// The value's text, nil for SQL NULL.
    func text(_ column: Int) -> String? {
        let field = fields[column]
        guard !field.isNull else { return nil }
        return withBytes(field) { String(decoding: $0, as: UTF8.self) }
    }

    /// The value converted by its column's type (see ``PostgresValueDecoder``).
    func value(_ column: Int) -> JSONValue {
        let field = fields[column]
        guard !field.isNull else { return .null }
        let type = typeOID(ofColumn: column)
        return withBytes(field) { PostgresValueDecoder.value(of: $0, typeOID: type) }
    }

    /// The column's type OID; 0 (read as text) for a column the copy was not given a type for.
    private func typeOID(ofColumn column: Int) -> UInt32 {
        column < types.count ? types[column] : 0
    }

    /// Every value in column order.
    func values() -> [JSONValue] {
        (0..<fields.count).map(value)
    }

    /// The first `layout.columnCount` values as a row, converted as ``value(_:)`` converts them; nil
    /// when one is an array or object (see ``PostgresValueDecoder/rowSource(of:typeOID:converting:)``).
    func rowValues(layout: JSONObject.RowLayout) -> RowValues? {
        var holdsEveryValue = true
        let row = RowValues(layout: layout) { column, converted in
            let field = fields[column]
            guard !field.isNull else { return .null }
            let type = typeOID(ofColumn: column)
            let source = withBytes(field) { bytes in
                let source = PostgresValueDecoder.rowSource(of: bytes, typeOID: type, converting: &converted)
                // An escaped field's bytes live only as long as this closure.
                guard field.isEscaped, case .text(let text) = source else { return source }
                return RowValues.Source.converting(utf8: text, into: &converted)
            }
            guard let source else {
                holdsEveryValue = false
                return .null
            }
            return source
        }
        return holdsEveryValue ? row : nil
    }

    private func withBytes<T>(_ field: Field, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let raw = UnsafeBufferPointer(rebasing: line[field.start..<(field.start + field.count)])
        guard field.isEscaped else { return body(raw) }
        let unescaped = Self.unescape(raw)
        return unescaped.withUnsafeBufferPointer(body)
    }

    /// Splits `line` (without its newline) into `fields`, reusing its storage.
    static func split(_ line: UnsafeBufferPointer<UInt8>, into fields: inout [Field]) {
        fields.removeAll(keepingCapacity: true)
        var start = 0
        var escaped = false
        var index = 0
        let tab = UInt8(ascii: "\t"), backslash = UInt8(ascii: "\\")
        func close(at end: Int) {
            let count = end - start
            let isNull = count == 2 && line[start] == backslash && line[start + 1] == UInt8(ascii: "N")
            fields.append(Field(start: start, count: count, isNull: isNull, isEscaped: escaped && !isNull))
        }
        while index < line.count {
            let byte = line[index]
            if byte == tab {
                close(at: index)
                start = index + 1
                escaped = false
            } else if byte == backslash {
                escaped = true
                index += 1  // the escaped byte is never a separator
            }
            index += 1
        }
        close(at: min(index, line.count))
    }

    /// The bytes a text-format field stands for.
    static func unescape(_ field: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(field.count)
        var index = 0
        func digit(_ byte: UInt8, radix: UInt8) -> UInt8? {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            return value < radix ? value : nil
        }
        while index < field.count {
            let byte = field[index]
            index += 1
            guard byte == UInt8(ascii: "\\"), index < field.count else {
                output.append(byte)
                continue
            }
            let escape = field[index]
            index += 1
            switch escape {
            case UInt8(ascii: "b"): output.append(8)
            case UInt8(ascii: "f"): output.append(12)
            case UInt8(ascii: "n"): output.append(10)
            case UInt8(ascii: "r"): output.append(13)
            case UInt8(ascii: "t"): output.append(9)
            case UInt8(ascii: "v"): output.append(11)
            case UInt8(ascii: "x"):
                var value: UInt8 = 0
                var digits = 0
                while digits < 2, index < field.count, let next = digit(field[index], radix: 16) {
                    value = value &* 16 &+ next
                    index += 1
                    digits += 1
                }
                output.append(digits == 0 ? escape : value)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = escape - UInt8(ascii: "0")
                var digits = 1
                while digits < 3, index < field.count, let next = digit(field[index], radix: 8) {
                    value = value &* 8 &+ next
                    index += 1
                    digits += 1
                }
                output.append(value)
            default: output.append(escape)
            }
        }
        return output
    }
}

import Foundation

/// A model row's values as the warehouse returned them, in one array: integers, reals and booleans as
/// themselves, text as its UTF-8 bytes, under the keys of the scan's ``JSONObject/RowLayout``.
///
/// A sync reads most rows only to copy their values into a message (``MessagePlan``). As a
/// ``JSONObject`` each row cost an array of entries and a `String` for every text value, made on the
/// scan thread and freed on a builder thread: about a tenth of a full sync's instructions. A row
/// becomes a ``JSONObject`` (``object``) only where something reads it as one: Test Mapping, a
/// record's problem, an earlier checksum's check.
///
/// From SQLite the values read the same as ``SQLiteStatement/value(at:)`` reads them: text that is not
/// valid UTF-8 is repaired as `String(decoding:as:)` repairs it, and a blob is its base64 text. From
/// PostgreSQL they read as ``PostgresValueDecoder`` reads them; a row with a `json` or `jsonb` value,
/// which no single value here holds, stays an object.
struct RowValues: Sendable {
    let layout: JSONObject.RowLayout
    /// Two words a column, in the query's order: the kind and, for text, the byte count (``Cell``);
    /// then the value, or for text its offset among the text bytes, which follow the columns' words.
    fileprivate let words: [UInt64]

    /// One column's value, read in place: `text` points into the row, and is valid only inside
    /// ``withValues(_:)``.
    enum Value {
        case null
        case integer(Int64)
        case number(Double)
        case bool(Bool)
        case text(UnsafeBufferPointer<UInt8>)

        /// The value as a ``JSONValue``: text as a `String`.
        var json: JSONValue {
            switch self {
            case .null: .null
            case .integer(let number): .integer(number)
            case .number(let number): .number(number)
            case .bool(let flag): .bool(flag)
            case .text(let bytes): .string(String(decoding: bytes, as: UTF8.self))
            }
        }
    }

    fileprivate enum Kind: UInt64 {
        case null, integer, number, bool, text
    }

    /// The row's values at `position` (in the layout's key order) as ``Value``s, to `body`.
    struct Reader {
        fileprivate let layout: JSONObject.RowLayout
        fileprivate let words: UnsafeBufferPointer<UInt64>

        func value(atPosition position: Int) -> Value {
            value(ofColumn: layout.column(atPosition: position))
        }

        fileprivate func value(ofColumn column: Int) -> Value {
            let kindAndCount = words[2 * column]
            let payload = words[2 * column + 1]
            switch Kind(rawValue: kindAndCount & 0xFF) {
            case .integer: return .integer(Int64(bitPattern: payload))
            case .number: return .number(Double(bitPattern: payload))
            case .bool: return .bool(payload != 0)
            case .text:
                let text = UnsafeRawPointer(words.baseAddress! + 2 * layout.columnCount)
                    .assumingMemoryBound(to: UInt8.self)
                return .text(UnsafeBufferPointer(start: text + Int(payload), count: Int(kindAndCount >> 8)))
            case .null, nil: return .null
            }
        }
    }

    func withValues<Result>(_ body: (Reader) -> Result) -> Result {
        words.withUnsafeBufferPointer { body(Reader(layout: layout, words: $0)) }
    }

    /// The row as an object, as a scan made it before rows were kept as ``RowValues``.
    var object: JSONObject {
        withValues { reader in JSONObject(layout: layout) { reader.value(ofColumn: $0).json } }
    }

    /// Where a column's value is, between reading its size and copying it into a row. A plain value, so
    /// that the sources of a row need no releasing.
    enum Source {
        case null
        case integer(Int64)
        case number(Double)
        case bool(Bool)
        /// Valid UTF-8 where the warehouse's client holds it, until it reads on.
        case text(UnsafeBufferPointer<UInt8>)
        /// Bytes of the row's converted text (repaired, unescaped or reformatted for the row).
        case converted(Range<Int>)

        /// `text`'s UTF-8, appended to `converted`.
        static func converting(_ text: String, into converted: inout [UInt8]) -> Source {
            converting(utf8: text.utf8, into: &converted)
        }

        /// `bytes`, valid UTF-8 that will not outlive the row's reading, appended to `converted`.
        static func converting(utf8 bytes: some Sequence<UInt8>, into converted: inout [UInt8]) -> Source {
            let start = converted.count
            converted.append(contentsOf: bytes)
            return .converted(start..<converted.count)
        }

        /// `bytes` as text read as `String(decoding:as:)` reads it: in place when they are valid UTF-8
        /// (nearly always), else repaired into `converted`.
        static func text(_ bytes: UnsafeBufferPointer<UInt8>, converting converted: inout [UInt8]) -> Source {
            guard !isASCII(bytes), String(validating: bytes, as: UTF8.self) == nil else { return .text(bytes) }
            return .converting(String(decoding: bytes, as: UTF8.self), into: &converted)
        }

        /// Whether every byte is below 0x80, tested 8 at a time: ASCII is valid UTF-8, and most text is ASCII.
        private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let base = bytes.baseAddress else { return true }
            let raw = UnsafeRawPointer(base)
            var offset = 0
            var highBits: UInt64 = 0
            while offset + 8 <= bytes.count {
                highBits |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                offset += 8
            }
            while offset < bytes.count {
                highBits |= UInt64(bytes[offset])
                offset += 1
            }
            return highBits & 0x8080_8080_8080_8080 == 0
        }

        fileprivate var byteCount: Int {
            switch self {
            case .null, .integer, .number, .bool: 0
            case .text(let bytes): bytes.count
            case .converted(let range): range.count
            }
        }
    }

    /// Copies a row of `layout.columnCount` values, reading each column's ``Source`` once: the sizes
    /// first, then the bytes into one array. `source` may append text it makes to `converted` and
    /// point at it with ``Source/converted(_:)``.
    init(layout: JSONObject.RowLayout, source: (_ column: Int, _ converted: inout [UInt8]) -> Source) {
        let columns = layout.columnCount
        var converted: [UInt8] = []
        words = withUnsafeTemporaryAllocation(of: Source.self, capacity: columns) { sources in
            var textBytes = 0
            for column in 0..<columns {
                let value = source(column, &converted)
                (sources.baseAddress! + column).initialize(to: value)
                textBytes += value.byteCount
            }
            let textWords = (textBytes + 7) / 8
            return [UInt64](unsafeUninitializedCapacity: 2 * columns + textWords) { words, count in
                let base = words.baseAddress!
                (base + 2 * columns).initialize(repeating: 0, count: textWords)
                let text = UnsafeMutableRawPointer(base + 2 * columns).assumingMemoryBound(to: UInt8.self)
                var offset = 0
                func store(_ kind: Kind, _ payload: UInt64, at column: Int, count: Int = 0) {
                    (base + 2 * column).initialize(to: kind.rawValue | UInt64(count) << 8)
                    (base + 2 * column + 1).initialize(to: payload)
                }
                func storeText(_ bytes: UnsafeBufferPointer<UInt8>, at column: Int) {
                    if let start = bytes.baseAddress { (text + offset).update(from: start, count: bytes.count) }
                    store(.text, UInt64(offset), at: column, count: bytes.count)
                    offset += bytes.count
                }
                for column in 0..<columns {
                    switch sources[column] {
                    case .null: store(.null, 0, at: column)
                    case .integer(let number): store(.integer, UInt64(bitPattern: number), at: column)
                    case .number(let number): store(.number, number.bitPattern, at: column)
                    case .bool(let flag): store(.bool, flag ? 1 : 0, at: column)
                    case .text(let bytes): storeText(bytes, at: column)
                    case .converted(let range):
                        converted.withUnsafeBufferPointer { storeText(UnsafeBufferPointer(rebasing: $0[range]), at: column) }
                    }
                }
                count = 2 * columns + textWords
            }
        }
        self.layout = layout
    }
}

extension SQLiteStatement {
    /// The current row's first `layout.columnCount` columns.
    func rowValues(layout: JSONObject.RowLayout) -> RowValues {
        rowValues(layout: layout, checksum: nil).row
    }

    /// The current row's first `layout.columnCount` columns and, given its form, the checksum of those
    /// columns, computed from the values read for the row: nil when memory ran out for it.
    func rowValues(layout: JSONObject.RowLayout, checksum form: RecordChecksumFunctions.RowChecksum?)
        -> (row: RowValues, checksum: String?)
    {
        withUnsafeTemporaryAllocation(of: OpaquePointer?.self, capacity: layout.columnCount) { values in
            for column in values.indices { values[column] = columnValue(at: column) }
            let row = rowValues(layout: layout, values: UnsafeBufferPointer(values))
            // After the row is read: in a UTF-16 database, reading text as UTF-8 converts it where it is.
            return (row, form.flatMap { checksum($0, of: UnsafeBufferPointer(values)) })
        }
    }

    /// The row whose columns' values are `values`.
    private func rowValues(layout: JSONObject.RowLayout, values: UnsafeBufferPointer<OpaquePointer?>) -> RowValues {
        RowValues(layout: layout) { column, converted in rowSource(lent(values[column]), converting: &converted) }
    }

    private func rowSource(_ value: LentValue, converting converted: inout [UInt8]) -> RowValues.Source {
        switch value {
        case .null: return .null
        case .integer(let number): return .integer(number)
        case .number(let number): return .number(number)
        case .text(let bytes): return .text(bytes, converting: &converted)
        case .blob(let base64): return .converting(base64, into: &converted)
        }
    }
}

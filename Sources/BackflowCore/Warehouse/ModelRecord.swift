/// One row of a model's result.
public struct ModelRecord: Sendable, Hashable {
    /// The unique identifier column's value as text, as Segment casts it: integers printed plainly,
    /// reals as JavaScript prints numbers, text unchanged.
    public let id: String
    /// Every column of the row, in the query's column order.
    public let columns: JSONObject

    public init(id: String, columns: JSONObject) {
        self.id = id
        self.columns = columns
    }

    /// The text form of an identifier value, or nil for `null` (a record without an identity). A real
    /// number's is the checksum's text (``RecordChecksumText``), the one sync states are keyed by.
    static func idText(of value: JSONValue) -> String? {
        switch value {
        case .null: return nil
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .number(let number): return RecordChecksumText.number(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .array, .object: return JSONWriter.compact(value)
        }
    }
}

extension ModelRecord {
    /// A fingerprint of the row's columns: 16 lowercase hex digits of FNV-1a (64-bit) over
    /// ``RecordChecksumText`` (the columns' compact JSON), in column order but for array-index column
    /// names (`0`, `10`), which come first as in any JavaScript object.
    ///
    /// It depends only on the values and their order, so it is the same on every run and platform;
    /// reordering the query's columns changes it. SQLite states stored it until they stored the hash of
    /// the values SQLite holds (``SQLiteChecksumForm``); it is kept to recognise those checksums, and
    /// for Test Mapping's message ids.
    public var checksum: String {
        StableHash.hex(StableHash.fnv1a64(RecordChecksumText.bytes(of: columns)))
    }
}

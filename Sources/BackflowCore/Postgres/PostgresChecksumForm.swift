/// The forms a PostgreSQL change scan's row checksum has taken, oldest first.
///
/// A record's stored checksum stays in the form it was stored in until the scan that finds the record
/// unchanged in that form rewrites it in the current one (``PostgresChangeQuery``), so a release that
/// changes the form sends nothing again.
///
/// Each form covers the column names, so that renaming a column counts as a change, as it does in
/// SQLite's checksum.
enum PostgresChecksumForm: CaseIterable, Hashable {
    /// `md5(row_to_json(m))`: 32 hex digits, without the names (JSON already holds them).
    case rowJSON
    /// `v2:` and the md5 of the column names and the row's record text (`m::text`).
    case recordText
    /// `v3:` and the server's 64-bit hash of the row's values (`hash_record_extended`), seeded with the
    /// column names. No text of the row is written, which makes it a quarter of the server's cost of
    /// `recordText` (0.7 s against 2.5 s for a million rows of twelve columns). A value's hash follows
    /// its type's equality, so this form is used only where equal values always give the same message
    /// (see ``current(columnTypes:serverHashesRecords:)``).
    case recordHash

    /// SQL that is true when `stored`, an SQL expression of a stored checksum, is in this form.
    func holds(_ stored: String) -> String {
        switch self {
        case .rowJSON: "length(\(stored)) = 32"
        case .recordText: "left(\(stored), 3) = 'v2:'"
        case .recordHash: "left(\(stored), 3) = 'v3:'"
        }
    }

    /// The SQL of this form of the checksum of the row `m`, whose columns are `names`.
    func checksum(names: [String]) -> String {
        let signature = PostgresChangeQuery.literal(names.joined(separator: "\u{1F}") + "\u{1E}")
        switch self {
        case .rowJSON:
            return "md5(row_to_json(m)::text)"
        case .recordText:
            return "'v2:' || md5(\(signature) || m::text)"
        case .recordHash:
            // The seed is the names' md5 cut to 64 bits, folded into a constant when the statement is planned.
            return "'v3:' || hash_record_extended(m, ('x' || left(md5(\(signature)), 16))::bit(64)::int8)"
        }
    }

    /// The form a scan stores for a model whose columns have the type OIDs `columnTypes`: the record hash
    /// where the server has it (``serverHashesRecordsQuery``) and every column's type hashes two values
    /// alike only when the message Backflow builds from them is the same, the record text otherwise.
    ///
    /// Those types: integers, booleans, bytea, uuid, dates and times (timestamptz is sent as its instant,
    /// in UTC), floats and numeric (sent as JavaScript numbers: `1.0` and `1.00`, `0` and `-0` are one
    /// number), text under a deterministic collation (hashed byte for byte) and jsonb (its equality is
    /// JSON's). Arrays are left out (their hash ignores their dimensions), and so are json, which has no
    /// hash, interval (`1 day` equals `24 hours`), enums, composites and every extension type (citext's
    /// hash ignores case).
    static func current(columnTypes: [UInt32], serverHashesRecords: Bool) -> Self {
        serverHashesRecords && columnTypes.allSatisfy(exactlyHashedTypes.contains) ? .recordHash : .recordText
    }

    /// One row, `t` when the server has `hash_record_extended` (PostgreSQL 14) and no nondeterministic
    /// collation (which could hash two different texts alike) exists in the database. The column is read
    /// through `to_jsonb`, so that servers from before it (11) parse the statement too.
    static let serverHashesRecordsQuery = """
        SELECT current_setting('server_version_num')::int >= 140000
            AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_collation c WHERE to_jsonb(c) ->> 'collisdeterministic' = 'false')
        """

    /// bool, bytea, int8, int2, int4, text, oid, float4, float8, varchar, date, time, timestamp,
    /// timestamptz, numeric, uuid, jsonb.
    private static let exactlyHashedTypes: Set<UInt32> = [
        16, 17, 20, 21, 23, 25, 26, 700, 701, 1043, 1082, 1083, 1114, 1184, 1700, 2950, 3802,
    ]
}

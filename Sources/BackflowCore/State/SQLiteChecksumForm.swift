import CBackflowSQL

/// The forms a SQLite state's record checksums have taken, oldest first.
///
/// A record stored in an earlier form keeps it until a scan finds the record's row unchanged in that
/// form and rewrites the stored checksum in the current one (``SQLiteChangeTracker``), so that a
/// release that changes the form sends nothing again. The record's version stays, so its message ids
/// go on as before.
enum SQLiteChecksumForm: Equatable {
    /// 16 hex digits of FNV-1a over the row's compact JSON as Swift reads the row
    /// (``ModelRecord/checksum``). Writing that JSON and hashing it a byte at a time was a fifth of a
    /// scan's time.
    case rowJSON
    /// `v2:` and 16 hex digits: the hash of the row's values as SQLite holds them, seeded with the
    /// column names (`BACKFLOW_CHECKSUM_PREFIX` in `CBackflowSQL.h`; ``RecordChecksumFunctions``).
    case storedValues

    /// The form of the stored checksum `stored` (not ``StateTables/deletedChecksum``).
    init(of stored: String) {
        self = stored.hasPrefix(Self.currentPrefix) ? .storedValues : .rowJSON
    }

    static let currentPrefix = BACKFLOW_CHECKSUM_PREFIX

    /// Whether `stored`, a checksum in an earlier form, is the checksum of the row `columns` in that
    /// form, so that the row is unchanged since it was acknowledged.
    static func earlierForm(_ stored: String, isChecksumOf columns: @autoclosure () -> JSONObject) -> Bool {
        switch SQLiteChecksumForm(of: stored) {
        case .rowJSON: ModelRecord(id: "", columns: columns()).checksum == stored
        case .storedValues: false
        }
    }
}

/// The `messageId` Backflow gives each message it builds from a record.
///
/// It depends only on the mapping, the record, the record's checksum and the kind of change, so a
/// message re-sent after a crash or a retry carries the id it had the first time and Segment
/// de-duplicates it; a real change to the row gives a new id.
public enum MessageIdentity {
    public static func messageID(mapping: String, recordID: String, checksum: String, change: RecordChange)
        -> String
    {
        let key = [mapping, recordID, checksum, change.rawValue].joined(separator: "\u{1F}")
        let high = StableHash.fnv1a64(key)
        let low = StableHash.fnv1a64(key, seed: high ^ StableHash.offsetBasis)
        return "bf-" + StableHash.hex(high) + StableHash.hex(low)
    }
}

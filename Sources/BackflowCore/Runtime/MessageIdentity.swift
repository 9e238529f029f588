/// The `messageId` Backflow gives each message it builds from a record.
///
/// It depends only on the mapping, the record, the record's checksum and the kind of change, so a
/// message re-sent after a crash or a retry carries the id it had the first time and Segment
/// de-duplicates it; a real change to the row gives a new id.
public enum MessageIdentity {
    public static func messageID(mapping: String, recordID: String, checksum: String, change: RecordChange)
        -> String
    {
        // The hash of the parts joined by U+001F, hashed part by part rather than joined first.
        let parts = [mapping, recordID, checksum, change.rawValue]
        func hash(seed: UInt64) -> UInt64 {
            var hash = seed
            for (index, part) in parts.enumerated() {
                if index > 0 { hash = (hash ^ 0x1F) &* StableHash.prime }
                hash = StableHash.fnv1a64(part, seed: hash)
            }
            return hash
        }
        let high = hash(seed: StableHash.offsetBasis)
        let low = hash(seed: high ^ StableHash.offsetBasis)
        return StableHash.hex(high, low, prefix: "bf-")
    }
}

/// The `messageId` of every message a sync sends, which Segment uses to drop duplicates: it keeps every
/// id it has seen for at least 24 hours, across all sources and workspaces, and drops any later message
/// carrying one of them, whatever its content.
///
/// The contract:
/// - the same id only for a resend of the same unacknowledged version of the same record (after a
///   crash, a kill, a failed batch), so the resend is harmless;
/// - a new id for every version acknowledged and then changed, flip-backs included (free → pro → free
///   is three versions), since each acknowledged change bumps the record's version;
/// - a new id after every reset or state started over (a new ``MappingState/generation``);
/// - never the same id in two workspaces (a random workspace id) or two mappings (the mapping's id);
/// - 35 characters (`bf-` and 32 hex digits), far under Segment's limits.
public struct MessageIdentity: Sendable, Hashable {
    private let seed: UInt64

    public init(mapping: MappingIdentity, generation: String) {
        var seed = StableHash.offsetBasis
        for part in [mapping.workspaceID, mapping.mappingID, generation] {
            seed = StableHash.fnv1a64(part, seed: seed)
            seed = (seed ^ 0x1F) &* StableHash.prime
        }
        self.seed = seed
    }

    /// The id of `change` to version `version` of record `recordID`, whose data has `checksum`.
    public func messageID(recordID: String, version: Int64, checksum: String, change: RecordChange) -> MessageID {
        func hash(_ start: UInt64) -> UInt64 {
            var hash = StableHash.fnv1a64(recordID, seed: start)
            hash = (hash ^ 0x1F) &* StableHash.prime
            withUnsafeBytes(of: version.littleEndian) { bytes in
                for byte in bytes { hash = (hash ^ UInt64(byte)) &* StableHash.prime }
            }
            hash = StableHash.fnv1a64(checksum, seed: hash)
            hash = (hash ^ 0x1F) &* StableHash.prime
            return StableHash.fnv1a64(change.rawValue, seed: hash)
        }
        let high = hash(seed)
        let low = hash(high ^ seed ^ StableHash.offsetBasis)
        return MessageID(high: high, low: low)
    }
}

/// The messageIds a write key has delivered, to tell duplicates apart when a sink receives
/// millions of messages. Membership is `String` equality, as in a `Set<String>`, but each id is
/// hashed once: the table holds only the hash and the id's position, eight bytes a slot, so a
/// probe touches one cache line and growing never hashes text again. At a million ids those
/// memory touches, not the checks, are what a set costs.
///
/// Ids are kept in the order they were added, so the latest additions can be taken back (when
/// the messages they came with could not be stored).
struct MessageIdSet {
    /// The ids in the order added, and the low 32 bits of each one's hash.
    private var ids: [String] = []
    private var hashes: [UInt32] = []
    /// Open addressing with linear probing, always laid out as if every id had been added in
    /// order: 0 is an empty slot; otherwise the id's hash in the high 32 bits over its position
    /// in `ids` plus one.
    private var slots = [UInt64](repeating: 0, count: 16)

    var count: Int { ids.count }

    /// Adds `ids` in order, each an id or nil (a message without one), and says for each whether
    /// it was new (nil always is). Within `ids` too, only the first of two equal ids is new.
    ///
    /// A request's ids go in together because each one's first slot is a miss in every cache once
    /// the table outgrows them (a million ids take 16 MB of slots, ten million 256 MB): probed one
    /// after another, each miss is waited out in full, and at ten million ids that wait was a quarter
    /// of the sink's time. So every id's probe is started first, each ending at the first slot that
    /// is empty or holds its hash; those loads do not wait for one another, so their misses overlap.
    /// The ids are then placed in order, each probing on from where its first probe ended: the slots
    /// it passed held other hashes, and placing ids only ever fills slots. The table is grown before,
    /// not while, so that those places stay valid.
    mutating func insert(_ ids: [String?]) -> [Bool] {
        while (count + ids.count) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        let idHashes = ids.map { id in id.map { UInt32(truncatingIfNeeded: $0.hashValue) } ?? 0 }
        let starts = slots.withUnsafeBufferPointer { slots in
            zip(ids, idHashes).map { id, hash in
                var slot = Int(hash) & mask
                guard id != nil else { return slot }
                while slots[slot] != 0, UInt32(slots[slot] >> 32) != hash { slot = (slot + 1) & mask }
                return slot
            }
        }
        return ids.indices.map { index in
            guard let id = ids[index] else { return true }
            return place(id, hash: idHashes[index], from: starts[index])
        }
    }

    /// Puts `id` in the first empty slot from `start` on; false when a slot on the way holds it.
    private mutating func place(_ id: String, hash: UInt32, from start: Int) -> Bool {
        let mask = slots.count - 1
        var slot = start
        while slots[slot] != 0 {
            let entry = slots[slot]
            if UInt32(entry >> 32) == hash, ids[Int(entry & 0xFFFF_FFFF) - 1] == id { return false }
            slot = (slot + 1) & mask
        }
        slots[slot] = Self.entry(hash: hash, position: ids.count)
        ids.append(id)
        hashes.append(hash)
        return true
    }

    /// Takes back the ids added since the set held `count` of them.
    mutating func removeAdded(since count: Int) {
        while ids.count > count {
            // Emptying the latest addition's slot leaves the table as it was before it: nothing
            // placed later can have probed past that slot.
            let entry = Self.entry(hash: hashes[ids.count - 1], position: ids.count - 1)
            var slot = Int(hashes[ids.count - 1]) & (slots.count - 1)
            while slots[slot] != entry { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = 0
            ids.removeLast()
            hashes.removeLast()
        }
    }

    private static func entry(hash: UInt32, position: Int) -> UInt64 {
        UInt64(hash) << 32 | UInt64(position + 1)
    }

    /// Doubles the table, placing the ids again in the order they were added.
    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (position, hash) in hashes.enumerated() {
            var slot = Int(hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Self.entry(hash: hash, position: position)
        }
    }
}

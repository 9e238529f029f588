/// Builds a message object the way Segment's actions write theirs: keys in the order the action
/// assigns them, with keys whose value is undefined left out of the JSON.
struct MessageObjectBuilder {
    private var slots: [(key: String, value: JSONValue?)]

    init() {
        // Room for the most keys a builder sets (a message's context), so that slots rarely grow.
        slots = []
        slots.reserveCapacity(16)
    }

    /// Reserves `key`'s position even when `value` is undefined, as a JavaScript object literal does.
    mutating func set(_ key: String, _ value: JSONValue?) {
        for index in slots.indices where slots[index].key.hasSameUTF8(as: key) {
            slots[index].value = value
            return
        }
        slots.append((key, value))
    }

    /// `{...object}` over what is already there: known keys keep their place, new ones go last.
    mutating func spread(_ object: JSONObject) {
        for (key, value) in object.entries { set(key, value) }
    }

    var object: JSONObject {
        // The slots' keys are distinct (``set`` reuses a key's slot), so they are appended without a search.
        var object = JSONObject(reservingCapacity: slots.count)
        for slot in slots {
            if let value = slot.value { object.appendDistinct(slot.key, value) }
        }
        return object
    }

    /// A shallow copy of a free-form object field (`{...value}`), empty when the field is unmapped.
    static func shallowCopy(_ value: JSONValue?) -> JSONObject {
        value?.objectValue ?? [:]
    }
}

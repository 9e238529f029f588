/// The variables and running state of one render: the event the template reads, what `assign` and
/// `capture` set, `increment`/`decrement` counters, `cycle` positions and the memory used so far.
struct LiquidContext {
    /// The data the template renders against (Segment passes the event).
    let environment: JSONValue
    /// `assign` and `capture` results, which hide the event's keys of the same name.
    private var assigned: [String: LiquidValue] = [:]
    /// `increment`/`decrement` counters, which LiquidJS keeps among the event's own keys.
    private var counters: [String: Double] = [:]
    private var cyclePositions: [String: Int] = [:]
    var memory = LiquidMemory()

    init(environment: JSONValue) {
        self.environment = environment
    }

    mutating func assign(_ name: String, _ value: LiquidValue) {
        assigned[name] = value
    }

    /// Counts a counter on: `increment` gives the value before adding one, `decrement` after subtracting.
    mutating func count(_ name: String, step: Int) -> Double {
        let current = counters[name] ?? environment.objectValue?[name]?.doubleValue ?? 0
        counters[name] = current + Double(step)
        return step > 0 ? current : current + Double(step)
    }

    /// The next candidate index of a `cycle` group of `count` candidates.
    mutating func nextCycleIndex(group: String, count: Int) -> Int {
        // LiquidJS names a group by its name and its candidates, which it prints as `[object Object]`:
        // two cycles of one group and as many candidates share their place.
        let key = "\(group):\(count)"
        let index = cyclePositions[key] ?? 0
        cyclePositions[key] = (index + 1) % count
        return index
    }

    // MARK: Reading variables

    /// A variable's value: from what was assigned, else a counter, else the event.
    func variable(_ key: LiquidValue) -> LiquidValue {
        let name = key.propertyKey
        if let value = assigned[name] { return value }
        if let counter = counters[name] { return .number(counter) }
        if LiquidProperty.ownProperty(of: environment, name) != nil {
            return LiquidProperty.read(.json(environment), key)
        }
        // Neither: LiquidJS reads the key from an empty object, where only `size` has a value.
        return LiquidProperty.read(.json(.object(JSONObject())), key)
    }
}

/// LiquidJS's `readProperty`, with `ownPropertyOnly` as LiquidJS 10 sets it: a value's own keys only
/// (an object's keys; a string's or an array's indices and `length`), plus `size`, `first` and `last`.
enum LiquidProperty {
    static func read(_ base: LiquidValue, _ key: LiquidValue) -> LiquidValue {
        if case .undefined = base { return .undefined }
        if case .json(.null) = base { return base }
        guard case .json(let value) = base else { return specialLiteralProperty(key) }
        let keyValue = key.plain
        if case .array(let items) = value, let keyValue, lessThanZero(keyValue) {
            let index = Double(items.count) + LiquidValue.javaScriptNumber(of: keyValue)
            guard index >= 0, index < Double(items.count), index.rounded() == index else { return .undefined }
            return .json(items[Int(index)])
        }
        let name = key.propertyKey
        switch name {
        case "size": return size(of: value)
        case "first":
            if case .array(let items) = value { return items.first.map(LiquidValue.json) ?? .undefined }
        case "last":
            if case .array(let items) = value { return items.last.map(LiquidValue.json) ?? .undefined }
        default: break
        }
        return ownProperty(of: value, name).map(LiquidValue.json) ?? .undefined
    }

    /// A value's own property, as `hasOwnProperty` sees it.
    static func ownProperty(of value: JSONValue, _ name: String) -> JSONValue? {
        switch value {
        case .object(let object): return object[name]
        case .array, .string: return value.member(name)
        case .null, .bool, .integer, .number: return nil
        }
    }

    private static func size(of value: JSONValue) -> LiquidValue {
        switch value {
        case .object(let object): return .json(object["size"] ?? .integer(Int64(object.count)))
        case .array(let items): return .json(.integer(Int64(items.count)))
        case .string(let text): return .json(.integer(Int64(text.utf16.count)))
        case .null, .bool, .integer, .number: return .undefined
        }
    }

    /// `nil`, `empty` and `blank` have no keys; an object without keys has size 0.
    private static func specialLiteralProperty(_ key: LiquidValue) -> LiquidValue {
        key.propertyKey == "size" ? .json(.integer(0)) : .undefined
    }

    private static func lessThanZero(_ key: JSONValue) -> Bool {
        if case .string = key, LiquidValue.javaScriptNumber(of: key).isNaN { return false }
        return LiquidValue.javaScriptNumber(of: key) < 0
    }
}

extension LiquidValue {
    /// The property name a key reads, as JavaScript converts a value to one.
    var propertyKey: String {
        guard let value = plain else { return "undefined" }
        return value.propertyKey
    }
}

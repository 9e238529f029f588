extension DemoDataGenerator {
    static let ordersTable = DemoTable(name: "orders", columns: [
        ("order_id", "TEXT PRIMARY KEY"), ("user_id", "TEXT"), ("anonymous_id", "TEXT"), ("account_id", "TEXT"),
        ("total", "REAL"), ("currency", "TEXT"), ("status", "TEXT"), ("item_count", "INTEGER"), ("coupon", "TEXT"),
        ("placed_at", "TIMESTAMP"), ("items", "JSON"), ("notes", "TEXT"),
    ])

    /// Orders by the given users (and a few guests, known only by an anonymous id). Each completed or
    /// shipped order adds its total to the buyer's `lifetime_value`.
    mutating func makeOrders(count: Int, users: inout DemoTable) -> DemoTable {
        var table = Self.ordersTable
        for number in 1...count {
            let buyer = random.chance(0.05) ? nil : random.int(in: 0...(users.rows.count - 1))
            let order = makeOrder(id: "ord_" + number.zeroPadded(to: 5), buyer: buyer.map { users.rows[$0] })
            if let buyer, ["completed", "shipped"].contains(order["status"]?.stringValue),
                let total = order["total"]?.doubleValue,
                let lifetimeValue = users.rows[buyer]["lifetime_value"]?.doubleValue
            {
                users.rows[buyer]["lifetime_value"] = .number(Self.cents(lifetimeValue + total))
            }
            table.rows.append(order)
        }
        return table
    }

    private mutating func makeOrder(id: String, buyer: JSONObject?) -> JSONObject {
        let city = buyer.flatMap { user in DemoVocabulary.cities.first { .string($0.name) == user["city"] } }
            ?? random.pick(DemoVocabulary.cities)
        let products = DemoVocabulary.products.filter { _ in random.chance(0.12) }.prefix(4)
        let lines = (products.isEmpty ? [random.pick(DemoVocabulary.products)] : Array(products)).map {
            (product: $0, quantity: random.int(in: 1...3))
        }
        let subtotal = lines.reduce(0) { $0 + $1.product.price * Double($1.quantity) }
        let coupon = random.chance(0.15) ? random.pick(DemoVocabulary.coupons) : nil
        let items = lines.map { line -> JSONValue in
            [
                "sku": .string(line.product.sku), "name": .string(line.product.name),
                "price": .number(line.product.price), "quantity": .integer(Int64(line.quantity)),
            ]
        }
        let earliest = signUp(of: buyer)
        return [
            "order_id": .string(id),
            "user_id": buyer?["user_id"] ?? .null,
            "anonymous_id": buyer?["anonymous_id"] ?? .string(random.uuid()),
            "account_id": buyer?["account_id"] ?? .null,
            "total": .number(Self.cents(coupon == nil ? subtotal : subtotal * 0.9)),
            "currency": .string(city.currency),
            "status": .string(random.pick(DemoVocabulary.orderStatuses)),
            "item_count": .integer(Int64(lines.reduce(0) { $0 + $1.quantity })),
            "coupon": coupon.map(JSONValue.string) ?? .null,
            "placed_at": .string(UTCTimestampText.iso8601(randomMoment(from: earliest))),
            "items": .string(JSONWriter.compact(.array(items))),
            "notes": random.chance(0.08) ? .string(random.pick(Self.notes)) : .null,
        ]
    }

    /// The two orders a mapping check must stop (see ``DemoWarehouse/deliberatelyBadRecords``).
    mutating func makeBadOrders(users: DemoTable) -> [JSONObject] {
        var orphaned = makeOrder(id: "ord_bad_01", buyer: random.pick(users.rows))
        orphaned["user_id"] = .null
        orphaned["anonymous_id"] = .null
        orphaned["account_id"] = .null

        var oversized = makeOrder(id: "ord_bad_02", buyer: random.pick(users.rows))
        let line = "Customer asked to split the shipment, confirm stock, and call before delivery. "
        oversized["notes"] = .string(String(repeating: line, count: Self.oversizedNoteLength / line.count + 1))
        return [orphaned, oversized]
    }

    /// Longer than a whole Tracking API message may be (32 KB).
    static let oversizedNoteLength = 40_000

    private static let notes = [
        "Gift wrap, please.", "Leave at the back door.", "Deliver after 5 pm.",
        "Birthday present — no invoice in box.", "Customer called about sizing.",
    ]
}

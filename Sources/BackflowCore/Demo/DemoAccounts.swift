extension DemoDataGenerator {
    static let accountsTable = DemoTable(name: "accounts", columns: [
        ("account_id", "TEXT PRIMARY KEY"), ("name", "TEXT"), ("industry", "TEXT"), ("plan", "TEXT"),
        ("employees", "INTEGER"), ("mrr", "REAL"), ("created_at", "TIMESTAMP"), ("website", "TEXT"),
    ])

    /// `count` accounts with distinct names; at most stems × suffixes (450) of them.
    mutating func makeAccounts(count: Int) -> DemoTable {
        var table = Self.accountsTable
        var usedNames: Set<String> = []
        for number in 1...count {
            var name = ""
            repeat {
                name = "\(random.pick(DemoVocabulary.companyStems)) \(random.pick(DemoVocabulary.companySuffixes))"
            } while !usedNames.insert(name).inserted
            let plan = random.pick(DemoVocabulary.plans)
            let employees = Self.employees(for: plan, &random)
            let mrr: Double
            switch plan {
            case "free": mrr = 0
            case "starter": mrr = random.pick([49.0, 99.0, 149.0])
            case "growth": mrr = Self.cents(Double(employees) * random.double(in: 4..<9))
            default: mrr = Self.cents(Double(employees) * random.double(in: 9..<22))
            }
            let slug = name.lowercased().split(separator: " ").joined(separator: "-")
            table.rows.append([
                "account_id": .string("acc_" + number.zeroPadded(to: 4)),
                "name": .string(name),
                "industry": .string(random.pick(DemoVocabulary.industries)),
                "plan": .string(plan),
                "employees": .integer(Int64(employees)),
                "mrr": .number(mrr),
                "created_at": .string(UTCTimestampText.iso8601(randomMoment(from: DemoTimestamp.historyStart))),
                "website": .string("https://\(slug).example.com"),
            ])
        }
        return table
    }

    private static func employees(for plan: String, _ random: inout DemoRandom) -> Int {
        switch plan {
        case "free": return random.int(in: 1...10)
        case "starter": return random.int(in: 5...50)
        case "growth": return random.int(in: 40...400)
        default: return random.int(in: 300...12_000)
        }
    }
}

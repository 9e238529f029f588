import Foundation

/// A realistic SQLite warehouse to try Backflow on without a real one: an outdoor-gear company's
/// `accounts`, `users`, `orders`, `page_views` and `app_screens`.
///
/// The content is the same on every run and platform (a seeded generator, fixed word lists), so the
/// demo, its documentation and tests can rely on specific rows. A few rows are wrong on purpose, each
/// listed in ``deliberatelyBadRecords``; they sit among the first rows of their table so a 10-row
/// preview shows them.
public enum DemoWarehouse {
    static let seed: UInt64 = 0x4241_434b_464c_4f57

    /// The rows a mapping check must catch, and what it should report for each.
    public static let deliberatelyBadRecords: [DemoBadRecord] = [
        DemoBadRecord(table: "users", id: "usr_bad_01",
                      problem: "latitude holds the text 'north': mapped to a location latitude it fails with "
                          + "\"Latitude must be a number but it was a string.\""),
        DemoBadRecord(table: "users", id: "usr_bad_02",
                      problem: "created_at is 'not a date': mapped to a timestamp it fails the date-like check"),
        DemoBadRecord(table: "users", id: "usr_bad_03",
                      problem: "email_status is 'subscribed' but the user has no email, phone or push token: "
                          + "Segment Profiles' subscriptions fail with \"Either `Email` or `Phone` or "
                          + "`Android_Push_Token` or `Ios_Push_Token` must be defined.\""),
        DemoBadRecord(table: "users", id: "usr_bad_04",
                      problem: "sms_status is 'subscribed' but phone is null: Segment Profiles' subscriptions fail "
                          + "with \"A valid `Phone` must be defined for `Sms_Subscription` or "
                          + "`Whatsapp_Subscription`.\""),
        DemoBadRecord(table: "orders", id: "ord_bad_01",
                      problem: "user_id and anonymous_id are both null (the buyer was deleted): fails with "
                          + "\"Either `Anonymous ID` or `User ID` must be defined.\""),
        DemoBadRecord(table: "orders", id: "ord_bad_02",
                      problem: "notes holds about 40 KB of text: a message carrying it is over the Tracking API's "
                          + "32 KB limit"),
    ]

    /// Writes the demo warehouse to a new file at `path`; an existing file is never overwritten.
    /// On failure nothing is left at `path`.
    public static func create(at path: String) throws(DemoWarehouseError) -> DemoWarehouseSummary {
        guard !FileManager.default.fileExists(atPath: path) else { throw .fileExists(path: path) }
        let tables = makeTables()
        do {
            let connection = try SQLiteConnection(path: path, mode: .readWriteCreate)
            try connection.execute("BEGIN")
            for table in tables {
                try connection.execute(table.createStatement)
                let insert = try connection.prepare(table.insertStatement)
                for row in table.rows {
                    try insert.bind(table.values(of: row))
                    while try insert.step() {}
                    try insert.reset()
                }
            }
            try connection.execute("COMMIT")
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw .writeFailed(path: path, reason: error)
        }
        return DemoWarehouseSummary(
            path: path, tables: tables.map { DemoTableSummary(name: $0.name, rowCount: $0.rows.count) })
    }

    /// A model per demo table (`SELECT * FROM <table>`, keyed by the table's id column), for `sourceName`.
    public static func models(sourceName: String) throws(ModelDefinitionError) -> [ModelDefinition] {
        let tables = [
            DemoDataGenerator.accountsTable, DemoDataGenerator.usersTable, DemoDataGenerator.ordersTable,
            DemoDataGenerator.pageViewsTable, DemoDataGenerator.appScreensTable,
        ]
        var models: [ModelDefinition] = []
        for table in tables {
            models.append(try ModelDefinition(
                name: table.name, sourceName: sourceName, query: "SELECT * FROM \(table.name)",
                idColumn: table.columns[0].name))
        }
        return models
    }

    /// The demo's tables, rows in insertion order. The bad rows are placed second, fourth, ... of
    /// their table.
    static func makeTables() -> [DemoTable] {
        var generator = DemoDataGenerator(seed: seed)
        let accounts = generator.makeAccounts(count: 300)
        var users = generator.makeUsers(count: 1_996, accounts: accounts)
        let badUsers = generator.makeBadUsers(accounts: accounts)
        var orders = generator.makeOrders(count: 3_498, users: &users)
        let badOrders = generator.makeBadOrders(users: users)
        users.rows = interleave(badUsers, into: users.rows)
        orders.rows = interleave(badOrders, into: orders.rows)
        let pageViews = generator.makePageViews(count: 1_000, users: users)
        let appScreens = generator.makeAppScreens(count: 500, users: users)
        return [accounts, users, orders, pageViews, appScreens]
    }

    private static func interleave(_ extra: [JSONObject], into rows: [JSONObject]) -> [JSONObject] {
        var result: [JSONObject] = []
        for (index, row) in rows.enumerated() {
            result.append(row)
            if index < extra.count { result.append(extra[index]) }
        }
        return result
    }
}

/// A demo row that is wrong on purpose.
public struct DemoBadRecord: Sendable, Hashable {
    public let table: String
    /// The value of the table's id column.
    public let id: String
    /// What is wrong, and what a mapping check should say about it.
    public let problem: String
}

/// What ``DemoWarehouse/create(at:)`` wrote.
public struct DemoWarehouseSummary: Sendable, Hashable {
    public let path: String
    /// Every table with its row count, in creation order.
    public let tables: [DemoTableSummary]

    public func rowCount(of table: String) -> Int? {
        tables.first { $0.name == table }?.rowCount
    }
}

public struct DemoTableSummary: Sendable, Hashable {
    public let name: String
    public let rowCount: Int
}

public enum DemoWarehouseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The demo never overwrites a file.
    case fileExists(path: String)
    case writeFailed(path: String, reason: SQLiteError)

    public var description: String {
        switch self {
        case .fileExists(let path):
            return "A file already exists at \(path); choose another path or remove it first."
        case .writeFailed(let path, let reason):
            return "Could not write the demo warehouse to \(path): \(reason.message)."
        }
    }
}

extension DemoDataGenerator {
    static let pageViewsTable = DemoTable(name: "page_views", columns: [
        ("view_id", "TEXT PRIMARY KEY"), ("user_id", "TEXT"), ("anonymous_id", "TEXT"), ("url", "TEXT"),
        ("path", "TEXT"), ("title", "TEXT"), ("referrer", "TEXT"), ("viewed_at", "TIMESTAMP"),
    ])

    static let appScreensTable = DemoTable(name: "app_screens", columns: [
        ("screen_view_id", "TEXT PRIMARY KEY"), ("user_id", "TEXT"), ("screen_name", "TEXT"),
        ("app_version", "TEXT"), ("viewed_at", "TIMESTAMP"),
    ])

    /// Website visits: most by signed-in users, the rest by anonymous visitors.
    mutating func makePageViews(count: Int, users: DemoTable) -> DemoTable {
        var table = Self.pageViewsTable
        for number in 1...count {
            let visitor = random.chance(0.8) ? random.pick(users.rows) : nil
            let page = random.pick(DemoVocabulary.pages)
            let referrer = random.pick(DemoVocabulary.referrers)
            table.rows.append([
                "view_id": .string("pv_" + number.zeroPadded(to: 5)),
                "user_id": visitor?["user_id"] ?? .null,
                "anonymous_id": visitor?["anonymous_id"] ?? .string(random.uuid()),
                "url": .string(DemoVocabulary.siteOrigin + page.path),
                "path": .string(page.path),
                "title": .string(page.title),
                "referrer": referrer.isEmpty ? .null : .string(referrer),
                "viewed_at": .string(UTCTimestampText.iso8601(randomMoment(from: signUp(of: visitor)))),
            ])
        }
        return table
    }

    /// Screens seen in the mobile app, by users on a phone.
    mutating func makeAppScreens(count: Int, users: DemoTable) -> DemoTable {
        var table = Self.appScreensTable
        let mobileUsers = users.rows.filter { $0["app_version"] != .null }
        for number in 1...count {
            let user = random.pick(mobileUsers)
            table.rows.append([
                "screen_view_id": .string("scr_" + number.zeroPadded(to: 5)),
                "user_id": user["user_id"] ?? .null,
                "screen_name": .string(random.pick(DemoVocabulary.screenNames)),
                "app_version": user["app_version"] ?? .null,
                "viewed_at": .string(UTCTimestampText.iso8601(randomMoment(from: signUp(of: user)))),
            ])
        }
        return table
    }

    /// When `user` signed up, or the start of the users' history for an anonymous visitor.
    func signUp(of user: JSONObject?) -> Int64 {
        user?["user_id"]?.stringValue.flatMap { userCreationMoments[$0] } ?? Self.usersSince
    }
}

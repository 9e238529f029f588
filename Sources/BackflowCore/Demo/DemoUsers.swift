extension DemoDataGenerator {
    static let usersTable = DemoTable(name: "users", columns: [
        ("user_id", "TEXT PRIMARY KEY"), ("anonymous_id", "TEXT"), ("email", "TEXT"), ("first_name", "TEXT"),
        ("last_name", "TEXT"), ("phone", "TEXT"), ("plan", "TEXT"), ("account_id", "TEXT"), ("city", "TEXT"),
        ("country", "TEXT"), ("latitude", "REAL"), ("longitude", "REAL"), ("created_at", "TIMESTAMP"),
        ("updated_at", "TIMESTAMP"), ("lifetime_value", "REAL"), ("is_active", "BOOLEAN"),
        ("email_status", "TEXT"), ("sms_status", "TEXT"), ("marketing_groups", "JSON"),
        ("ios_push_token", "TEXT"), ("android_push_token", "TEXT"), ("locale", "TEXT"), ("timezone", "TEXT"),
        ("app_version", "TEXT"), ("device_type", "TEXT"), ("user_agent", "TEXT"), ("page_url", "TEXT"),
        ("attributes", "JSON"),
    ])

    /// Users a Segment mapping accepts as they are: everyone reachable has a subscription status for a
    /// channel they have an address for, and a blank email status only occurs beside an SMS status.
    mutating func makeUsers(count: Int, accounts: DemoTable) -> DemoTable {
        var table = Self.usersTable
        for number in 1...count {
            table.rows.append(makeUser(id: "usr_" + number.zeroPadded(to: 5), accounts: accounts))
        }
        return table
    }

    private mutating func makeUser(id: String, accounts: DemoTable) -> JSONObject {
        let firstName = random.pick(DemoVocabulary.firstNames)
        let lastName = random.pick(DemoVocabulary.lastNames)
        let city = random.pick(DemoVocabulary.cities)
        let account = random.chance(0.7) ? random.pick(accounts.rows) : nil
        let (device, agent) = random.pick(DemoVocabulary.userAgents)
        let phone: String? = random.chance(0.75) ? city.phonePrefix + random.digits(city.phoneDigits) : nil
        let emailStatus = random.pick(phone == nil ? Self.statuses : Self.statuses + [""])
        let smsStatus: String? = phone != nil && (emailStatus.isEmpty || random.chance(0.8))
            ? random.pick(Self.statuses) : nil
        let createdAt = randomMoment(from: Self.usersSince)
        userCreationMoments[id] = createdAt
        let mobile = device != "desktop"
        let email = "\(Self.ascii(firstName)).\(Self.ascii(lastName))\(random.int(in: 1...999))@"
            + random.pick(["example.com", "example.org", "example.net"])

        return [
            "user_id": .string(id),
            "anonymous_id": .string(random.uuid()),
            "email": .string(email),
            "first_name": .string(firstName),
            "last_name": .string(lastName),
            "phone": phone.map(JSONValue.string) ?? .null,
            "plan": account?["plan"] ?? .string(random.pick(["free", "starter"])),
            "account_id": account?["account_id"] ?? .null,
            "city": .string(city.name),
            "country": .string(city.country),
            "latitude": .number(Self.jitter(city.latitude, &random)),
            "longitude": .number(Self.jitter(city.longitude, &random)),
            "created_at": .string(UTCTimestampText.iso8601(createdAt)),
            "updated_at": .string(UTCTimestampText.iso8601(randomMoment(from: createdAt))),
            "lifetime_value": .number(0),
            "is_active": .integer(random.chance(0.85) ? 1 : 0),
            "email_status": .string(emailStatus),
            "sms_status": smsStatus.map(JSONValue.string) ?? .null,
            "marketing_groups": !emailStatus.isEmpty && random.chance(0.6) ? .string(marketingGroups()) : .null,
            "ios_push_token": device == "ios" && random.chance(0.7) ? .string(random.hex(64)) : .null,
            "android_push_token": device == "android" && random.chance(0.7)
                ? .string("fcm:" + random.hex(40)) : .null,
            "locale": .string(city.locale),
            "timezone": .string(city.timezone),
            "app_version": mobile ? .string(random.pick(DemoVocabulary.appVersions)) : .null,
            "device_type": .string(device),
            "user_agent": .string(agent),
            "page_url": .string(DemoVocabulary.siteOrigin + random.pick(DemoVocabulary.pages).path),
            "attributes": .string(JSONWriter.compact(attributes())),
        ]
    }

    /// The four users a mapping check must stop, each a usual user with one thing wrong
    /// (see ``DemoWarehouse/deliberatelyBadRecords``).
    mutating func makeBadUsers(accounts: DemoTable) -> [JSONObject] {
        var wrongLatitude = makeUser(id: "usr_bad_01", accounts: accounts)
        wrongLatitude["latitude"] = "north"

        var wrongDate = makeUser(id: "usr_bad_02", accounts: accounts)
        wrongDate["created_at"] = "not a date"

        var unreachable = makeUser(id: "usr_bad_03", accounts: accounts)
        for column in ["email", "phone", "sms_status", "ios_push_token", "android_push_token"] {
            unreachable[column] = .null
        }
        unreachable["email_status"] = "subscribed"

        var smsWithoutPhone = makeUser(id: "usr_bad_04", accounts: accounts)
        smsWithoutPhone["phone"] = .null
        smsWithoutPhone["email_status"] = "subscribed"
        smsWithoutPhone["sms_status"] = "subscribed"

        return [wrongLatitude, wrongDate, unreachable, smsWithoutPhone]
    }

    /// 2023-01-01T00:00:00Z: users sign up from then on; accounts are older.
    static let usersSince: Int64 = 1_672_531_200

    private static let statuses = ["subscribed", "subscribed", "unsubscribed", "did_not_subscribe"]

    private mutating func marketingGroups() -> String {
        var groups = JSONObject()
        for group in DemoVocabulary.newsletterGroups where groups.isEmpty || random.chance(0.4) {
            groups[group] = .string(random.chance(0.8) ? "subscribed" : "unsubscribed")
        }
        return JSONWriter.compact(.object(groups))
    }

    private mutating func attributes() -> JSONValue {
        let topics = DemoVocabulary.activities.filter { _ in random.chance(0.35) }
        return [
            "favorite_activity": .string(random.pick(DemoVocabulary.activities)),
            "favorite_color": .string(random.pick(DemoVocabulary.colors)),
            "loyalty_tier": .string(random.pick(["bronze", "bronze", "silver", "gold"])),
            "newsletter_topics": .array(topics.map(JSONValue.string)),
        ]
    }

    /// A coordinate a few kilometres from `degrees`, to four decimals.
    private static func jitter(_ degrees: Double, _ random: inout DemoRandom) -> Double {
        ((degrees + random.double(in: -0.05..<0.05)) * 10_000).rounded() / 10_000
    }

    /// A name as it appears in an email address: lowercase ASCII letters only.
    private static func ascii(_ name: String) -> String {
        let replacements: [Character: String] = ["ü": "u", "á": "a", "é": "e", "ó": "o", "ã": "a", "í": "i"]
        return name.lowercased().map { replacements[$0] ?? ($0.isLetter && $0.isASCII ? String($0) : "") }.joined()
    }
}

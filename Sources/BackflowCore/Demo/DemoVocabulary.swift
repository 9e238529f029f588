/// The word lists the demo's rows are made from.
enum DemoVocabulary {
    struct City {
        let name: String
        let country: String
        let latitude: Double
        let longitude: Double
        let timezone: String
        let locale: String
        /// The start of a mobile number in E.164 form, and how many random digits complete it.
        let phonePrefix: String
        let phoneDigits: Int
        /// The currency the shop bills customers there in (prices are the same number in every currency).
        let currency: String
    }

    struct Product {
        let sku: String
        let name: String
        let price: Double
    }

    struct Page {
        let path: String
        let title: String
    }

    static let firstNames = [
        "Olivia", "Liam", "Emma", "Noah", "Ava", "Lucas", "Mia", "Mateo", "Sofia", "Leon", "Amelia", "Hugo",
        "Isla", "Elias", "Chloe", "Arjun", "Hana", "Kenji", "Priya", "Omar", "Zara", "Diego", "Freya", "Luca",
        "Ines", "Jonas", "Maya", "Theo", "Aisha", "Felix", "Nora", "Samuel", "Lea", "Rafael", "Yuki", "Ethan",
        "Clara", "Ibrahim", "Grace", "Mohammed", "Alice", "Tomas", "Julia", "Kai", "Elena", "Daniel", "Ana", "Oscar",
    ]

    static let lastNames = [
        "Smith", "Johnson", "Garcia", "Martin", "Müller", "Schmidt", "Dubois", "Rossi", "Tanaka", "Suzuki",
        "Nguyen", "Kim", "Patel", "Singh", "Silva", "Santos", "Kowalski", "Novak", "Jensen", "Larsen",
        "O'Brien", "Murphy", "Walker", "Brown", "Wilson", "Taylor", "Anderson", "Thomas", "Moreau", "Laurent",
        "Fischer", "Weber", "Hernández", "López", "González", "Costa", "Berg", "Lindqvist", "Cohen", "Levi",
        "Okafor", "Mensah", "Chen", "Wang", "Ali", "Haddad", "Ivanova", "Petrov",
    ]

    static let cities = [
        City(name: "New York", country: "US", latitude: 40.7128, longitude: -74.0060, timezone: "America/New_York",
             locale: "en-US", phonePrefix: "+1212", phoneDigits: 7, currency: "USD"),
        City(name: "San Francisco", country: "US", latitude: 37.7749, longitude: -122.4194,
             timezone: "America/Los_Angeles", locale: "en-US", phonePrefix: "+1415", phoneDigits: 7, currency: "USD"),
        City(name: "Chicago", country: "US", latitude: 41.8781, longitude: -87.6298, timezone: "America/Chicago",
             locale: "en-US", phonePrefix: "+1312", phoneDigits: 7, currency: "USD"),
        City(name: "Austin", country: "US", latitude: 30.2672, longitude: -97.7431, timezone: "America/Chicago",
             locale: "en-US", phonePrefix: "+1512", phoneDigits: 7, currency: "USD"),
        City(name: "Seattle", country: "US", latitude: 47.6062, longitude: -122.3321,
             timezone: "America/Los_Angeles", locale: "en-US", phonePrefix: "+1206", phoneDigits: 7, currency: "USD"),
        City(name: "Boston", country: "US", latitude: 42.3601, longitude: -71.0589, timezone: "America/New_York",
             locale: "en-US", phonePrefix: "+1617", phoneDigits: 7, currency: "USD"),
        City(name: "Denver", country: "US", latitude: 39.7392, longitude: -104.9903, timezone: "America/Denver",
             locale: "en-US", phonePrefix: "+1303", phoneDigits: 7, currency: "USD"),
        City(name: "Toronto", country: "CA", latitude: 43.6532, longitude: -79.3832, timezone: "America/Toronto",
             locale: "en-CA", phonePrefix: "+1416", phoneDigits: 7, currency: "CAD"),
        City(name: "Vancouver", country: "CA", latitude: 49.2827, longitude: -123.1207,
             timezone: "America/Vancouver", locale: "en-CA", phonePrefix: "+1604", phoneDigits: 7, currency: "CAD"),
        City(name: "London", country: "GB", latitude: 51.5074, longitude: -0.1278, timezone: "Europe/London",
             locale: "en-GB", phonePrefix: "+447", phoneDigits: 9, currency: "GBP"),
        City(name: "Manchester", country: "GB", latitude: 53.4808, longitude: -2.2426, timezone: "Europe/London",
             locale: "en-GB", phonePrefix: "+447", phoneDigits: 9, currency: "GBP"),
        City(name: "Dublin", country: "IE", latitude: 53.3498, longitude: -6.2603, timezone: "Europe/Dublin",
             locale: "en-IE", phonePrefix: "+3538", phoneDigits: 8, currency: "EUR"),
        City(name: "Berlin", country: "DE", latitude: 52.5200, longitude: 13.4050, timezone: "Europe/Berlin",
             locale: "de-DE", phonePrefix: "+4915", phoneDigits: 9, currency: "EUR"),
        City(name: "Munich", country: "DE", latitude: 48.1351, longitude: 11.5820, timezone: "Europe/Berlin",
             locale: "de-DE", phonePrefix: "+4917", phoneDigits: 9, currency: "EUR"),
        City(name: "Paris", country: "FR", latitude: 48.8566, longitude: 2.3522, timezone: "Europe/Paris",
             locale: "fr-FR", phonePrefix: "+336", phoneDigits: 8, currency: "EUR"),
        City(name: "Lyon", country: "FR", latitude: 45.7640, longitude: 4.8357, timezone: "Europe/Paris",
             locale: "fr-FR", phonePrefix: "+337", phoneDigits: 8, currency: "EUR"),
        City(name: "Amsterdam", country: "NL", latitude: 52.3676, longitude: 4.9041, timezone: "Europe/Amsterdam",
             locale: "nl-NL", phonePrefix: "+316", phoneDigits: 8, currency: "EUR"),
        City(name: "Madrid", country: "ES", latitude: 40.4168, longitude: -3.7038, timezone: "Europe/Madrid",
             locale: "es-ES", phonePrefix: "+346", phoneDigits: 8, currency: "EUR"),
        City(name: "Barcelona", country: "ES", latitude: 41.3874, longitude: 2.1686, timezone: "Europe/Madrid",
             locale: "es-ES", phonePrefix: "+346", phoneDigits: 8, currency: "EUR"),
        City(name: "Stockholm", country: "SE", latitude: 59.3293, longitude: 18.0686, timezone: "Europe/Stockholm",
             locale: "sv-SE", phonePrefix: "+467", phoneDigits: 8, currency: "EUR"),
        City(name: "Sydney", country: "AU", latitude: -33.8688, longitude: 151.2093, timezone: "Australia/Sydney",
             locale: "en-AU", phonePrefix: "+614", phoneDigits: 8, currency: "AUD"),
        City(name: "Melbourne", country: "AU", latitude: -37.8136, longitude: 144.9631,
             timezone: "Australia/Melbourne", locale: "en-AU", phonePrefix: "+614", phoneDigits: 8, currency: "AUD"),
        City(name: "Tokyo", country: "JP", latitude: 35.6762, longitude: 139.6503, timezone: "Asia/Tokyo",
             locale: "ja-JP", phonePrefix: "+8190", phoneDigits: 8, currency: "USD"),
        City(name: "Singapore", country: "SG", latitude: 1.3521, longitude: 103.8198, timezone: "Asia/Singapore",
             locale: "en-SG", phonePrefix: "+659", phoneDigits: 7, currency: "USD"),
        City(name: "São Paulo", country: "BR", latitude: -23.5505, longitude: -46.6333,
             timezone: "America/Sao_Paulo", locale: "pt-BR", phonePrefix: "+55119", phoneDigits: 8, currency: "USD"),
        City(name: "Mexico City", country: "MX", latitude: 19.4326, longitude: -99.1332,
             timezone: "America/Mexico_City", locale: "es-MX", phonePrefix: "+5255", phoneDigits: 8, currency: "USD"),
    ]

    static let companyStems = [
        "Acme", "Northwind", "Bluefin", "Lumen", "Cobalt", "Juniper", "Harbor", "Summit", "Redwood", "Atlas",
        "Nimbus", "Quartz", "Meridian", "Pioneer", "Evergreen", "Orbit", "Kestrel", "Sable", "Vantage", "Granite",
        "Tandem", "Beacon", "Copper", "Willow", "Falcon", "Horizon", "Maple", "Ember", "Polar", "Cascade",
    ]

    static let companySuffixes = [
        "Labs", "Systems", "Analytics", "Logistics", "Health", "Foods", "Studios", "Robotics", "Energy", "Capital",
        "Outfitters", "Networks", "Software", "Partners", "Goods",
    ]

    static let industries = [
        "Software", "Retail", "Healthcare", "Financial Services", "Manufacturing", "Media", "Education",
        "Logistics", "Hospitality", "Energy", "Real Estate", "Nonprofit",
    ]

    static let plans = ["free", "starter", "growth", "enterprise"]

    static let products = [
        Product(sku: "SKU-1001", name: "Trail Running Shoes", price: 129.00),
        Product(sku: "SKU-1002", name: "Merino Wool Socks", price: 18.50),
        Product(sku: "SKU-1003", name: "Insulated Water Bottle", price: 34.99),
        Product(sku: "SKU-1004", name: "Packable Rain Jacket", price: 149.00),
        Product(sku: "SKU-1005", name: "Daypack 24L", price: 89.95),
        Product(sku: "SKU-1006", name: "Headlamp", price: 42.00),
        Product(sku: "SKU-1007", name: "Camp Stove", price: 64.50),
        Product(sku: "SKU-1008", name: "Trekking Poles", price: 119.00),
        Product(sku: "SKU-1009", name: "Sun Hoodie", price: 59.00),
        Product(sku: "SKU-1010", name: "Sleeping Pad", price: 99.99),
        Product(sku: "SKU-1011", name: "Enamel Mug", price: 14.00),
        Product(sku: "SKU-1012", name: "Bamboo Sunglasses", price: 75.00),
        Product(sku: "SKU-1013", name: "Fleece Pullover", price: 79.00),
        Product(sku: "SKU-1014", name: "Dry Bag 10L", price: 24.95),
        Product(sku: "SKU-1015", name: "Trail Mix Variety Pack", price: 12.99),
        Product(sku: "SKU-1016", name: "Hammock", price: 69.00),
    ]

    static let orderStatuses = ["completed", "completed", "completed", "completed", "shipped", "processing",
                                "refunded", "cancelled"]

    static let coupons = ["WELCOME10", "SPRING15", "FREESHIP", "LOYAL20", "FRIEND5"]

    static let pages = [
        Page(path: "/", title: "Home | Trailhead Outfitters"),
        Page(path: "/pricing", title: "Pricing | Trailhead Outfitters"),
        Page(path: "/products/trail-running-shoes", title: "Trail Running Shoes | Trailhead Outfitters"),
        Page(path: "/products/packable-rain-jacket", title: "Packable Rain Jacket | Trailhead Outfitters"),
        Page(path: "/collections/camping", title: "Camping Gear | Trailhead Outfitters"),
        Page(path: "/blog/how-to-layer-for-hiking", title: "How to Layer for Hiking | Trailhead Journal"),
        Page(path: "/cart", title: "Your Cart | Trailhead Outfitters"),
        Page(path: "/checkout", title: "Checkout | Trailhead Outfitters"),
        Page(path: "/account", title: "Your Account | Trailhead Outfitters"),
        Page(path: "/help/returns", title: "Returns & Exchanges | Trailhead Outfitters"),
    ]

    static let siteOrigin = "https://www.trailhead-outfitters.example"

    static let referrers = [
        "https://www.google.com/", "https://duckduckgo.com/", "https://www.instagram.com/",
        "https://news.ycombinator.com/", "https://www.reddit.com/r/CampingGear/", "",
    ]

    static let screenNames = [
        "Home", "Search", "Product Detail", "Cart", "Checkout", "Order Confirmation", "Profile", "Settings",
        "Wishlist", "Store Locator",
    ]

    static let appVersions = ["3.8.2", "3.9.0", "3.9.1", "4.0.0", "4.0.1"]

    static let userAgents: [(device: String, agent: String)] = [
        ("ios", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            + "Version/17.4 Mobile/15E148 Safari/604.1"),
        ("android", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/124.0.0.0 Mobile Safari/537.36"),
        ("desktop", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            + "Version/17.4 Safari/605.1.15"),
        ("desktop", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/124.0.0.0 Safari/537.36"),
    ]

    static let colors = ["forest green", "slate", "ochre", "navy", "coral", "charcoal"]

    static let activities = ["hiking", "trail running", "camping", "climbing", "kayaking", "cycling"]

    static let newsletterGroups = ["Newsletter", "Product Updates", "Trail Reports", "Offers"]
}

/// The `backflow.yml` that `backflow init --demo` writes beside the demo warehouse: one mapping for
/// every action of both destinations, plus a deleted-records mapping, all against the local receiver.
public enum DemoWorkspaceFile {
    /// The environment variables that hold the demo's write keys. The local receiver accepts any
    /// non-empty key; real workspaces name their own variables.
    public static let connectionsWriteKeyVariable = "BACKFLOW_DEMO_WRITE_KEY"
    public static let profilesWriteKeyVariable = "BACKFLOW_DEMO_PROFILES_WRITE_KEY"
    public static let warehouseFileName = "warehouse.sqlite"
    public static let receiverBase = "http://127.0.0.1:8710/v1"

    /// The file's text for a new workspace whose id is `workspaceID` (see ``Workspace/newID()``).
    public static func text(workspaceID: String) -> String {
        text.replacingOccurrences(of: "\nversion: 1\n", with: "\nversion: 1\nworkspace_id: \(workspaceID)\n")
    }

    /// The file without a `workspace_id`: two demo installs must never share one (see ``MessageIdentity``),
    /// so ``text(workspaceID:)`` adds a new one for each.
    static let text = """
        # Backflow demo workspace: a SQLite warehouse of users, accounts, orders, page views and app
        # screens, mapped to every action of Segment Connections and Segment Profiles.
        # Some rows are deliberately bad; `backflow check` finds them.
        version: 1

        sources:
          warehouse:
            type: sqlite
            path: \(warehouseFileName)

        models:
          users:
            source: warehouse
            id_column: user_id
            description: Every signed-up user, with consent and device details
            query: |
              SELECT * FROM users
          accounts:
            source: warehouse
            id_column: account_id
            description: Customer accounts with the user who owns each
            query: |
              SELECT a.*,
                     (SELECT u.user_id FROM users u
                       WHERE u.account_id = a.account_id
                       ORDER BY u.created_at LIMIT 1) AS owner_user_id
                FROM accounts a
          orders:
            source: warehouse
            id_column: order_id
            description: Completed orders
            query: |
              SELECT * FROM orders
          page_views:
            source: warehouse
            id_column: view_id
            query: |
              SELECT * FROM page_views
          app_screens:
            source: warehouse
            id_column: screen_view_id
            query: |
              SELECT * FROM app_screens

        destinations:
          segment:
            type: actions-segment
            region: us-west-2
            write_key_env: \(connectionsWriteKeyVariable)
            # The local receiver started by `backflow sink`; remove this line to send to Segment.
            endpoint: \(receiverBase)
          profiles:
            type: actions-segment-profiles
            region: north_america
            endpoint: \(receiverBase)
            profile_spaces:
              main:
                write_key_env: \(profilesWriteKeyVariable)

        mappings:
          - id: identify-users
            name: Identify users
            destination: segment
            model: users
            action: sendIdentify
            records: added_or_updated
            schedule: {every: 1h}
            test_record: usr_00001
            fields:
              user_id: {"@path": "$.properties.user_id"}
              anonymous_id: {"@path": "$.properties.anonymous_id"}
              timestamp: {"@path": "$.properties.updated_at"}
              locale: {"@path": "$.properties.locale"}
              timezone: {"@path": "$.properties.timezone"}
              group_id: {"@path": "$.properties.account_id"}
              location:
                city: {"@path": "$.properties.city"}
                country: {"@path": "$.properties.country"}
                latitude: {"@path": "$.properties.latitude"}
                longitude: {"@path": "$.properties.longitude"}
              traits:
                email: {"@path": "$.properties.email"}
                first_name: {"@path": "$.properties.first_name"}
                last_name: {"@path": "$.properties.last_name"}
                name: {"@template": "{{properties.first_name}} {{properties.last_name}}"}
                plan: {"@case": {"operator": "lower", "value": {"@path": "$.properties.plan"}}}
                lifetime_value: {"@path": "$.properties.lifetime_value"}
                is_active: {"@path": "$.properties.is_active"}
                created_at: {"@path": "$.properties.created_at"}
              address:
                city: {"@path": "$.properties.city"}
                country: {"@path": "$.properties.country"}
              message_id: {"@path": "$.messageId"}     # the id Segment de-duplicates on; keep it
              consent: {"@path": "$.context.consent"}

          - id: track-orders
            name: Track orders
            destination: segment
            model: orders
            action: sendTrack
            records: added
            schedule: {every: 15m}
            test_record: ord_00001
            fields:
              user_id: {"@path": "$.properties.user_id"}
              anonymous_id: {"@path": "$.properties.anonymous_id"}
              event_name: Order Completed
              timestamp: {"@path": "$.properties.placed_at"}
              group_id: {"@path": "$.properties.account_id"}
              properties:
                order_id: {"@path": "$.properties.order_id"}
                revenue: {"@path": "$.properties.total"}
                currency: {"@path": "$.properties.currency"}
                status: {"@path": "$.properties.status"}
                coupon: {"@excludeWhenNull": {"@path": "$.properties.coupon"}}
                products: {"@json": {"mode": "decode", "value": {"@path": "$.properties.items"}}}
                notes: {"@excludeWhenNull": {"@path": "$.properties.notes"}}
              message_id: {"@path": "$.messageId"}
              consent: {"@path": "$.context.consent"}

          - id: track-deleted-users
            name: Track deleted users
            destination: segment
            model: users
            action: sendTrack
            records: deleted
            enabled: true
            schedule: {every: 1d}
            fields:
              user_id: {"@path": "$.__segment_id"}
              event_name: User Deleted
              message_id: {"@path": "$.messageId"}
              consent: {"@path": "$.context.consent"}

          - id: page-views
            name: Page views
            destination: segment
            model: page_views
            action: sendPage
            records: added
            schedule: {every: 30m}
            fields:
              user_id: {"@path": "$.properties.user_id"}
              anonymous_id: {"@path": "$.properties.anonymous_id"}
              timestamp: {"@path": "$.properties.viewed_at"}
              page_name: {"@path": "$.properties.title"}
              page_category: Marketing
              page:
                path: {"@path": "$.properties.path"}
                referrer: {"@path": "$.properties.referrer"}
                title: {"@path": "$.properties.title"}
                url: {"@path": "$.properties.url"}
              message_id: {"@path": "$.messageId"}
              consent: {"@path": "$.context.consent"}

          - id: app-screens
            name: App screens
            destination: segment
            model: app_screens
            action: sendScreen
            records: added
            schedule: {every: 30m}
            fields:
              user_id: {"@path": "$.properties.user_id"}
              timestamp: {"@path": "$.properties.viewed_at"}
              screen_name: {"@path": "$.properties.screen_name"}
              application:
                name: Trailhead Outfitters
                version: {"@path": "$.properties.app_version"}
              message_id: {"@path": "$.messageId"}
              consent: {"@path": "$.context.consent"}

          - id: group-accounts
            name: Group accounts
            destination: segment
            model: accounts
            action: sendGroup
            records: added_or_updated
            schedule: {days: [mon, wed, fri], at: "06:00"}
            fields:
              user_id: {"@path": "$.properties.owner_user_id"}
              anonymous_id: {"@template": "account-owner-{{properties.account_id}}"}
              group_id: {"@path": "$.properties.account_id"}
              timestamp: {"@path": "$.properties.created_at"}
              traits:
                name: {"@path": "$.properties.name"}
                industry: {"@path": "$.properties.industry"}
                plan: {"@path": "$.properties.plan"}
                employees: {"@path": "$.properties.employees"}
                mrr: {"@path": "$.properties.mrr"}
                website: {"@path": "$.properties.website"}
              message_id: {"@path": "$.messageId"}
              consent: {"@path": "$.context.consent"}

          - id: profiles-identify-users
            name: Profiles identify users
            destination: profiles
            model: users
            action: sendIdentify
            records: added_or_updated
            schedule: {every: 1h}
            test_record: usr_00001
            fields:
              engage_space: main
              user_id: {"@path": "$.properties.user_id"}
              anonymous_id: {"@path": "$.properties.anonymous_id"}
              group_id: {"@path": "$.properties.account_id"}
              timestamp: {"@path": "$.properties.created_at"}
              traits:
                email: {"@path": "$.properties.email"}
                name: {"@template": "{{properties.first_name}} {{properties.last_name}}"}
                plan: {"@path": "$.properties.plan"}
                attributes: {"@json": {"mode": "decode", "value": {"@path": "$.properties.attributes"}}}
              message_id: {"@path": "$.messageId"}
              consent: {"@path": "$.context.consent"}

          - id: profiles-group-accounts
            name: Profiles group accounts
            destination: profiles
            model: accounts
            action: sendGroup
            records: added_or_updated
            schedule: {every: 4h}
            fields:
              engage_space: main
              user_id: {"@path": "$.properties.owner_user_id"}
              anonymous_id: {"@template": "account-owner-{{properties.account_id}}"}
              group_id: {"@path": "$.properties.account_id"}
              timestamp: {"@path": "$.properties.created_at"}
              traits:
                name: {"@path": "$.properties.name"}
                plan: {"@path": "$.properties.plan"}
                mrr: {"@path": "$.properties.mrr"}
              message_id: {"@path": "$.messageId"}
              consent: {"@path": "$.context.consent"}

          - id: profiles-track-orders
            name: Profiles track orders
            destination: profiles
            model: orders
            action: sendTrack
            records: added
            schedule: {every: 1h}
            fields:
              engage_space: main
              user_id: {"@path": "$.properties.user_id"}
              anonymous_id: {"@path": "$.properties.anonymous_id"}
              event_name: Order Completed
              timestamp: {"@path": "$.properties.placed_at"}
              properties:
                order_id: {"@path": "$.properties.order_id"}
                total: {"@path": "$.properties.total"}
                currency: {"@path": "$.properties.currency"}
              message_id: {"@path": "$.messageId"}
              consent: {"@path": "$.context.consent"}

          - id: subscriptions
            name: Subscriptions
            destination: profiles
            model: users
            action: sendSubscription
            records: added_or_updated
            schedule: {every: 1h}
            test_record: usr_00001
            fields:
              engage_space: main
              user_id: {"@path": "$.properties.user_id"}
              email: {"@path": "$.properties.email"}
              email_subscription_status: {"@path": "$.properties.email_status"}
              subscription_groups: {"@json": {"mode": "decode", "value": {"@path": "$.properties.marketing_groups"}}}
              phone: {"@path": "$.properties.phone"}
              sms_subscription_status: {"@path": "$.properties.sms_status"}
              android_push_token: {"@path": "$.properties.android_push_token"}
              android_push_subscription_status: {"@if": {"exists": {"@path": "$.properties.android_push_token"}, "then": "subscribed"}}
              ios_push_token: {"@path": "$.properties.ios_push_token"}
              ios_push_subscription_status: {"@if": {"exists": {"@path": "$.properties.ios_push_token"}, "then": "subscribed"}}
              timestamp: {"@path": "$.properties.updated_at"}
              message_id: {"@path": "$.messageId"}
              consent: {"@path": "$.context.consent"}

        settings:
          max_requests_per_second: 500

        """
}

/// The documented example workspace, with comments, used by several suites.
enum WorkspaceExample {
    static let text = """
        # comments are allowed anywhere
        version: 1
        sources:
          warehouse:                 # source name
            type: sqlite             # sqlite | postgres
            path: warehouse.sqlite   # sqlite: relative to the workspace file's folder
          # prod:
          #   type: postgres
          #   url_env: BACKFLOW_PG_URL
          prod:
            type: postgres
            url_env: BACKFLOW_PG_URL
        models:
          users:
            source: warehouse
            id_column: user_id
            description: Every signed-up user      # optional
            query: |
              SELECT * FROM users
              # not a comment: part of the query
        destinations:
          connections:                              # destination name
            type: actions-segment                   # actions-segment | actions-segment-profiles
            enabled: true                           # default true
            region: us-west-2
            write_key_env: SEGMENT_WRITE_KEY
            endpoint: http://127.0.0.1:8710/v1
          profiles:
            type: actions-segment-profiles
            region: north_america
            profile_spaces:
              main:
                write_key_env: PROFILES_WRITE_KEY
        mappings:
          # Identify every user with their email
          - name: Identify users
            destination: connections
            model: users
            action: sendIdentify
            records: added_or_updated              # added | updated | added_or_updated | deleted
            enabled: true
            sync_nulls: false
            schedule: {every: 1h}
            test_record: usr_00001
            fields:                                # field key -> mapping-language value
              user_id: {"@path": "$.properties.user_id"}
              traits:
                email: {"@path": "$.properties.email"}
                plan: "123"
                count: 3
                ratio: 0.5
                vip: on
                active: true
                nothing: null
          - name: Profiles
            destination: profiles
            model: users
            action: sendIdentify
            records: added
            schedule: {days: [wed, mon], at: "09:00"}
            fields:
              engage_space: main
              user_id: {"@path": "$.properties.user_id"}
        settings:
          theme: default
          max_requests_per_second: 200
          state_dir: .backflow
        # end of file
        """
}

extension WorkspaceExample {
    /// The layout as documented, with its commented-out source between two sections.
    static let documented = """
        # comments are allowed anywhere
        version: 1
        sources:
          warehouse:                 # source name
            type: sqlite             # sqlite | postgres
            path: warehouse.sqlite   # sqlite: relative to the workspace file's folder
          # prod:
          #   type: postgres
          #   url_env: BACKFLOW_PG_URL   # postgres: the NAME of an env var holding the connection URL
        models:
          users:
            source: warehouse
            id_column: user_id
            description: Every signed-up user      # optional
            query: |
              SELECT * FROM users
        destinations:
          connections:                              # destination name
            type: actions-segment                   # actions-segment | actions-segment-profiles
            enabled: true                           # default true
            region: us-west-2                       # optional; region key; default per type
            write_key_env: SEGMENT_WRITE_KEY        # actions-segment: NAME of the env var holding the write key
            endpoint: http://127.0.0.1:8710/v1      # optional override of the Tracking API base (for the local receiver)
          profiles:
            type: actions-segment-profiles
            enabled: true
            region: north_america
            profile_spaces:
              main:
                write_key_env: PROFILES_WRITE_KEY
        mappings:
          - name: Identify users
            destination: connections
            model: users
            action: sendIdentify
            records: added_or_updated              # added | updated | added_or_updated | deleted
            enabled: true                          # default true
            sync_nulls: true                       # default true
            schedule: manual                       # manual | {every: 15m|30m|1h|2h|4h|6h|8h|12h|1d} | {days: [mon, wed], at: "09:00"} (on the hour)
            test_record: usr_00001                 # optional
            fields:                                # field key -> mapping-language value (JSON-compatible YAML)
              user_id: {"@path": "$.properties.user_id"}
              traits:
                email: {"@path": "$.properties.email"}
        settings:
          theme: default                           # optional
          max_requests_per_second: 500             # optional, 1...1000, default 500 (Segment allows 1,000/s per workspace)
          state_dir: .backflow       # optional

        """
}

/// The `backflow.yml` that `backflow init` writes without `--demo`: every section, explained, with
/// nothing that would send anywhere until the user fills it in.
public enum StarterWorkspaceFile {
    /// The file's text for a new workspace whose id is `workspaceID` (see ``Workspace/newID()``).
    public static func text(workspaceID: String) -> String {
        """
        # Backflow workspace. Every key is described in README.md; `backflow check` validates it.
        version: 1
        # Who this workspace's sync state and message ids belong to: keep it when the file is copied to
        # another host of the same workspace, change it for a new workspace.
        workspace_id: \(workspaceID)

        # Where models read from. A SQLite path is relative to this file.
        sources:
          warehouse:
            type: sqlite
            path: warehouse.sqlite
          # production:
          #   type: postgres
          #   url_env: BACKFLOW_PG_URL      # the NAME of the variable holding the connection URL

        # A model is one read-only SQL query plus the column that identifies each record.
        models: {}
          # users:
          #   source: warehouse
          #   id_column: user_id
          #   query: |
          #     SELECT * FROM users

        # Write keys are never written here: name the environment variable that holds each one.
        destinations: {}
          # segment:
          #   type: actions-segment
          #   region: us-west-2
          #   write_key_env: SEGMENT_WRITE_KEY
          # profiles:
          #   type: actions-segment-profiles
          #   region: north_america
          #   profile_spaces:
          #     main:
          #       write_key_env: PROFILES_WRITE_KEY

        # Mappings send a model's records to one action; `backflow catalog` lists the actions and fields.
        mappings: []
          # - id: identify-users        # sync state follows the id: rename freely, keep the id
          #   name: Identify users
          #   destination: segment
          #   model: users
          #   action: sendIdentify
          #   records: added_or_updated
          #   fields:
          #     user_id: {"@path": "$.properties.user_id"}
          #     traits:
          #       email: {"@path": "$.properties.email"}
          #     message_id: {"@path": "$.messageId"}     # the id Segment de-duplicates on; keep it
          #     consent: {"@path": "$.context.consent"}

        """
    }
}

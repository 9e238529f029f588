import Foundation

/// The registry of mapping states (``StateRegistryStore``) in a SQLite state database.
struct SQLiteStateRegistry: StateRegistryStore {
    let database: StateDatabase

    func registration(of stateKey: String) throws -> StateRegistration? {
        try lookUp(stateKey)
    }

    private func lookUp(_ stateKey: String) throws(StateError) -> StateRegistration? {
        var found: StateRegistration?
        try database.rows(
            "SELECT workspace_id, generation FROM main.\(StateTables.registry) WHERE state_key = ?", [.string(stateKey)]
        ) { row in
            if case .string(let workspace) = row.value(at: 0), case .string(let generation) = row.value(at: 1) {
                found = StateRegistration(workspaceID: workspace, generation: generation)
            }
        }
        return found
    }

    func hasUnclaimedLegacyState(_ legacyKey: String) throws -> Bool {
        let legacy = try StateTables(key: legacyKey)
        return try database.isTrue(
            """
            SELECT EXISTS (SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = '\(legacy.recordsName)')
                AND NOT EXISTS (SELECT 1 FROM main.\(StateTables.registry) WHERE legacy_key = '\(legacyKey)')
            """)
    }

    func register(_ mapping: MappingIdentity, generation: String, takingOver legacyKey: String?) throws
        -> StateRegistration
    {
        let tables = try StateTables(key: mapping.stateKey)
        try database.transaction { () throws(StateError) in
            // Another process may have registered the key since it was looked up: its registration stands.
            guard try lookUp(mapping.stateKey) == nil else { return }
            if let legacyKey {
                let legacy = try StateTables(key: legacyKey)
                for (old, new) in [(legacy.recordsName, tables.recordsName), (legacy.failuresName, tables.failuresName)] {
                    if try database.isTrue("SELECT EXISTS (SELECT 1 FROM main.sqlite_master WHERE name = '\(old)')") {
                        try database.run("ALTER TABLE main.\(old) RENAME TO \(new)")
                    }
                }
                try database.run(
                    "UPDATE main.\(StateTables.checkpoints) SET state_key = ? WHERE state_key = ?",
                    [.string(mapping.stateKey), .string(legacyKey)])
            }
            try database.run(
                "INSERT INTO main.\(StateTables.registry) (state_key, workspace_id, mapping_id, mapping_name, "
                    + "generation, legacy_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    .string(mapping.stateKey), .string(mapping.workspaceID), .string(mapping.mappingID),
                    .string(mapping.mappingName), .string(generation), legacyKey.map(JSONValue.string) ?? .null,
                    .number(Date().timeIntervalSince1970),
                ])
        }
        guard let registered = try registration(of: mapping.stateKey) else {
            throw StateError.cannotOpen(path: database.path, reason: "the state registry lost \(mapping.stateKey)")
        }
        return registered
    }
}

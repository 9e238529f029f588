/// The registry of mapping states (``StateRegistryStore``) in the warehouse's `backflow` schema.
/// Registrations are serialised by a lock on the registry table, held for their transaction.
struct PostgresStateRegistry: StateRegistryStore {
    let connection: PostgresConnection

    func registration(of stateKey: String) throws -> StateRegistration? {
        let result = try run { () throws(PostgresError) in
            try connection.execute(
                "SELECT workspace_id, generation FROM \(PostgresStateTables.registry) WHERE state_key = $1", [stateKey])
        }
        guard result.rowCount > 0, let workspace = result.text(row: 0, column: 0),
            let generation = result.text(row: 0, column: 1)
        else { return nil }
        return StateRegistration(workspaceID: workspace, generation: generation)
    }

    func hasUnclaimedLegacyState(_ legacyKey: String) throws -> Bool {
        let legacy = try PostgresStateTables(stateKey: legacyKey)
        let result = try run { () throws(PostgresError) in
            try connection.execute(
                """
                SELECT to_regclass($1) IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM \(PostgresStateTables.registry) WHERE legacy_key = $2)
                """, [legacy.records, legacyKey])
        }
        return result.text(row: 0, column: 0) == "t"
    }

    func register(_ mapping: MappingIdentity, generation: String, takingOver legacyKey: String?) throws
        -> StateRegistration
    {
        let tables = try PostgresStateTables(stateKey: mapping.stateKey)
        let legacy = try legacyKey.map(PostgresStateTables.init(stateKey:))
        try run { () throws(PostgresError) in
            try connection.execute("BEGIN")
            try connection.execute("LOCK TABLE \(PostgresStateTables.registry) IN SHARE ROW EXCLUSIVE MODE")
            let registered = try connection.execute(
                "SELECT 1 FROM \(PostgresStateTables.registry) WHERE state_key = $1", [mapping.stateKey])
            if registered.rowCount == 0 {
                if let legacy {
                    let moves = [(legacy.records, tables.recordsName), (legacy.failures, tables.failuresName)]
                    for (old, new) in moves {
                        let exists = try connection.execute("SELECT to_regclass($1) IS NOT NULL", [old])
                        if exists.text(row: 0, column: 0) == "t" {
                            try connection.execute("ALTER TABLE \(old) RENAME TO \(new)")
                        }
                    }
                    try connection.execute(
                        "UPDATE \(PostgresStateTables.schema).checkpoints SET state_key = $1 WHERE state_key = $2",
                        [mapping.stateKey, legacy.stateKey])
                }
                try connection.execute(
                    """
                    INSERT INTO \(PostgresStateTables.registry)
                        (state_key, workspace_id, mapping_id, mapping_name, generation, legacy_key, created_at)
                    VALUES ($1, $2, $3, $4, $5, $6, now())
                    """,
                    [mapping.stateKey, mapping.workspaceID, mapping.mappingID, mapping.mappingName, generation,
                     legacy?.stateKey])
            }
            try connection.execute("COMMIT")
        }
        guard let registered = try registration(of: mapping.stateKey) else {
            throw PostgresStateError.stateWriteFailed(
                stateKey: mapping.stateKey, reason: PostgresError(sqlState: nil, message: "the state registry lost the key"))
        }
        return registered
    }

    /// Runs registry SQL, rolling back an open transaction when it fails.
    @discardableResult
    private func run<T>(_ body: () throws(PostgresError) -> T) throws(PostgresError) -> T {
        do {
            return try body()
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }
}

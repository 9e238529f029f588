/// The checks a PostgreSQL model passes before the server sees it, from its text alone.
///
/// A read-only transaction stops PostgreSQL from writing tables, but not everything with an effect:
/// `COPY … TO PROGRAM` runs a shell command and `COPY … TO 'file'` writes a server file inside
/// `BEGIN READ ONLY`, and so do built-in functions such as `lo_import` (writes a large object),
/// `lo_export` (writes a server file) and `pg_create_physical_replication_slot` (measured on
/// PostgreSQL 15). So a model must start as a query does, and must not call a function of
/// ``refusedFunctionNames`` or ``refusedFunctionPrefixes``. Functions a user defines are beyond a
/// text check; `backflow check` warns about a role that could do harm through them
/// (``PostgresRoleAudit``).
enum PostgresModelScreen {
    /// Leading keywords of a statement that returns rows and can be a subquery.
    static let queryKeywords: Set<String> = ["select", "values", "table", "with"]

    /// Leading keywords of statements that change data or schema, reported as
    /// ``WarehouseError/writesToDatabase(model:)``.
    static let writingKeywords: Set<String> = [
        "insert", "update", "delete", "merge", "create", "drop", "alter", "truncate", "grant", "revoke",
        "comment", "refresh", "reindex", "cluster", "vacuum", "import", "reassign", "security",
    ]

    /// Built-in functions PostgreSQL lets a read-only transaction call that act outside it, that read
    /// server files, or that run a query given as text (`ts_stat`, `ts_rewrite`), which the screen
    /// cannot see into.
    static let refusedFunctionNames: Set<String> = [
        "lo_import", "lo_export", "lo_create", "lo_creat", "lo_from_bytea", "lo_put", "lo_unlink", "lo_open",
        "lo_close", "lo_truncate", "lo_truncate64", "lo_lseek", "lo_lseek64", "lo_tell", "lo_tell64", "lo_get",
        "lowrite", "loread", "pg_read_file", "pg_read_binary_file", "pg_stat_file", "pg_switch_wal",
        "pg_switch_xlog", "pg_reload_conf", "pg_rotate_logfile", "pg_terminate_backend", "pg_cancel_backend",
        "pg_promote", "pg_import_system_collations", "pg_log_backend_memory_contexts", "pg_start_backup",
        "pg_stop_backup", "pg_drop_replication_slot", "pg_nextoid", "pg_truncate_visibility_map", "ts_stat",
        "ts_rewrite",
    ]

    /// Families of such functions: server files, replication, backups, advisory locks (a session lock
    /// outlives the transaction), and functions that run SQL or reach other servers. Only prefixes no
    /// user name is likely to share (PostgreSQL reserves `pg_`), since a table alias or a `WITH` name
    /// with a column list is followed by `(` too.
    static let refusedFunctionPrefixes = [
        "pg_file_", "pg_ls_", "pg_stat_reset", "pg_logical_", "pg_create_", "pg_copy_",
        "pg_replication_", "pg_backup_", "pg_wal_replay_", "pg_advisory_", "pg_try_advisory_", "binary_upgrade_", "dblink",
        "query_to_xml", "cursor_to_xml",
    ]

    /// Why the model may not run, or nil when the server may prepare it.
    static func refusal(of model: ModelDefinition) -> WarehouseError? {
        let tokens = SQLLexer(bracketIdentifiers: false).tokens(in: model.statement).filter { !$0.isTrivia }
        if let command = tokens.first(where: { $0.text != "(" }), command.kind == .word,
            let keyword = command.name, !queryKeywords.contains(keyword)
        {
            return writingKeywords.contains(keyword)
                ? .writesToDatabase(model: model.name)
                : .commandNotAllowed(model: model.name, command: keyword.uppercased())
        }
        for (token, next) in zip(tokens, tokens.dropFirst()) where next.text == "(" {
            if token.kind == .quotedIdentifier(unicode: true) || isRefused(token.name ?? "") {
                return .callsServerFunction(model: model.name, function: token.text)
            }
        }
        return nil
    }

    private static func isRefused(_ function: String) -> Bool {
        refusedFunctionNames.contains(function) || refusedFunctionPrefixes.contains { function.hasPrefix($0) }
    }
}

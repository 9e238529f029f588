/// What the PostgreSQL role Backflow connects as could do beyond reading a model, for `backflow check`.
///
/// A model runs read-only and is screened before it runs (``PostgresModelScreen``), but a text check
/// cannot see inside functions and views a user defines, and PostgreSQL lets a superuser or a member of
/// `pg_execute_server_program` / `pg_write_server_files` / `pg_read_server_files` act on the server
/// itself. The safe setup is a role that can only read the model's tables; this audit says where the
/// role falls short of that.
public enum PostgresRoleFinding: Sendable, Equatable, CustomStringConvertible {
    /// The role is a superuser: it can do anything on the server, including run programs.
    case superuser(role: String)
    /// The role is a member of a predefined role that reaches the server's files or programs.
    case serverAccess(role: String, grantedRole: String)
    /// The role may change a table (or view) the model reads.
    case writableTable(role: String, table: String, privileges: [String])
    /// The model's tables could not be found out, so their privileges were not checked.
    case tablesUnknown(role: String, reason: PostgresError)

    public var description: String {
        switch self {
        case .superuser(let role):
            return "the PostgreSQL role '\(role)' is a superuser, so a model could act on the whole server; "
                + "connect as a read-only role (README: A PostgreSQL role for Backflow)."
        case .serverAccess(let role, let grantedRole):
            return "the PostgreSQL role '\(role)' is a member of \(grantedRole), which reaches the server's "
                + "files or programs; connect as a role without it (README: A PostgreSQL role for Backflow)."
        case .writableTable(let role, let table, let privileges):
            return "the PostgreSQL role '\(role)' may \(privileges.joined(separator: "/")) \(table), which the "
                + "model reads; grant it only SELECT (README: A PostgreSQL role for Backflow)."
        case .tablesUnknown(let role, let reason):
            return "cannot tell which tables the model reads as PostgreSQL role '\(role)', so their write "
                + "privileges were not checked: \(reason.message)."
        }
    }
}

/// Finds ``PostgresRoleFinding``s on one connection, without running the model: its tables come from
/// the dependencies PostgreSQL records for a temporary view of it, created and rolled back.
struct PostgresRoleAudit {
    /// Predefined roles whose members reach the server's files or programs.
    static let serverAccessRoles = ["pg_execute_server_program", "pg_write_server_files", "pg_read_server_files"]
    /// Table privileges that let a role change what a model reads.
    static let writePrivileges = ["INSERT", "UPDATE", "DELETE", "TRUNCATE"]

    let connection: PostgresConnection

    /// The role's findings for a model that has passed classification (``PostgresWarehouse/describe(_:)``).
    func findings(for model: ModelDefinition) throws(PostgresError) -> [PostgresRoleFinding] {
        let role = try connection.execute(
            "SELECT current_user, rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user")
        let name = role.text(row: 0, column: 0) ?? ""
        guard role.text(row: 0, column: 1) != "t" else { return [.superuser(role: name)] }
        let memberships = try connection.execute(
            "SELECT r FROM unnest($1::text[]) AS r WHERE pg_catalog.pg_has_role(current_user, r, 'MEMBER')",
            [PostgresChangeTracker.arrayLiteral(Self.serverAccessRoles)])
        var findings = (0..<memberships.rowCount).map { row in
            PostgresRoleFinding.serverAccess(role: name, grantedRole: memberships.text(row: row, column: 0) ?? "")
        }
        do {
            findings += try writableTables(of: model).map { .writableTable(role: name, table: $0.table, privileges: $0.privileges) }
        } catch {
            findings.append(.tablesUnknown(role: name, reason: error))
        }
        return findings
    }

    /// The relations the model reads, through views too, on which the role holds a write privilege.
    private func writableTables(of model: ModelDefinition) throws(PostgresError) -> [(table: String, privileges: [String])] {
        try connection.execute("BEGIN READ WRITE")
        defer { _ = try? connection.execute("ROLLBACK") }
        try connection.execute(
            "CREATE TEMPORARY VIEW backflow_role_audit AS SELECT 1 FROM (\n\(model.statement)\n) AS backflow_model")
        let result = try connection.execute(
            """
            WITH RECURSIVE reads(oid) AS (
                SELECT 'pg_temp.backflow_role_audit'::regclass::oid
                UNION
                SELECT d.refobjid FROM reads
                JOIN pg_catalog.pg_rewrite r ON r.ev_class = reads.oid
                JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = r.oid
                    AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid <> r.ev_class
            )
            SELECT c.oid::regclass::text, array_to_string(ARRAY(
                SELECT p FROM unnest($1::text[]) AS p WHERE pg_catalog.has_table_privilege(c.oid, p)), ',')
            FROM reads JOIN pg_catalog.pg_class c ON c.oid = reads.oid
            WHERE reads.oid <> 'pg_temp.backflow_role_audit'::regclass AND c.relkind IN ('r', 'p', 'v', 'f')
            ORDER BY 1
            """, [PostgresChangeTracker.arrayLiteral(Self.writePrivileges)])
        return (0..<result.rowCount).compactMap { row in
            let privileges = (result.text(row: row, column: 1) ?? "").split(separator: ",").map(String.init)
            return privileges.isEmpty ? nil : (result.text(row: row, column: 0) ?? "", privileges)
        }
    }
}

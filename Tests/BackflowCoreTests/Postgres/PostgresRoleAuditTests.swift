import Foundation
import Testing

@testable import BackflowCore

/// `backflow check`'s audit of the PostgreSQL role: superusers, server-access roles and write
/// privileges on the tables a model reads, through views too.
@Suite struct PostgresRoleAuditTests {
    let url: String
    let role = "audit_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()

    init() throws {
        url = try TestPostgresServer.database(seed: """
            CREATE TABLE people (id int4 PRIMARY KEY, name text);
            CREATE TABLE plans (id int4 PRIMARY KEY, plan text);
            CREATE VIEW paying AS SELECT id FROM plans WHERE plan <> 'free';
            """)
    }

    /// The database's URL as `role`, which the test creates with `grants` and drops afterwards.
    func asRole(_ grants: String, _ body: (String) throws -> Void) throws {
        let admin = try PostgresConnection(url: url, readOnly: false)
        try admin.executeScript("CREATE ROLE \(role) LOGIN; \(grants)")
        defer { _ = try? admin.executeScript("DROP OWNED BY \(role); DROP ROLE \(role)") }
        try body(url.replacingOccurrences(of: "://backflow@", with: "://\(role)@"))
    }

    func findings(_ query: String, url: String) throws -> [PostgresRoleFinding] {
        try PostgresWarehouse.connect(url: url).roleFindings(for: PostgresTestModels.model(query))
    }

    @Test func aSuperuserIsReported() throws {
        #expect(try findings("SELECT * FROM people", url: url) == [.superuser(role: "backflow")])
    }

    @Test func aRoleThatOnlyReadsHasNoFindings() throws {
        try asRole("GRANT SELECT ON people, plans TO \(role)") { (roleURL: String) throws in
            #expect(try findings("SELECT * FROM people JOIN plans USING (id)", url: roleURL).isEmpty)
        }
    }

    @Test func writePrivilegesOnTablesTheModelReadsAreReported() throws {
        try asRole("GRANT SELECT ON people, plans TO \(role); GRANT INSERT, DELETE ON people TO \(role); "
            + "GRANT TRUNCATE ON plans TO \(role)") { (roleURL: String) throws in
            #expect(try findings("SELECT p.* FROM people p", url: roleURL)
                == [.writableTable(role: role, table: "people", privileges: ["INSERT", "DELETE"])])
        }
    }

    @Test func tablesBehindAViewAreAudited() throws {
        try asRole("GRANT SELECT ON paying TO \(role); GRANT UPDATE ON plans TO \(role)") { (roleURL: String) throws in
            #expect(try findings("SELECT * FROM paying", url: roleURL)
                == [.writableTable(role: role, table: "plans", privileges: ["UPDATE"])])
        }
    }

    @Test func membershipOfAServerAccessRoleIsReported() throws {
        try asRole("GRANT SELECT ON people TO \(role); GRANT pg_execute_server_program TO \(role)") { (roleURL: String) throws in
            #expect(try findings("SELECT * FROM people", url: roleURL)
                == [.serverAccess(role: role, grantedRole: "pg_execute_server_program")])
        }
    }

    @Test func theAuditNeverRunsAHarmfulModel() throws {
        #expect(throws: WarehouseError.commandNotAllowed(model: "m", command: "COPY")) {
            _ = try findings("COPY (SELECT 1) TO PROGRAM 'true'", url: url)
        }
    }
}

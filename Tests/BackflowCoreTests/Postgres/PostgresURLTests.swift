import Foundation
import Testing

@testable import BackflowCore

/// Passwords in every connection-string form libpq accepts are masked.
@Suite struct PostgresURLTests {
    @Test(arguments: [
        ("postgresql://ann:pw@db:5432/w?sslmode=require&password=pw2",
         "postgresql://ann:***@db:5432/w?sslmode=require&password=***"),
        ("postgres://ann:p%40ss@db/w", "postgres://ann:***@db/w"),
        ("postgresql://db/w?pass%77ord=pw&sslpassword=key", "postgresql://db/w?pass%77ord=***&sslpassword=***"),
        ("host=db password=secret dbname=w", "host=db password=*** dbname=w"),
        ("host=db PASSWORD = 'a b\\'c' dbname=w", "host=db PASSWORD = *** dbname=w"),
        ("host=db password=a\\ b sslpassword=k", "host=db password=*** sslpassword=***"),
        ("host=db password=a b dbname=w", "host=db password=*** ***"),
    ])
    func passwordsAreMasked(conninfo: String, shown: String) {
        #expect(PostgresURL.redacted(conninfo) == shown)
    }

    @Test func secretsAreReadAsLibpqReadsThem() {
        #expect(Set(PostgresURL.secrets(in: "host=db password='a b\\'c'")) == ["'a b\\'c'", "a b'c"])
        #expect(Set(PostgresURL.secrets(in: "postgresql://u:p%40ss@db/w")) == ["p%40ss", "p@ss"])
    }

    @Test func scrubbingRemovesEveryFormOfThePassword() {
        let text = "password authentication failed: a b'c, p@ss"
        #expect(PostgresURL.scrub(text, secretsOf: "user=u password='a b\\'c'") == "password authentication failed: ***, p@ss")
    }

    @Test func connectionFailureWithAKeywordStringNeverShowsThePassword() {
        #expect {
            _ = try PostgresWarehouse.connect(url: "host=127.0.0.1 port=1 user=u password='s3cr3t pw' dbname=w")
        } throws: { error in
            let text = "\(error)"
            return !text.contains("s3cr3t") && text.contains("password=***") && text.contains("port=1")
        }
    }

    @Test func aQueryErrorEchoingThePasswordIsScrubbed() throws {
        let server = try #require(URLComponents(string: try TestPostgresServer.database()))
        let conninfo = "host=\(server.host ?? "") port=\(server.port ?? 5432) dbname=\(server.path.dropFirst()) "
            + "user=\(server.user ?? "") password=zz-secret-zz"
        let warehouse = try PostgresWarehouse.connect(url: conninfo)
        #expect {
            _ = try warehouse.count(of: PostgresTestModels.model("SELECT 'zz-secret-zz'::int AS id"))
        } throws: { error in
            let text = "\(error)"
            return text.contains("invalid input syntax") && !text.contains("zz-secret-zz")
        }
    }
}

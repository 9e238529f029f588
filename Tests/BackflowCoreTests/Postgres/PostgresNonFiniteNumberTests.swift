import BackflowSink
import Foundation
import Testing
@testable import BackflowCore

/// A float column holding `'Infinity'`, `'-Infinity'` or `'NaN'` (which PostgreSQL allows and JSON
/// cannot write) reaches a mapping as JavaScript's non-finite number, as a JavaScript client of the
/// warehouse reads it. Segment's runtime then fails it in a number field (Ajv's strict numbers),
/// writes `null` for it inside an object (`JSON.stringify`) and `Infinity` in a template; the sync
/// must do exactly what Test Mapping shows, record for record.
@Suite struct PostgresNonFiniteNumberTests {
    static let seed = """
        CREATE TABLE readings (reading_id text PRIMARY KEY, v float8);
        INSERT INTO readings VALUES
            ('finite', 1.5), ('infinity', 'Infinity'), ('minus-infinity', '-Infinity'), ('nan', 'NaN')
        """
    static let nonFinite: Set<String> = ["infinity", "minus-infinity", "nan"]

    let url: String
    let folder: String
    let sink = SinkServer(configuration: SinkConfiguration(port: 0))

    init() throws {
        url = try TestPostgresServer.database(seed: Self.seed)
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("backflow-pg-nonfinite-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// A workspace with one Send Screen mapping of the readings: a user id and a screen name, and
    /// `fields`, a JSON object's members.
    func session(port: Int, fields: String) throws -> WorkspaceSession {
        let text = """
            version: 1
            sources:
              warehouse:
                type: postgres
                url_env: TEST_PG_URL
            models:
              readings:
                source: warehouse
                id_column: reading_id
                query: SELECT * FROM readings
            destinations:
              segment:
                type: actions-segment
                write_key_env: TEST_WRITE_KEY
                endpoint: http://127.0.0.1:\(port)/v1
            mappings:
              - name: Screens
                destination: segment
                model: readings
                action: sendScreen
                records: added
                fields: {"user_id": {"@path": "$.properties.reading_id"}, "screen_name": "S", \(fields)}

            """
        try text.write(toFile: folder + "/backflow.yml", atomically: true, encoding: .utf8)
        return try WorkspaceSession.open(
            path: folder + "/backflow.yml", environment: ["TEST_PG_URL": url, "TEST_WRITE_KEY": "pg-test-key"])
    }

    /// Every record of the model as Test Mapping sees it.
    func records(of mapping: ResolvedMapping, in session: WorkspaceSession) throws -> [ModelRecord] {
        var records: [ModelRecord] = []
        try session.warehouse(for: mapping.model).forEachRecord(of: mapping.model, problem: { _ in }) {
            records.append($0)
        }
        return records
    }

    @Test func aNonFiniteFloatInANumberFieldFailsTheSyncAsItFailsTestMapping() async throws {
        let port = try await sink.start()
        let session = try session(port: port, fields: #""screen": {"height": {"@path": "$.properties.v"}}"#)
        let mapping = try session.mapping(named: "Screens")
        let check = try MappingCheck.run(mapping, in: session.warehouse(for: mapping.model))
        #expect(Set(check.failures.map(\.recordID)) == Self.nonFinite)
        for failure in check.failures {
            #expect(failure.problems.map(\.message) == ["Height must be a number but it was a number."])
        }

        let result = await SyncEngine(session: session, environment: session.environment).sync(mapping, events: { _ in })
        #expect(result.progress.delivered == 1)
        #expect(Set(result.errors.map(\.recordID)) == Self.nonFinite)
        for error in result.errors {
            #expect(error.code == .validation)
            #expect(error.reason.contains("Height must be a number but it was a number."))
        }
        let received = await sink.acceptedMessages().compactMap(\.objectValue)
        #expect(received.map { $0["userId"] } == ["finite"])
        try await sink.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test func aNonFiniteFloatInAnObjectOrATemplateIsSentAsTestMappingWritesIt() async throws {
        let port = try await sink.start()
        let session = try session(
            port: port,
            fields: #""properties": {"v": {"@path": "$.properties.v"}, "label": {"@template": "v={{properties.v}}"}}"#)
        let mapping = try session.mapping(named: "Screens")
        let transport = RecordingTransport()
        let result = await SyncEngine(session: session, transport: transport, environment: session.environment)
            .sync(mapping, events: { _ in })
        #expect(result.progress.delivered == 4)
        #expect(result.errors.isEmpty)

        // Byte for byte, the message ids aside (Test Mapping's are not the sync's).
        let sent = transport.takeMessages().map(RecordingTransport.withoutMessageIDs)
        let tested = try records(of: mapping, in: session).map { record in
            RecordingTransport.withoutMessageIDs(String(decoding: try #require(mapping.test(record).messageBytes), as: UTF8.self))
        }
        #expect(sent.sorted() == tested.sorted())
        #expect(sent.contains { $0.contains(#""userId":"infinity","#) && $0.contains(#""properties":{"name":"S","v":null,"label":"v=Infinity"}"#) })
        #expect(sent.contains { $0.contains(#""properties":{"name":"S","v":null,"label":"v=-Infinity"}"#) })
        #expect(sent.contains { $0.contains(#""properties":{"name":"S","v":null,"label":"v=NaN"}"#) })
        try await sink.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }
}

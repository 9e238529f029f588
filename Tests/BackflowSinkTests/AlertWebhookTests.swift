import BackflowCore
import Foundation
import NIOHTTP1
import Testing

/// Alerts posted to a real HTTP receiver on this machine.
@Suite final class AlertWebhookTests {
    private let folder: String
    private let writeKey = "hFq2k9TzXbLw3RmP7sVn4YcJd8GeA1Uo"
    private let mapping = MappingConfig(
        id: "map_identify", name: "Identify users", destination: "connections", model: "users", action: "sendIdentify")
    private let alert = AlertConfig(name: "ops", target: .webhook(.environment("SLACK_WEBHOOK_URL")))

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("backflow-webhook-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    private func dispatcher(webhookURL: String?, retryDelays: [Double] = [0.05, 0.05]) -> AlertDispatcher {
        var environment = ["SEGMENT_WRITE_KEY": writeKey]
        environment["SLACK_WEBHOOK_URL"] = webhookURL
        return AlertDispatcher(
            alerts: [alert], workspaceID: "ws_alerts_test", host: "cron-1", environment: environment,
            secretVariables: ["SEGMENT_WRITE_KEY", "SLACK_WEBHOOK_URL"],
            webhook: WebhookPoster(timeout: 2, retryDelays: retryDelays), commands: AlertCommandRunner(directory: folder))
    }

    /// Records runs in a real run history and tells the dispatcher about each, with the run before
    /// it from the same history, as the sync engine does.
    private func record(_ outcomes: [SyncRunOutcome], to dispatcher: AlertDispatcher) async throws -> [AlertDelivery] {
        let history = try SQLiteRunHistory(path: folder + "/history.sqlite")
        let key = RunHistoryMapping(name: mapping.name, key: "ws_alerts_test/map_identify")
        var deliveries: [AlertDelivery] = []
        for outcome in outcomes {
            let id = try history.start(mapping: key, leaseToken: nil)
            guard let run = try history.finish(id, outcome: outcome) else { continue }
            let previous = try history.runs(mapping: key, limit: 2).dropFirst().first
            deliveries += await dispatcher.runFinished(mapping: mapping, run: run, previous: previous)
        }
        return deliveries
    }

    private let delivered = SyncRunOutcome(counts: ChangeCounts(extracted: 120, added: 120), delivered: 120)
    private let refusedKey = SyncRunOutcome(
        counts: ChangeCounts(extracted: 120, added: 120), failed: 0,
        error: "Segment refused the write key (HTTP 401)", errorCode: .unauthorized)

    @Test func aWebhookFiresOnceWhenAMappingFailsAndOnceWhenItRecovers() async throws {
        try await withScriptedReceiver(answering: ScriptedAnswer(status: .ok, body: "ok")) { receiver in
            let deliveries = try await record(
                [delivered, refusedKey, refusedKey, refusedKey, delivered, delivered],
                to: dispatcher(webhookURL: receiver.url))
            #expect(deliveries.map(\.event) == ["failed", "recovered"])
            #expect(deliveries.map(\.failure) == [nil, nil])
            let bodies = await receiver.log.bodies
            let notices = try bodies.map { try JSONReader.parse($0).objectValue }
            #expect(notices.map { $0?["event"] } == ["failed", "recovered"])
            #expect(notices.map { $0?["previous_status"] } == ["success", "failed"])
            #expect(notices.first??["text"] == """
                Backflow: "Identify users" failed on cron-1 (run 2): 0 delivered, 0 failed of 120 changes; \
                unauthorized: Segment refused the write key (HTTP 401)
                """)
            #expect(await receiver.log.heads.map { $0.headers["Content-Type"] } == [["application/json"], ["application/json"]])
        }
    }

    @Test func theNoticeCarriesNeitherTheWriteKeyNorTheWebhookURL() async throws {
        let leaking = SyncRunOutcome(error: "the receiver echoed the key \(writeKey)", errorCode: .rejected)
        try await withScriptedReceiver(answering: ScriptedAnswer(status: .ok)) { receiver in
            _ = try await record([leaking], to: dispatcher(webhookURL: receiver.url))
            let body = try #require(await receiver.log.bodies.first)
            #expect(!body.contains(writeKey))
            #expect(!body.contains("/v1/batch"))
            #expect(body.contains("the receiver echoed the key hF••••"))
        }
    }

    @Test func aWebhookAnsweringServerErrorsIsRetriedThenAWarning() async throws {
        try await withScriptedReceiver(answering: ScriptedAnswer(status: .serviceUnavailable, body: "try later")) { receiver in
            let deliveries = try await record([refusedKey], to: dispatcher(webhookURL: receiver.url))
            #expect(await receiver.log.heads.count == 3)
            #expect(deliveries.map(\.warning) == [
                "alert \"ops\" about \"Identify users\" (failed) was not delivered: "
                    + "SLACK_WEBHOOK_URL's webhook: 127.0.0.1 answered HTTP 503: try later (after 3 attempts)"
            ])
        }
    }

    @Test func aWebhookRefusingTheNoticeIsNotRetried() async throws {
        try await withScriptedReceiver(answering: ScriptedAnswer(status: .notFound, body: "no_service")) { receiver in
            let deliveries = try await record([refusedKey], to: dispatcher(webhookURL: receiver.url))
            #expect(await receiver.log.heads.count == 1)
            #expect(deliveries.map(\.failure) == ["SLACK_WEBHOOK_URL's webhook: 127.0.0.1 answered HTTP 404: no_service"])
        }
    }

    @Test func anUnreachableWebhookIsAWarningNotAnError() async throws {
        let port = try await withScriptedReceiver(answering: ScriptedAnswer(status: .ok)) { $0.port }
        let deliveries = try await record([refusedKey], to: dispatcher(webhookURL: "http://127.0.0.1:\(port)/hook"))
        #expect(deliveries.map(\.failure) == ["SLACK_WEBHOOK_URL's webhook: 127.0.0.1 refused the connection (after 3 attempts)"])
    }

    @Test func plainHTTPToAnotherHostIsRefusedBeforeSending() async throws {
        let deliveries = try await record([refusedKey], to: dispatcher(webhookURL: "http://hooks.example.com/services/T0/B0/secret"))
        #expect(deliveries.map(\.failure) == [
            "SLACK_WEBHOOK_URL's webhook: refusing to send over plain http to hooks.example.com: only loopback receivers may use http"
        ])
    }

    @Test func anUnsetWebhookVariableIsAWarning() async throws {
        let deliveries = try await record([refusedKey], to: dispatcher(webhookURL: nil))
        #expect(deliveries.map(\.failure) == [
            "the webhook URL: the environment variable SLACK_WEBHOOK_URL is not set; export it with the secret before running Backflow"
        ])
    }
}

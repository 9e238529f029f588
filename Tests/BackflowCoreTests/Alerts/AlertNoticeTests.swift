import Testing
@testable import BackflowCore

@Suite struct AlertNoticeTests {
    typealias Runs = AlertRunFixture

    private func notice(
        _ transition: AlertTransition, run: SyncRun, previous: SyncRun? = Runs.success, rate: Double? = nil,
        secrets: [String] = []
    ) -> AlertNotice {
        AlertNotice(
            alert: "ops", transition: transition, mapping: Runs.mapping, run: run, previous: previous,
            workspaceID: "ws_alerts_test", host: "cron-1", deliveryRateBelow: rate, secrets: secrets)
    }

    @Test func aFailureReadsAsOneLineWithTheCountsTheCodeAndTheReason() {
        let failed = notice(AlertTransition(previous: .healthy, current: .failed), run: Runs.failed)
        #expect(failed.text == "Backflow: \"Identify users\" failed on cron-1 (run 7): 0 delivered, 0 failed of 0 changes; "
            + "unauthorized: Segment refused the write key (HTTP 401)")
    }

    @Test func aRecoveryNamesWhatItRecoveredFrom() {
        let recovered = notice(AlertTransition(previous: .failed, current: .healthy), run: Runs.success, previous: Runs.failed)
        #expect(recovered.text == "Backflow: \"Identify users\" recovered (was failed) on cron-1 (run 7): 100 delivered, 0 failed of 100 changes")
    }

    @Test func aLowDeliveryRateNamesTheRateAndTheThreshold() {
        let low = notice(AlertTransition(previous: .healthy, current: .lowDeliveryRate), run: Runs.mostlyFailing, rate: 0.95)
        #expect(low.text.hasPrefix("Backflow: \"Identify users\" delivered 40% (under 95%) on cron-1 (run 7): 40 delivered, 60 failed"))
    }

    @Test func theFieldsCarryTheRunForScripts() {
        let fields = notice(AlertTransition(previous: .healthy, current: .failed), run: Runs.failed).fields
        #expect(fields.keys.first == "text")
        #expect(fields["event"] == "failed")
        #expect(fields["workspace_id"] == "ws_alerts_test")
        #expect(fields["mapping"] == "Identify users")
        #expect(fields["mapping_id"] == "map_identify")
        #expect(fields["run_id"] == 7)
        #expect(fields["status"] == "failed")
        #expect(fields["previous_status"] == "success")
        #expect(fields["error_code"] == "unauthorized")
        #expect(fields["host"] == "cron-1")
        #expect(fields["delivery_rate"] == .null)
        #expect(fields["started_at"] == "2026-05-28T20:26:40Z")
    }

    @Test func aSecretInTheRunsErrorIsMasked() {
        let key = "hFq2k9TzXbLw3RmP7sVn4YcJd8GeA1Uo"
        let run = Runs.run(.failed, error: "the receiver said: bad key \(key)", code: .rejected)
        let told = notice(AlertTransition(previous: .healthy, current: .failed), run: run, secrets: [key])
        #expect(!String(decoding: told.body, as: UTF8.self).contains(key))
        #expect(!told.environment.values.contains { $0.contains(key) })
        #expect(told.fields["error"] == "the receiver said: bad key hF••••")
    }

    @Test func slackMarkupCharactersAreEscapedInTheText() {
        let run = Runs.run(.failed, error: "expected <object> & got null", code: .validation)
        let told = notice(AlertTransition(previous: nil, current: .failed), run: run)
        #expect(told.text.hasSuffix("validation: expected &lt;object&gt; &amp; got null"))
        #expect(told.fields["error"] == "expected <object> & got null")
    }

    @Test func commandsGetTheScalarFieldsAsVariables() {
        let variables = notice(AlertTransition(previous: .healthy, current: .failed), run: Runs.failed).environment
        #expect(variables["BACKFLOW_ALERT_EVENT"] == "failed")
        #expect(variables["BACKFLOW_ALERT_RUN_ID"] == "7")
        #expect(variables["BACKFLOW_ALERT_MAPPING"] == "Identify users")
        #expect(variables["BACKFLOW_ALERT_INTERRUPTED"] == "false")
        #expect(variables["BACKFLOW_ALERT_DELIVERY_RATE"] == nil)
    }
}

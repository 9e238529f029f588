import Testing
@testable import BackflowCore

@Suite struct WorkspaceAlertTests {
    /// A workspace with one mapping, and `alerts` as given.
    private func workspace(alerts: String) -> String {
        """
        version: 1
        sources:
          warehouse:
            type: sqlite
            path: warehouse.sqlite
        models:
          users:
            source: warehouse
            id_column: user_id
            query: SELECT * FROM users
        destinations:
          connections:
            type: actions-segment
            enabled: true
            write_key_env: SEGMENT_WRITE_KEY
        mappings:
          - id: map_identify
            name: Identify users
            destination: connections
            model: users
            action: sendIdentify
            records: added_or_updated
            enabled: true
            sync_nulls: true
            schedule: manual
        alerts:
        \(alerts)
        """
    }

    private var documented: String {
        workspace(alerts: """
              # the data team's Slack channel
              ops:
                webhook_env: SLACK_WEBHOOK_URL           # NAME of the env var holding the webhook URL
                when: [failed, partial, recovered]
                delivery_rate_below: 0.95
                mappings: ["Identify users"]
              pager:
                command: ["scripts/page.sh", "--urgent"]
                when: [failed, recovered]

            """)
    }

    @Test func alertsAreWrittenBackByteForByte() throws {
        let loaded = try WorkspaceLoader.load(text: documented)
        #expect(WorkspaceWriter.render(loaded, preservingFrom: documented) == documented)
    }

    @Test func anAlertReadsItsTargetConditionsThresholdAndMappings() throws {
        let alerts = try WorkspaceLoader.load(text: documented).alerts
        #expect(alerts == [
            AlertConfig(
                name: "ops", target: .webhook(.environment("SLACK_WEBHOOK_URL")), triggers: [.failed, .partial, .recovered],
                deliveryRateBelow: 0.95, mappings: ["Identify users"]),
            AlertConfig(name: "pager", target: .command(["scripts/page.sh", "--urgent"]), triggers: [.failed, .recovered]),
        ])
    }

    @Test func anAlertLeftAtItsDefaultsCoversEveryChangeOfEveryMapping() throws {
        let text = workspace(alerts: "  ops:\n    command: [notify-ops]\n")
        let alert = try WorkspaceLoader.load(text: text).alerts.first
        #expect(alert == AlertConfig(name: "ops", target: .command(["notify-ops"])))
        #expect(alert?.covers(MappingConfig(name: "Anything", destination: "d", model: "m", action: "a")) == true)
        #expect(WorkspaceWriter.render(try WorkspaceLoader.load(text: text), preservingFrom: text)
            .hasSuffix("  ops:\n    command: [\"notify-ops\"]\n    when: [failed, partial, recovered]\n"))
    }

    @Test func anAlertNeedsAWebhookOrACommand() {
        expectDiagnostics(workspace(alerts: "  ops:\n    when: [failed]\n"), [
            "backflow.yml:28:5: alerts.ops: an alert needs webhook_env (the NAME of an environment variable holding the webhook URL) "
                + "or command (the program and its arguments, as a list)"
        ])
    }

    @Test func anAlertHasNotBothAWebhookAndACommand() {
        expectDiagnostics(workspace(alerts: "  ops:\n    webhook_env: SLACK_WEBHOOK_URL\n    command: [notify-ops]\n"), [
            "backflow.yml:29:5: alerts.ops.command: an alert posts to a webhook (webhook_env) or runs a command (command), not both: keep one"
        ])
    }

    @Test func aWebhookURLIsNeverWrittenInTheFile() {
        let url = "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX"
        let error = #expect(throws: WorkspaceLoadError.self) {
            try WorkspaceLoader.load(text: workspace(alerts: "  ops:\n    webhook_url: \(url)\n"))
        }
        #expect(error?.description == "backflow.yml:28:5: alerts.ops.webhook_url: webhook URLs carry their own secret and are never stored "
            + "in backflow.yml: put the URL in an environment variable and name it with webhook_env")
    }

    @Test func aWebhookURLPastedWhereItsVariableBelongsIsNotRepeated() {
        let url = "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX"
        let error = #expect(throws: WorkspaceLoadError.self) {
            try WorkspaceLoader.load(text: workspace(alerts: "  ops:\n    webhook_env: \(url)\n"))
        }
        #expect(error?.diagnostics.map(\.keyPath) == ["alerts.ops.webhook_env"])
        #expect(error?.description.contains("looks like a webhook URL itself") == true)
        #expect(error?.description.contains("hooks.slack.com") == false)
    }

    @Test func anUnknownMappingIsNamedWithAHint() {
        expectDiagnostics(workspace(alerts: "  ops:\n    command: [notify-ops]\n    mappings: [Identfy users]\n"), [
            "backflow.yml:29:16: alerts.ops.mappings[0]: mapping \"Identfy users\" is not defined; did you mean \"Identify users\"?"
        ])
    }

    @Test func conditionsAreAmongFailedPartialAndRecovered() {
        expectDiagnostics(workspace(alerts: "  ops:\n    command: [notify-ops]\n    when: [failed, sometimes]\n"), [
            "backflow.yml:29:20: alerts.ops.when[1]: expected one of failed, partial, recovered but found \"sometimes\""
        ])
    }

    @Test func theKeyOnIsRefusedForWhen() {
        expectDiagnostics(workspace(alerts: "  ops:\n    command: [notify-ops]\n    on: [failed]\n"), [
            "backflow.yml:29:5: alerts.ops.on: write the changes to alert on under when: (tools reading YAML 1.1 take the key on for true)"
        ])
    }

    @Test func theDeliveryRateIsAFractionNotAPercentage() {
        expectDiagnostics(workspace(alerts: "  ops:\n    command: [notify-ops]\n    delivery_rate_below: 95\n"), [
            "backflow.yml:29:26: alerts.ops.delivery_rate_below: expected the share of a run's records that must be delivered, "
                + "more than 0 and at most 1 (0.95 for 95%), but found \"95\""
        ])
    }

    @Test func aCommandIsAListOfArguments() {
        expectDiagnostics(workspace(alerts: "  ops:\n    command: scripts/page.sh --urgent\n"), [
            "backflow.yml:28:14: alerts.ops.command: expected a list of the program and its arguments, such as "
                + "[scripts/alert.sh, --urgent] (for a shell: [sh, -c, \"…\"]) but found \"scripts/page.sh --urgent\""
        ])
    }

    @Test func theWorkspaceKnowsEveryVariableHoldingASecret() throws {
        let loaded = try WorkspaceLoader.load(text: documented)
        #expect(loaded.secretVariableNames == ["SEGMENT_WRITE_KEY", "SLACK_WEBHOOK_URL"])
    }
}

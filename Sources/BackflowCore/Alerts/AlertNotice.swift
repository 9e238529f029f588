import Foundation

/// What an alert says about a run: one JSON object with a Slack-compatible `text` line (Slack's
/// incoming webhooks post it as the message and ignore the other keys) and the same facts as fields
/// for scripts. A command gets the object on stdin and its scalar fields as `BACKFLOW_ALERT_*`
/// variables.
///
/// Nothing secret goes in: the file holds no secrets, and the run's error text, the one part that
/// comes from outside it, has every value of the workspace's secret variables masked.
public struct AlertNotice: Sendable {
    /// A run's error is cut to this many characters: enough to read, and small enough that the
    /// whole notice fits a pipe's buffer (see ``AlertCommandRunner``).
    static let maximumErrorLength = 1_000

    public let text: String
    /// The whole object, `text` first.
    public let fields: JSONObject

    /// - Parameter secrets: values that must not appear (write keys, connection and webhook URLs).
    public init(
        alert: String, transition: AlertTransition, mapping: MappingConfig, run: SyncRun, previous: SyncRun?,
        workspaceID: String?, host: String, deliveryRateBelow: Double?, secrets: [String]
    ) {
        let error = run.error.map { String(Self.masked($0, secrets: secrets).prefix(Self.maximumErrorLength)) }
        text = Self.line(
            transition: transition, mapping: mapping.name, run: run, error: error, host: host,
            deliveryRateBelow: deliveryRateBelow)
        func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        fields = [
            "text": .string(text),
            "alert": .string(alert),
            "event": .string(transition.event),
            "health": .string(transition.current.rawValue),
            "previous_health": optional(transition.previous?.rawValue),
            "workspace_id": optional(workspaceID),
            "mapping": .string(mapping.name),
            "mapping_id": .string(mapping.id ?? mapping.name),
            "run_id": .integer(run.id),
            "status": .string(run.status.rawValue),
            "previous_status": optional(previous?.status.rawValue),
            "interrupted": .bool(run.interrupted),
            "extracted": Self.count(run.counts.extracted),
            "added": Self.count(run.counts.added),
            "updated": Self.count(run.counts.updated),
            "deleted": Self.count(run.counts.deleted),
            "delivered": Self.count(run.delivered),
            "failed": Self.count(run.failed),
            "expired": Self.count(run.expired),
            "delivery_rate": run.deliveryRate.map(JSONValue.number) ?? .null,
            "error_code": optional(run.errorCode?.rawValue),
            "error": optional(error),
            "host": .string(host),
            "started_at": .string(Self.timestamp(run.startedAt)),
            "finished_at": optional(run.finishedAt.map(Self.timestamp)),
        ]
    }

    /// The notice as sent: compact JSON.
    public var body: [UInt8] { JSONWriter.compactBytes(.object(fields)) }

    /// `BACKFLOW_ALERT_EVENT=failed`, `BACKFLOW_ALERT_RUN_ID=42`, …: every field but null ones, as text.
    public var environment: [String: String] {
        var variables: [String: String] = [:]
        for (key, value) in fields {
            let text: String
            switch value {
            case .string(let string): text = string
            case .null, .array, .object: continue
            default: text = JSONWriter.compact(value)
            }
            variables["BACKFLOW_ALERT_" + key.uppercased()] = text
        }
        return variables
    }

    /// `Backflow: "Identify users" failed on cron-1 (run 42): 0 delivered, 120 failed of 120 changes; unauthorized: …`
    private static func line(
        transition: AlertTransition, mapping: String, run: SyncRun, error: String?, host: String, deliveryRateBelow: Double?
    ) -> String {
        let what: String
        switch transition.current {
        case .healthy: what = "recovered (was \(transition.previous?.rawValue ?? "unhealthy"))"
        case .failed: what = run.interrupted ? "failed (interrupted)" : "failed"
        case .partial: what = "partially failed"
        case .lowDeliveryRate:
            what = "delivered \(percent(run.deliveryRate ?? 0)) (under \(percent(deliveryRateBelow ?? 0)))"
        }
        var line = "Backflow: \"\(mapping)\" \(what) on \(host) (run \(run.id)): "
            + "\(run.delivered) delivered, \(run.failed) failed of \(run.counts.extracted) changes"
        if run.expired > 0 { line += ", \(run.expired) expired" }
        if transition.current != .healthy, let error {
            line += "; " + (run.errorCode.map { "\($0.rawValue): " } ?? "") + error
        }
        return slackEscaped(line)
    }

    private static func percent(_ fraction: Double) -> String {
        JSONWriter.formatNumber((fraction * 1000).rounded() / 10) + "%"
    }

    /// Slack reads `<…>` as links and mentions and `&` as the start of an entity; these three are
    /// the characters its message text asks to be escaped.
    private static func slackEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    private static func masked(_ text: String, secrets: [String]) -> String {
        secrets.filter { !$0.isEmpty }.reduce(text) { $0.replacingOccurrences(of: $1, with: SecretMask.mask($1)) }
    }

    private static func count(_ value: Int) -> JSONValue { .integer(Int64(value)) }

    private static func timestamp(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds).formatted(.iso8601)
    }
}

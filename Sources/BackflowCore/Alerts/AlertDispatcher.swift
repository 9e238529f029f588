import Foundation

/// One alert's attempt to tell about a run.
public struct AlertDelivery: Sendable, Equatable {
    public let alert: String
    public let mapping: String
    /// `failed`, `partial`, `low_delivery_rate` or `recovered` (see ``AlertTransition/event``).
    public let event: String
    /// Why the notice did not get through; `nil` when the webhook answered 2xx or the command exited 0.
    public let failure: String?

    /// What to show the user when the notice did not get through. An alert that fails never fails
    /// the sync: the run is recorded either way.
    public var warning: String? {
        failure.map { "alert \(YAMLQuoting.quoted(alert)) about \(YAMLQuoting.quoted(mapping)) (\(event)) was not delivered: \($0)" }
    }
}

/// Tells the workspace's alerts about a run that just finished.
///
/// The sync engine calls ``runFinished(mapping:run:previous:)`` once per recorded run (not for dry
/// runs, which are not recorded), after the run is stored, with the mapping's previous finished run:
///
/// ```swift
/// for delivery in await alerts.runFinished(mapping: mapping.config, run: run, previous: previousRun) {
///     if let warning = delivery.warning { events(.notice(warning)) }
/// }
/// ```
///
/// Each alert covering the mapping decides by its ``AlertPolicy`` whether the change from `previous`
/// to `run` is news, and if so posts its webhook or runs its command; the alerts are told at once,
/// so one slow receiver does not hold up the others.
public struct AlertDispatcher: Sendable {
    private let alerts: [AlertConfig]
    private let workspaceID: String?
    private let host: String
    private let environment: [String: String]
    private let secretVariables: Set<String>
    private let webhook: WebhookPoster
    private let commands: AlertCommandRunner

    /// - Parameters:
    ///   - environment: where webhook URLs are read from; commands inherit it, less `secretVariables`.
    ///   - secretVariables: the variables holding the workspace's secrets (``Workspace/secretVariableNames``):
    ///     their values are masked in notices and withheld from commands.
    ///   - host: the machine that ran the syncs, named in every notice.
    public init(
        alerts: [AlertConfig], workspaceID: String?, host: String, environment: [String: String],
        secretVariables: Set<String>, webhook: WebhookPoster = WebhookPoster(), commands: AlertCommandRunner
    ) {
        self.alerts = alerts
        self.workspaceID = workspaceID
        self.host = host
        self.environment = environment
        self.secretVariables = secretVariables
        self.webhook = webhook
        self.commands = commands
    }

    /// Tells every alert covering `mapping` whose policy finds news in `run` after `previous`; one
    /// delivery per alert told, in the order of the file. Never throws: a failure is in the delivery.
    public func runFinished(mapping: MappingConfig, run: SyncRun, previous: SyncRun?) async -> [AlertDelivery] {
        let told = alerts.filter { $0.covers(mapping) }.compactMap { alert in
            alert.policy.transition(from: previous, to: run).map { (alert, $0) }
        }
        let secrets = secretVariables.compactMap { environment[$0] }
        return await withTaskGroup(of: (Int, AlertDelivery).self) { group in
            for (index, (alert, transition)) in told.enumerated() {
                let notice = AlertNotice(
                    alert: alert.name, transition: transition, mapping: mapping, run: run, previous: previous,
                    workspaceID: workspaceID, host: host, deliveryRateBelow: alert.deliveryRateBelow, secrets: secrets)
                group.addTask {
                    let failure = await self.send(notice, to: alert.target)
                    return (index, AlertDelivery(alert: alert.name, mapping: mapping.name, event: transition.event, failure: failure))
                }
            }
            var deliveries: [(Int, AlertDelivery)] = []
            for await delivery in group { deliveries.append(delivery) }
            return deliveries.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// Why `notice` did not reach `target`, or `nil` when it did.
    private func send(_ notice: AlertNotice, to target: AlertTarget) async -> String? {
        switch target {
        case .webhook(let reference):
            do {
                let url = try reference.resolve(environment: environment)
                try await webhook.post(notice.body, to: url)
            } catch let error as SecretResolutionError {
                return "the webhook URL: \(error.description)"
            } catch {
                return "\(reference.variableName)'s webhook: \(error)"
            }
        case .command(let arguments):
            let inherited = environment.filter { !secretVariables.contains($0.key) }
            do {
                try await commands.run(
                    arguments, input: notice.body, environment: inherited.merging(notice.environment) { $1 })
            } catch {
                return error.description
            }
        }
        return nil
    }
}

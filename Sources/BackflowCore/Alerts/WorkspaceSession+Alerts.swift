import Foundation

extension WorkspaceSession {
    /// The workspace's alerts, ready for the sync engine to tell about each recorded run (see
    /// ``AlertDispatcher``). Commands run in the workspace file's folder; notices name this host (see
    /// ``LeaseIdentity/hostName(environment:)``), the one runs and leases record.
    public func alertDispatcher() -> AlertDispatcher {
        AlertDispatcher(
            alerts: workspace.alerts, workspaceID: try? workspaceID(), host: LeaseIdentity.hostName(environment: environment),
            environment: environment,
            secretVariables: workspace.secretVariableNames,
            commands: AlertCommandRunner(directory: URL(fileURLWithPath: path).deletingLastPathComponent().path))
    }
}

import Foundation

extension WorkspaceSession {
    /// The workspace's alerts, ready for the sync engine to tell about each recorded run (see
    /// ``AlertDispatcher``). Commands run in the workspace file's folder; notices name this machine.
    public func alertDispatcher(host: String = ProcessInfo.processInfo.hostName) -> AlertDispatcher {
        AlertDispatcher(
            alerts: workspace.alerts, workspaceID: try? workspaceID(), host: host, environment: environment,
            secretVariables: workspace.secretVariableNames,
            commands: AlertCommandRunner(directory: URL(fileURLWithPath: path).deletingLastPathComponent().path))
    }
}

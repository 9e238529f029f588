extension WorkspaceSession {
    /// Where this workspace keeps sync state, run history and locks (`settings.state_dir`, relative
    /// to the workspace file).
    public var stateFolder: StateFolder {
        StateFolder(path: WorkspacePaths.resolve(workspace.settings.effectiveStateDirectory, besideWorkspaceFile: path))
    }

    /// Who the sync state of `mapping` belongs to (see ``WorkspaceIdentity``, ``MappingIdentity``).
    public func identity(of mapping: MappingConfig) throws(WorkspaceIdentityError) -> MappingIdentity {
        MappingIdentity(workspaceID: try workspaceID(), mapping: mapping)
    }

    /// Change detection for a model, inside the engine its source runs on.
    public func changeTracker(for model: ModelDefinition) throws -> any ChangeTracker {
        guard let source = workspace.source(named: model.sourceName) else {
            throw WorkspaceError.unknownModel(model.name, available: workspace.models.map(\.name))
        }
        switch source.kind {
        case .sqlite(let path):
            return try SQLiteChangeTracker(
                statePath: stateFolder.statePath, warehousePath: WorkspacePaths.resolve(path, besideWorkspaceFile: self.path))
        case .postgres(let url):
            return try PostgresChangeTracker.connect(url: try postgresURL(url, source: source.name))
        }
    }
}

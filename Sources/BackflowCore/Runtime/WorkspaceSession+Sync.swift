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

    /// The history of the mapping named `name`: its runs under any name, found by its identity where the
    /// workspace's id is known (reading never creates it), and by name for a mapping no longer in the file.
    public func historyMapping(named name: String) -> RunHistory.Mapping {
        guard let config = workspace.mapping(named: name),
            let workspaceID = WorkspaceIdentity.existing(workspace, stateFolder: stateFolder)
        else { return RunHistory.Mapping(name: name, key: nil) }
        return RunHistory.Mapping(name: name, key: MappingIdentity(workspaceID: workspaceID, mapping: config).stateKey)
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

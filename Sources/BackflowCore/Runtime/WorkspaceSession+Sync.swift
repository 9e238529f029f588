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
    public func historyMapping(named name: String) -> RunHistoryMapping {
        guard let config = workspace.mapping(named: name),
            let workspaceID = WorkspaceIdentity.existing(workspace, stateFolder: stateFolder)
        else { return RunHistoryMapping(name: name, key: nil) }
        return RunHistoryMapping(name: name, key: MappingIdentity(workspaceID: workspaceID, mapping: config).stateKey)
    }

    /// Change detection for a model, inside the engine its source runs on.
    public func changeTracker(for model: ModelDefinition) throws -> any ChangeTracker {
        switch try stateEngine(of: model) {
        case .stateFolder(let warehousePath):
            return try SQLiteChangeTracker(statePath: stateFolder.statePath, warehousePath: warehousePath)
        case .postgres(let url):
            return try PostgresChangeTracker.connect(url: url)
        }
    }

    /// Leases on the model's mappings, beside their state (a connection of its own).
    public func leaseStore(for model: ModelDefinition) throws -> any LeaseStore {
        switch try stateEngine(of: model) {
        case .stateFolder: return try SQLiteLeaseStore(statePath: stateFolder.statePath)
        case .postgres(let url): return try PostgresLeaseStore(url: url)
        }
    }

    /// The run history of the model's mappings, beside their state (a connection of its own).
    public func runHistory(for model: ModelDefinition) throws -> any RunHistory {
        try runHistory(in: try stateEngine(of: model))
    }

    func runHistory(in engine: StateEngine) throws -> any RunHistory {
        switch engine {
        case .stateFolder: return try SQLiteRunHistory(path: stateFolder.historyPath)
        case .postgres(let url): return try PostgresRunHistory(url: url)
        }
    }

    /// Where the state of a source's mappings lives: the state folder for a SQLite source, the `backflow`
    /// schema of the warehouse itself for a PostgreSQL one.
    enum StateEngine: Hashable {
        case stateFolder(warehousePath: String)
        case postgres(url: String)
    }

    func stateEngine(of model: ModelDefinition) throws -> StateEngine {
        guard let source = workspace.source(named: model.sourceName) else {
            throw WorkspaceError.unknownModel(model.name, available: workspace.models.map(\.name))
        }
        return try stateEngine(of: source)
    }

    func stateEngine(of source: SourceConfig) throws(WorkspaceError) -> StateEngine {
        switch source.kind {
        case .sqlite(let path):
            return .stateFolder(warehousePath: WorkspacePaths.resolve(path, besideWorkspaceFile: self.path))
        case .postgres(let url):
            return .postgres(url: try postgresURL(url, source: source.name))
        }
    }
}

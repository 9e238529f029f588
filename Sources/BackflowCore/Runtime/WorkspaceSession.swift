import Foundation

/// An error in using a loaded workspace: a name that is not in it, or a warehouse problem.
public enum WorkspaceError: Error, Sendable, CustomStringConvertible {
    case unknownMapping(String, available: [String])
    case unknownModel(String, available: [String])
    case invalidModel(ModelDefinitionError)
    case sourceConnection(name: String, reason: String)
    case warehouse(WarehouseError)
    case recordNotFound(model: String, id: String)
    case emptyModel(String)

    public var description: String {
        switch self {
        case .unknownMapping(let name, let available):
            return "no mapping named \"\(name)\""
                + KeySuggestion.hint(for: name, among: available, noun: "mappings")
        case .unknownModel(let name, let available):
            return "no model named \"\(name)\""
                + KeySuggestion.hint(for: name, among: available, noun: "models")
        case .invalidModel(let error):
            return error.description
        case .sourceConnection(let name, let reason):
            return "source '\(name)': \(reason)"
        case .warehouse(let error):
            return error.description
        case .recordNotFound(let model, let id):
            return "model '\(model)' has no record with id \"\(id)\""
        case .emptyModel(let model):
            return "model '\(model)' returned no records to test"
        }
    }
}

/// A workspace file loaded and checked against the catalog, with its warehouses opened on demand.
/// The CLI and the TUI both work through it. Used from one thread at a time.
public final class WorkspaceSession {
    public let workspace: Workspace
    /// The workspace file's path, as given.
    public let path: String
    /// Where secrets (write keys, PostgreSQL URLs) are read from.
    public let environment: [String: String]
    private var warehouses: [String: any Warehouse] = [:]
    private var resolvedWorkspaceID: String?

    public init(workspace: Workspace, path: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.workspace = workspace
        self.path = path
        self.environment = environment
    }

    /// Loads and checks `path`; every problem of the file and of its use of the catalog is reported
    /// together.
    public static func open(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(WorkspaceLoadError) -> WorkspaceSession {
        let workspace = try WorkspaceLoader.load(path: path)
        let diagnostics = WorkspaceCatalogCheck.diagnostics(for: workspace, file: path)
        guard diagnostics.isEmpty else { throw WorkspaceLoadError.invalid(diagnostics) }
        return WorkspaceSession(workspace: workspace, path: path, environment: environment)
    }

    public func model(named name: String) throws(WorkspaceError) -> ModelDefinition {
        guard let config = workspace.model(named: name) else {
            throw .unknownModel(name, available: workspace.models.map(\.name))
        }
        do {
            return try ModelDefinition(
                name: config.name, sourceName: config.source, query: config.query, idColumn: config.idColumn)
        } catch {
            throw .invalidModel(error)
        }
    }

    public func mapping(named name: String) throws(WorkspaceError) -> ResolvedMapping {
        guard let config = workspace.mapping(named: name) else {
            throw .unknownMapping(name, available: workspace.mappings.map(\.name))
        }
        return try resolve(config)
    }

    /// Every mapping, resolved, in file order; `enabledOnly` leaves out disabled mappings and
    /// mappings of disabled destinations.
    public func mappings(enabledOnly: Bool) throws(WorkspaceError) -> [ResolvedMapping] {
        var resolved: [ResolvedMapping] = []
        for config in workspace.mappings {
            let mapping = try resolve(config)
            if !enabledOnly || (config.enabled && mapping.destinationConfig.enabled) { resolved.append(mapping) }
        }
        return resolved
    }

    /// The workspace's id (see ``WorkspaceIdentity``), found the first time it is needed.
    public func workspaceID() throws(WorkspaceIdentityError) -> String {
        if let resolvedWorkspaceID { return resolvedWorkspaceID }
        let id = try WorkspaceIdentity.resolve(workspace, stateFolder: stateFolder)
        resolvedWorkspaceID = id
        return id
    }

    /// The warehouse behind a model, opened the first time it is needed.
    public func warehouse(for model: ModelDefinition) throws(WorkspaceError) -> any Warehouse {
        if let open = warehouses[model.sourceName] { return open }
        guard let source = workspace.source(named: model.sourceName) else {
            throw .unknownModel(model.name, available: workspace.models.map(\.name))
        }
        let warehouse: any Warehouse
        switch source.kind {
        case .sqlite(let relativePath):
            let resolved = WorkspacePaths.resolve(relativePath, besideWorkspaceFile: path)
            do { warehouse = try SQLiteWarehouse(path: resolved) } catch { throw .warehouse(error) }
        case .postgres(let url):
            let address = try postgresURL(url, source: source.name)
            do { warehouse = try PostgresWarehouse.connect(url: address) } catch { throw .warehouse(error) }
        }
        warehouses[model.sourceName] = warehouse
        return warehouse
    }

    /// The model's columns and first `limit` records.
    public func preview(of model: ModelDefinition, limit: Int = ModelPreview.defaultLimit) throws(WorkspaceError)
        -> ModelPreview
    {
        let warehouse = try warehouse(for: model)
        do { return try warehouse.preview(of: model, limit: limit) } catch { throw .warehouse(error) }
    }

    /// The record Test Mapping uses: the one asked for, else the mapping's test record, else the
    /// model's first record.
    public func testRecord(for mapping: ResolvedMapping, id: String? = nil) throws(WorkspaceError) -> ModelRecord {
        let warehouse = try warehouse(for: mapping.model)
        if let id = id ?? mapping.config.testRecord {
            let found: ModelRecord?
            do { found = try warehouse.record(of: mapping.model, id: id) } catch { throw .warehouse(error) }
            guard let found else { throw .recordNotFound(model: mapping.model.name, id: id) }
            return found
        }
        let preview: ModelPreview
        do { preview = try warehouse.preview(of: mapping.model, limit: 1) } catch { throw .warehouse(error) }
        guard let first = preview.records.first else { throw .emptyModel(mapping.model.name) }
        return first
    }

    /// A PostgreSQL source's connection URL, from the environment variable the workspace names.
    func postgresURL(_ reference: SecretReference, source: String) throws(WorkspaceError) -> String {
        do {
            return try reference.resolve(environment: environment)
        } catch {
            throw .sourceConnection(name: source, reason: "the connection URL: \(error.description)")
        }
    }

    private func resolve(_ config: MappingConfig) throws(WorkspaceError) -> ResolvedMapping {
        // The loader and the catalog check guarantee these references; a session built by hand
        // from an unchecked workspace reports them as unknown names instead of trapping.
        guard let destinationConfig = workspace.destination(named: config.destination),
            let kind = DestinationKind(rawValue: destinationConfig.type),
            let action = Catalog.destination(kind).action(config.action)
        else { throw .unknownMapping(config.name, available: workspace.mappings.map(\.name)) }
        return ResolvedMapping(
            config: config, destinationConfig: destinationConfig, destination: Catalog.destination(kind),
            action: action, model: try model(named: config.model))
    }
}

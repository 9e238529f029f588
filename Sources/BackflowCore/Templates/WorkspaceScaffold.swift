import Foundation

/// Why a workspace could not be created.
public enum WorkspaceScaffoldError: Error, Sendable, CustomStringConvertible {
    case workspaceExists(path: String)
    case cannotCreateFolder(path: String, reason: String)
    case demo(DemoWarehouseError)
    case save(WorkspaceSaveError)

    public var description: String {
        switch self {
        case .workspaceExists(let path): return "\(path) already exists; pass --force to replace it"
        case .cannotCreateFolder(let path, let reason): return "cannot create the folder \(path): \(reason)"
        case .demo(let error): return error.description
        case .save(let error): return error.description
        }
    }
}

/// Creates a workspace folder: `backflow init`, and the first step of `backflow demo`.
public enum WorkspaceScaffold {
    /// Writes `backflow.yml` into `directory` (created when missing) and, for the demo, the demo
    /// warehouse beside it, replacing a previous demo warehouse. Returns the workspace file's path
    /// and, for the demo, what the warehouse holds.
    public static func create(in directory: String, demo: Bool, replacing: Bool) throws(WorkspaceScaffoldError)
        -> (workspacePath: String, warehouse: DemoWarehouseSummary?)
    {
        let files = FileManager.default
        let workspacePath = directory + "/" + WorkspaceLoader.defaultFileName
        if files.fileExists(atPath: workspacePath), !replacing { throw .workspaceExists(path: workspacePath) }
        do {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateFolder(path: directory, reason: error.localizedDescription)
        }
        var summary: DemoWarehouseSummary?
        if demo {
            let warehousePath = directory + "/" + DemoWorkspaceFile.warehouseFileName
            try? files.removeItem(atPath: warehousePath)
            do { summary = try DemoWarehouse.create(at: warehousePath) } catch { throw .demo(error) }
        }
        let id = Workspace.newID()
        let text = demo ? DemoWorkspaceFile.text(workspaceID: id) : StarterWorkspaceFile.text(workspaceID: id)
        do { try AtomicFileWrite.write(Array(text.utf8), to: workspacePath) } catch { throw .save(error) }
        return (workspacePath, summary)
    }
}

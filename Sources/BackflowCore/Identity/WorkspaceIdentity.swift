import Foundation

/// Finds the workspace's id, which every message id and state key is drawn from.
///
/// The file's `workspace_id` wins: every host running the file shares it, so they share one state in
/// a warehouse. A file without one (written by hand, or before ids existed) gets a random id kept in
/// the state folder as `workspace_id`, made once. The state folder also remembers the id it was made
/// for: a file whose `workspace_id` differs from it is refused rather than silently starting the
/// state over, which would send every record again.
public enum WorkspaceIdentity {
    static let fileName = "workspace_id"

    /// The id of `workspace`, whose state lives in `folder`; creates the folder's record of it when
    /// missing.
    public static func resolve(_ workspace: Workspace, stateFolder folder: StateFolder) throws(WorkspaceIdentityError)
        -> String
    {
        let path = (folder.path as NSString).appendingPathComponent(fileName)
        let stored = try read(path)
        if let declared = workspace.id {
            guard let stored else { return try store(declared, at: path, folder: folder) }
            guard stored == declared else {
                throw .mismatch(declared: declared, stored: stored, statePath: folder.path)
            }
            return declared
        }
        if let stored { return stored }
        return try store(Workspace.newID(), at: path, folder: folder)
    }

    /// The id stored at `path`, or nil when there is none.
    private static func read(_ path: String) throws(WorkspaceIdentityError) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard IdentityText.isValid(text, minimumLength: 8) else { throw .corrupt(path: path) }
        return text
    }

    /// The id of `workspace` as far as it is known without creating anything: the file's, else the one
    /// kept in `folder`, else nil (nothing was ever synced from here).
    public static func existing(_ workspace: Workspace, stateFolder folder: StateFolder) -> String? {
        workspace.id ?? (try? read((folder.path as NSString).appendingPathComponent(fileName)))
    }

    /// Stores `id` at `path` unless another process stored one first, and returns the one that won:
    /// the id is written to a file of its own, then linked into place, which fails if `path` exists.
    private static func store(_ id: String, at path: String, folder: StateFolder) throws(WorkspaceIdentityError)
        -> String
    {
        do {
            try StateFolder.createFolder(folder.path)
        } catch {
            throw .cannotWrite(path: path, reason: error.description)
        }
        let temporary = path + IdentityText.random(prefix: ".", count: 12) + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data((id + "\n").utf8),
            attributes: [.posixPermissions: 0o600])
        else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        defer { unlink(temporary) }
        if link(temporary, path) == 0 { return id }
        let reason = String(cString: strerror(errno))
        guard errno == EEXIST, let winner = try read(path) else { throw .cannotWrite(path: path, reason: reason) }
        return winner
    }
}

/// Why the workspace's id could not be found or kept.
public enum WorkspaceIdentityError: Error, Sendable, Equatable, CustomStringConvertible {
    case mismatch(declared: String, stored: String, statePath: String)
    case unreadable(path: String)
    case corrupt(path: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .mismatch(let declared, let stored, let statePath):
            return "the workspace file says workspace_id: \(declared), but the sync state in \(statePath) belongs to "
                + "workspace \(stored); set workspace_id: \(stored) in the file to keep that state (a new id would "
                + "send every record again), or point settings.state_dir at another folder"
        case .unreadable(let path):
            return "cannot read the workspace id in \(path): check its permissions"
        case .corrupt(let path):
            return "\(path) does not hold a workspace id; restore it from a backup, or set workspace_id in the "
                + "workspace file to the id it held"
        case .cannotWrite(let path, let reason):
            return "cannot keep the workspace id in \(path): \(reason)"
        }
    }
}

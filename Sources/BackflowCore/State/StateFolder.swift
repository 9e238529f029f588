import Foundation

/// Where Backflow keeps what it remembers between syncs of SQLite sources, one folder beside the
/// workspace: `state.sqlite` (records, failures, checkpoints and leases of every mapping) and
/// `history.sqlite` (the sync logs: runs and what became of each record). PostgreSQL sources keep all
/// of it in the warehouse instead (see ``PostgresStateSchema``); the folder then holds at most the
/// workspace id of a file that declares none.
///
/// History lives in its own file so that reading it (`backflow runs`) never contends with a sync's
/// state writes, and so that deleting it never loses sync state.
public struct StateFolder: Sendable, Hashable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public var statePath: String { join("state.sqlite") }
    public var historyPath: String { join("history.sqlite") }

    private func join(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// Makes sure `folder` is a folder Backflow can use, creating it (and its parents) when missing,
    /// private to this user (0700): it holds sample payloads, which carry personal data.
    static func createFolder(_ folder: String) throws(StateError) {
        let existing = nearestExisting(folder)
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: existing, isDirectory: &isFolder)
        guard isFolder.boolValue else {
            throw .unusableFolder(
                path: existing,
                problem: "is a file, not a folder: move the file away, or set settings.state_dir to another folder")
        }
        let needed = existing == folder ? R_OK | W_OK | X_OK : W_OK | X_OK
        guard access(existing, needed) == 0 else {
            throw .unusableFolder(
                path: existing,
                problem: "cannot be used (\(String(cString: strerror(errno)))): make it readable and writable "
                    + "by this user, or set settings.state_dir to another folder")
        }
        guard existing != folder else { return }
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .unusableFolder(
                path: folder, problem: "cannot be created (\(error.localizedDescription)); set settings.state_dir")
        }
    }

    /// Creates the file at `path` empty and private to this user (0600) unless it exists, so that
    /// SQLite, which gives its log files the database's permissions, keeps them private too.
    static func createPrivateFile(_ path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 { close(descriptor) }
    }

    /// `path` if something is there, else its nearest parent that exists.
    private static func nearestExisting(_ path: String) -> String {
        var candidate = path
        while !candidate.isEmpty, candidate != "/", !FileManager.default.fileExists(atPath: candidate) {
            candidate = (candidate as NSString).deletingLastPathComponent
        }
        return candidate.isEmpty ? "." : candidate
    }
}

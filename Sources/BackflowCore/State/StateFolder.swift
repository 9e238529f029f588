import Foundation

/// Where Backflow keeps what it remembers between syncs, one folder beside the warehouse:
/// `state.sqlite` (records, failures and checkpoints of every mapping), `history.sqlite` (runs and
/// their record errors) and `locks/<state key>.lock` (one running sync per mapping).
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
    public var locksPath: String { join("locks") }

    public func lockPath(stateKey: String) -> String {
        (locksPath as NSString).appendingPathComponent(stateKey + ".lock")
    }

    private func join(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// Makes sure `folder` is a folder Backflow can use, creating it (and its parents) when missing,
    /// private to this user (0700): it holds sample payloads, which carry personal data.
    static func createFolder(_ folder: String) throws(StateError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw .unusableFolder(
                    path: folder,
                    problem: "is a file, not a folder: move the file away, or set settings.state_dir to another folder")
            }
            guard access(folder, R_OK | W_OK | X_OK) == 0 else {
                throw .unusableFolder(
                    path: folder,
                    problem: "cannot be used (\(String(cString: strerror(errno)))): make it readable and writable "
                        + "by this user, or set settings.state_dir to another folder")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .unusableFolder(path: folder, problem: "cannot be created: \(Self.reason(creating: folder))")
        }
    }

    /// Creates the file at `path` empty and private to this user (0600) unless it exists, so that
    /// SQLite, which gives its log files the database's permissions, keeps them private too.
    static func createPrivateFile(_ path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 { close(descriptor) }
    }

    /// Why `folder` cannot be created, in words: the first of its parents that is missing, is not a
    /// folder or is not writable.
    private static func reason(creating folder: String) -> String {
        var parent = (folder as NSString).deletingLastPathComponent
        while !parent.isEmpty, parent != "/" {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder) {
                guard isFolder.boolValue else { return "\(parent) is a file, not a folder" }
                guard access(parent, W_OK | X_OK) == 0 else {
                    return "\(parent) is not writable by this user (\(String(cString: strerror(errno)))); "
                        + "set settings.state_dir to a folder you can write"
                }
                break
            }
            parent = (parent as NSString).deletingLastPathComponent
        }
        return "check that its parent folder exists and is writable, or set settings.state_dir"
    }
}

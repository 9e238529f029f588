import Foundation

/// One sync of a mapping at a time, across processes: an exclusive `flock` on
/// `<state folder>/locks/<state key>.lock`, which holds the owner's process id for the message shown to
/// a second sync. The lock is released by ``release()``, when the value is released, or by the system
/// when the process ends however it ends; the file itself stays.
/// Not `Sendable`: release it from the task that acquired it.
public final class SyncLock {
    public let mapping: String
    public let path: String
    private var descriptor: Int32

    /// Takes the lock of `mapping` or fails at once with ``SyncLockError/alreadySyncing(mapping:pid:)``.
    public init(mapping: String, stateKey: String, folder: StateFolder) throws {
        guard StateKey.isValid(stateKey) else { throw StateError.invalidStateKey(stateKey) }
        try StateFolder.createFolder(folder.locksPath)
        let path = folder.lockPath(stateKey: stateKey)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SyncLockError.cannotLock(path: path, reason: Self.systemError()) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let reason = Self.systemError()
            let holder = Self.readProcessID(descriptor)
            close(descriptor)
            if busy { throw SyncLockError.alreadySyncing(mapping: mapping, pid: holder) }
            throw SyncLockError.cannotLock(path: path, reason: reason)
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pwrite(descriptor, text, text.count, 0)
        self.mapping = mapping
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        release()
    }

    /// Lets the next sync of the mapping start. Calling it again does nothing.
    public func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    private static func readProcessID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text)
    }

    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}

/// Why a sync lock could not be taken.
public enum SyncLockError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another sync of the mapping holds the lock; `pid` is its process when known.
    case alreadySyncing(mapping: String, pid: Int32?)
    case cannotLock(path: String, reason: String)

    public var description: String {
        switch self {
        case .alreadySyncing(let mapping, let pid):
            let holder = pid.map { " (pid \($0))" } ?? ""
            return "mapping '\(mapping)' is already syncing\(holder); wait for it to finish"
        case .cannotLock(let path, let reason):
            return "cannot lock \(path): \(reason)"
        }
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replaces a file's contents all at once, through a temporary file in the same folder and a rename.
public enum AtomicFileWrite {
    public static func write(_ bytes: [UInt8], to path: String) throws(WorkspaceSaveError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var template = Array((folder + "/." + url.lastPathComponent + ".XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw failure(path, "create a temporary file in \(folder)") }
        let temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var isInPlace = false
        defer {
            if !isInPlace { unlink(temporaryPath) }
        }
        do {
            defer { close(descriptor) }
            var existing = stat()
            let mode = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644
            guard fchmod(descriptor, mode) == 0 else { throw failure(path, "set the file's permissions") }
            try writeAll(bytes, to: descriptor, path: path)
            guard fsync(descriptor) == 0 else { throw failure(path, "flush to disk") }
        }
        guard rename(temporaryPath, path) == 0 else { throw failure(path, "replace the file") }
        isInPlace = true
        syncFolder(folder)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(WorkspaceSaveError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure(path, "write")
            }
            offset += written
        }
    }

    /// Makes the rename itself durable; a folder that cannot be opened or synced only loses that guarantee.
    private static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    private static func failure(_ path: String, _ step: String) -> WorkspaceSaveError {
        WorkspaceSaveError(path: path, step: step, reason: String(cString: strerror(errno)))
    }
}

/// The C library's `write`, which the enum's own `write` would otherwise shadow.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

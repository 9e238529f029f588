import Foundation

/// `sync --dry-run --out FILE`: every message the sync would send, one line each, for every mapping
/// of the sync in the order they ran. Each line is a JSON object naming the mapping and holding the
/// message exactly as Test Mapping shows it, byte for byte:
///
///     {"mapping":"Identify users","message":{"type":"identify",...}}
///
/// The message is wrapped rather than given an extra key, so that what is inside is the message
/// itself. Opened once per sync command (a second mapping must not truncate the first one's lines)
/// and written by one mapping's sync at a time.
public final class DryRunOutput: @unchecked Sendable {
    // Unchecked: the syncs of one command run one after another, so one thread at a time writes.
    public let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// The line's start for the mapping last written, kept since a sync writes one mapping's many lines.
    private var prefix: (mapping: String, bytes: [UInt8]) = ("", [])

    /// Creates (or empties) the file at `path`.
    public init(path: String) throws(DryRunOutputError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw DryRunOutputError(path: path, problem: "is a folder; name a file to write the messages to")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            throw DryRunOutputError(path: path, problem: "cannot be created: the folder \(folder) does not exist")
        }
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw DryRunOutputError(
                path: path, problem: "cannot be written: \(String(cString: strerror(errno))); choose a writable path")
        }
        self.path = path
        self.handle = handle
    }

    deinit {
        try? handle.close()
    }

    func write(_ message: [UInt8], mapping: String) throws(DryRunOutputError) {
        if prefix.mapping != mapping {
            prefix = (mapping, Array(#"{"mapping":"#.utf8) + JSONWriter.compactBytes(.string(mapping)) + Array(#","message":"#.utf8))
        }
        buffer += prefix.bytes
        buffer += message
        buffer.append(contentsOf: [UInt8(ascii: "}"), UInt8(ascii: "\n")])
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes what is buffered to the file.
    func flush() throws(DryRunOutputError) {
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw DryRunOutputError(path: path, problem: "could not be written: \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Why the dry run's output file could not be written, and what to do.
public struct DryRunOutputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let problem: String

    public var description: String { "--out \(path) \(problem)" }
}

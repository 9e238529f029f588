import Foundation

/// An NDJSON file the sink appends accepted messages to, one write per request.
final class NDJSONFile {
    let path: String
    private let handle: FileHandle

    /// Creates or truncates the file.
    init(path: String) throws(SinkConfigurationError) {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw .cannotOpenOutput(path: path, reason: "the file cannot be created (check the folder exists and is writable)")
        }
        self.handle = handle
    }

    func append(lines: [String]) throws {
        guard !lines.isEmpty else { return }
        var text = lines.joined(separator: "\n")
        text.append("\n")
        try handle.write(contentsOf: Data(text.utf8))
    }

    func close() throws {
        try handle.close()
    }
}

import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `backflow sink` as a process on a free loopback port.
final class SinkProcess {
    let process = Process()
    let port: Int

    init(_ arguments: [String]) throws {
        process.executableURL = BackflowProcess.executable
        process.arguments = ["sink", "--port", "0", "--quiet"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        port = try #require(text.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) })
    }

    /// The receiver's counters (`acceptedMessages`, `duplicateMessages`…).
    func stats() throws -> [String: Int] {
        let data = try Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/stats")!)
        let stats = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return stats.compactMapValues { $0 as? Int }
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}

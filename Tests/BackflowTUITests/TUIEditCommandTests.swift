import Foundation
import Testing

/// `backflow edit` outside a terminal: a clear refusal, not garbage on a pipe.
@Suite("TUI edit command")
struct TUIEditCommandTests {
    static let backflow = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("backflow")

    @Test func editWithoutATerminalExplainsAndExitsWithTwo() throws {
        let process = Process()
        process.executableURL = Self.backflow
        process.arguments = ["edit", "-w", TUIFixture.workspacePath]
        let errors = Pipe()
        process.standardInput = Pipe()
        process.standardOutput = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message.contains("backflow edit needs a terminal"))
    }

    @Test func demoWithoutATerminalExplainsAndCreatesNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backflow-demo-\(UUID().uuidString)").path
        let process = Process()
        process.executableURL = Self.backflow
        process.arguments = ["demo", folder]
        let errors = Pipe()
        process.standardInput = Pipe()
        process.standardOutput = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message.contains("backflow demo needs a terminal"))
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}

import Foundation
import Testing

/// `backflow edit` and `backflow demo` outside a terminal: a clear refusal, not garbage on a pipe.
@Suite("TUI edit command")
struct TUIEditCommandTests {
    static let backflow = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("backflow")

    /// Runs the binary with pipes for its input and output, as a script or CI would.
    func runWithoutTerminal(_ arguments: [String]) throws -> (status: Int32, standardError: String) {
        let process = Process()
        process.executableURL = Self.backflow
        process.arguments = arguments
        let errors = Pipe()
        process.standardInput = Pipe()
        process.standardOutput = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message)
    }

    @Test func editWithoutATerminalExplainsAndExitsWithTwo() throws {
        let outcome = try runWithoutTerminal(["edit", "-w", TUIFixture.workspacePath])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("backflow edit needs a terminal"))
    }

    @Test func demoWithoutATerminalExplainsAndCreatesNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backflow-demo-\(UUID().uuidString)").path
        let outcome = try runWithoutTerminal(["demo", folder])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("backflow demo needs a terminal"))
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}

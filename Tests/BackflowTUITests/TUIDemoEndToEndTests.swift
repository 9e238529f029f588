import Foundation
import Testing

@testable import BackflowCore

/// `backflow demo` driven in tmux from a new mapping to a finished sync in the demo's receiver.
@Suite("TUI demo end to end", .serialized)
struct TUIDemoEndToEndTests {
    static let receiverStats = URL(string: "http://127.0.0.1:8710/stats")!

    /// The demo's receiver needs port 8710; another receiver there would count other messages.
    static var portIsFree: Bool { LoopbackPort.isFree(8710) }

    @Test(.requiresTmux, .enabled(if: portIsFree, "needs a free port 8710 for the demo's receiver"))
    func aNewMappingIsTestedSavedAndSyncedIntoTheReceiver() throws {
        let session = try TmuxSession()
        defer { session.close() }
        try session.startDemo(size: "160x45")
        try session.waitFor("Destinations")

        session.send("n")
        try session.waitFor("Send to which destination?")
        session.send("Enter")
        try session.waitFor("Which model's records?")
        session.send("Enter")
        try session.waitFor("Which action?")
        session.send("Enter")
        try session.waitFor("Which records?")
        session.send("Enter")
        try session.waitFor("Mapping name: Send Identify users")
        session.send("Enter")
        try session.waitFor("T test record")

        // user_id, the form's first field, from the user_id column.
        session.send("Enter")
        try session.waitFor("Set user_id to")
        session.send("Enter")
        try session.waitFor("Column for user_id")
        session.send("Enter")
        try session.waitFor("column user_id")

        // traits, the next to last field, built from three columns.
        session.send("End")
        session.send("k")
        session.send("Enter")
        try session.waitFor("Set traits to")
        for _ in 0..<3 { session.send("j") }
        session.send("Enter")
        try session.waitFor("Keys of traits")
        for (index, (key, column)) in [("email", 2), ("first_name", 3), ("plan", 6)].enumerated() {
            for _ in 0..<index { session.send("j") }
            session.send("Enter")
            try session.waitFor("New key of traits")
            session.send(key)
            session.send("Enter")
            try session.waitFor("Set traits.\(key) to")
            session.send("Enter")
            try session.waitFor("Column for traits.\(key)")
            for _ in 0..<column { session.send("j") }
            session.send("Enter")
            try session.waitFor("\(key) ")
            try session.waitFor("Keys of traits")
        }
        session.send("Escape")
        try session.waitFor("object {email: column email, first_name:")
        try session.waitFor("\"plan\": \"free\"")
        try session.waitFor("✓ valid")

        session.send("a")
        try session.waitFor("Send Identify users added")
        session.send("3")
        try session.waitFor("Message for record usr_00001")
        try session.waitFor("\"first_name\"")
        session.send("w")
        try session.waitFor("saved")
        let saved = try WorkspaceLoader.load(path: session.demoFolder + "/backflow.yml")
        let mapping = try #require(saved.mapping(named: "Send Identify users"))
        #expect(mapping.fields["traits"] == .object([
            "email": .object(["@path": "$.properties.email"]),
            "first_name": .object(["@path": "$.properties.first_name"]),
            "plan": .object(["@path": "$.properties.plan"]),
        ]))

        session.send("4")
        try session.waitFor("Run history")
        session.send("s")
        try session.waitFor("sync finished", seconds: 60)
        let users = 2000, shown = "2,000"
        try session.waitFor("sent \(shown)  failed 0")
        try session.waitFor("#1")
        let run = session.screen().split(separator: "\n").first { $0.contains("#1") }.map {
            $0.split(separator: " ").joined(separator: " ")
        }
        // Status and age ("just now", or "8s ago" on a slow machine), then added, updated, deleted, sent, failed.
        #expect(run?.contains("Send Identify users success ") == true, "the run's row: \(run ?? "none")")
        #expect(run?.contains(" \(shown) 0 0 \(shown) 0 ") == true, "the run's row: \(run ?? "none")")
        let stats = try JSONReader.parse(String(decoding: try Data(contentsOf: Self.receiverStats), as: UTF8.self))
        #expect(stats.objectValue?["acceptedMessages"] == .integer(Int64(users)))
        let received = try String(contentsOfFile: session.demoFolder + "/received.ndjson", encoding: .utf8)
        #expect(received.split(separator: "\n").count == users)
        try session.quit()
    }
}

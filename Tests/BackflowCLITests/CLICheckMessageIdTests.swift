import Foundation
import Testing

/// `backflow check` warns about mappings whose messages can lack a messageId or share one, without
/// failing the check.
@Suite struct CLICheckMessageIdTests {
    /// A copy of the shared demo with its deliberately bad rows filtered out, so that check passes,
    /// and the `message_id` of each named mapping replaced.
    static func demo(messageIDs: [String: String]) throws -> (folder: TemporaryFolder, workspace: String) {
        let copy = try TemporaryFolder()
        try FileManager.default.removeItem(atPath: copy.path)
        try FileManager.default.copyItem(atPath: try CLIDemoTests.shared.get().path + "/demo", toPath: copy.path)
        let workspace = copy.path + "/backflow.yml"
        var text = try String(contentsOfFile: workspace, encoding: .utf8)
        text = text.replacingOccurrences(of: "SELECT * FROM users\n", with: "SELECT * FROM users WHERE user_id NOT LIKE 'usr_bad_%'\n")
        text = text.replacingOccurrences(of: "SELECT * FROM orders\n", with: "SELECT * FROM orders WHERE order_id NOT LIKE 'ord_bad_%'\n")
        for (mapping, value) in messageIDs {
            let start = try #require(text.range(of: "name: \(mapping)\n"))
            let line = try #require(text.range(of: #"message_id: {"@path": "$.messageId"}"#, range: start.upperBound..<text.endIndex))
            text.replaceSubrange(line, with: "message_id: \(value)")
        }
        try text.write(toFile: workspace, atomically: true, encoding: .utf8)
        return (copy, workspace)
    }

    @Test func theDemoGetsNoWarning() throws {
        let (folder, workspace) = try Self.demo(messageIDs: [:])
        let check = try BackflowProcess.run(["check", "-w", workspace], in: folder.path)
        #expect(check.status == 0)
        #expect(!check.standardError.contains("warning"))
    }

    @Test func aNullableColumnAndALiteralAreWarnedAboutWithoutFailingTheCheck() throws {
        let (folder, _) = try Self.demo(messageIDs: [
            "Track orders": #"{"@path": "$.properties.coupon"}"#, "Page views": "import-2024",
        ])
        let check = try BackflowProcess.run(["check", "-w", "backflow.yml"], in: folder.path)
        #expect(check.status == 0, "\(check.standardOutput)")
        #expect(check.standardOutput.contains("All 10 mappings passed."))
        let warnings = check.standardError.split(separator: "\n").filter { $0.hasPrefix("warning: backflow.yml:") }
        #expect(warnings.count == 2, "\(check.standardError)")
        #expect(warnings.contains { $0.contains(#"Track orders: message_id ({"@path":"$.properties.coupon"}) can resolve to nothing"#) })
        #expect(warnings.contains { $0.contains(#"Page views: every message carries the same message_id ("import-2024")"#) })
    }

    @Test func theJSONOutputListsTheWarnings() throws {
        let (folder, workspace) = try Self.demo(messageIDs: ["Page views": "import-2024"])
        let check = try BackflowProcess.run(["check", "-w", workspace, "--json"], in: folder.path)
        #expect(check.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(check.standardOutput.utf8)) as? [String: Any])
        let warnings = try #require(document["warnings"] as? [[String: Any]])
        #expect(warnings.map { $0["mapping"] as? String } == ["Page views"])
        #expect(warnings.first?["kind"] as? String == "same_for_every_message")
    }
}

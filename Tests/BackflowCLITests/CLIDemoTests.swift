import Foundation
import Testing

/// The headless CLI on the demo workspace, as a script or CI job uses it.
@Suite struct CLIDemoTests {
    /// One demo made with `backflow init --demo` for the whole suite; tests that edit it copy it.
    static let shared: Result<TemporaryFolder, any Error> = Result {
        let folder = try TemporaryFolder()
        let created = try BackflowProcess.run(["init", "--demo", folder.path + "/demo"])
        guard created.status == 0 else { throw InitFailed(output: created.standardError) }
        return folder
    }

    struct InitFailed: Error {
        let output: String
    }

    let folder: TemporaryFolder
    let workspace: String

    init() throws {
        folder = try Self.shared.get()
        workspace = folder.path + "/demo/backflow.yml"
    }

    @Test func checkReportsTheBadRowsWithSegmentsTextsAndExitsOne() throws {
        let check = try BackflowProcess.run(["check", "-w", workspace])
        #expect(check.status == 1)
        for expected in [
            "usr_bad_01  location  Latitude must be a number but it was a string.",
            "ord_bad_01         Either `Anonymous ID` or `User ID` must be defined.",
            "usr_bad_02  timestamp  Timestamp must be a valid date-like string but it was not.",
            "usr_bad_04  phone  A valid `Phone` must be defined for `Sms_Subscription` or `Whatsapp_Subscription`.",
        ] {
            #expect(check.standardOutput.contains(expected), "missing: \(expected)")
        }
        #expect(check.standardOutput.contains("5 of 10 mappings have failing records."))
        #expect(!check.standardOutput.contains("\u{1B}["))
    }

    @Test func checkJSONNamesEachFailedRecordAndField() throws {
        let check = try BackflowProcess.run(["check", "-w", workspace, "--json", "--mapping", "Subscriptions"])
        #expect(check.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(check.standardOutput.utf8)) as? [String: Any])
        #expect(document["ok"] as? Bool == false)
        let mapping = try #require((document["mappings"] as? [[String: Any]])?.first)
        #expect(mapping["checked"] as? Int == 2_000)
        let failures = try #require(mapping["failures"] as? [[String: Any]])
        #expect(failures.compactMap { $0["record"] as? String } == ["usr_bad_03", "usr_bad_04"])
    }

    @Test func initCreatesTheWorkspaceAndTheWarehouse() throws {
        #expect(FileManager.default.fileExists(atPath: workspace))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/demo/warehouse.sqlite"))
        let again = try BackflowProcess.run(["init", "--demo", folder.path + "/demo"])
        #expect(again.status == 2)
        #expect(again.standardError.contains("already exists; pass --force to replace it"))
    }

    @Test func checkPassesOnceTheBadRowsAreFilteredOut() throws {
        let copy = try TemporaryFolder()
        try FileManager.default.removeItem(atPath: copy.path)
        try FileManager.default.copyItem(atPath: folder.path + "/demo", toPath: copy.path)
        let workspace = copy.path + "/backflow.yml"
        var text = try String(contentsOfFile: workspace, encoding: .utf8)
        text = text.replacingOccurrences(of: "SELECT * FROM users\n", with: "SELECT * FROM users WHERE user_id NOT LIKE 'usr_bad_%'\n")
        text = text.replacingOccurrences(of: "SELECT * FROM orders\n", with: "SELECT * FROM orders WHERE order_id NOT LIKE 'ord_bad_%'\n")
        try text.write(toFile: workspace, atomically: true, encoding: .utf8)
        let check = try BackflowProcess.run(["check", "-w", workspace])
        #expect(check.status == 0, "\(check.standardOutput)")
        #expect(check.standardOutput.contains("All 10 mappings passed."))
    }

    @Test func previewPrintsTheExactMessage() throws {
        let preview = try BackflowProcess.run(["preview", "Track orders", "--json"], in: folder.path + "/demo")
        #expect(preview.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(preview.standardOutput.utf8)) as? [String: Any])
        let message = try #require(document["message"] as? [String: Any])
        #expect(message["type"] as? String == "track")
        #expect(message["event"] as? String == "Order Completed")
        #expect((message["messageId"] as? String)?.hasPrefix("bf-") == true)
    }

    @Test func previewOfABadRecordShowsItsProblemAndExitsOne() throws {
        let preview = try BackflowProcess.run(["preview", "Identify users", "--record", "usr_bad_01", "-w", workspace])
        #expect(preview.status == 1)
        #expect(preview.standardOutput.contains("✗ location: Latitude must be a number but it was a string."))
    }

    @Test func previewOfAnUnknownMappingSuggestsTheClosestName() throws {
        let preview = try BackflowProcess.run(["preview", "Identify user", "-w", workspace])
        #expect(preview.status == 2)
        #expect(preview.standardError.contains("no mapping named \"Identify user\"; did you mean \"Identify users\"?"))
    }

    @Test func browsingCommandsListModelsColumnsAndRows() throws {
        let models = try BackflowProcess.run(["models", "-w", workspace])
        #expect(models.standardOutput.contains("users        warehouse  user_id"))
        let columns = try BackflowProcess.run(["columns", "users", "-w", workspace, "--json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(columns.standardOutput.utf8)) as? [[String: Any]])
        #expect(list.first?["name"] as? String == "user_id")
        #expect(list.first?["is_id"] as? Bool == true)
        let rows = try BackflowProcess.run(["rows", "orders", "-w", workspace, "--limit", "3", "--json"])
        let records = try #require(try JSONSerialization.jsonObject(with: Data(rows.standardOutput.utf8)) as? [[String: Any]])
        #expect(records.count == 3)
    }

    @Test func aWriteKeyInTheEnvironmentIsNeverPrinted() throws {
        let secret = "wk_live_9f8e7d6c5b4a3f2e1d0c"
        let environment = ["BACKFLOW_DEMO_WRITE_KEY": secret, "BACKFLOW_DEMO_PROFILES_WRITE_KEY": secret]
        for arguments in [["check"], ["preview", "Identify users"], ["models"], ["check", "--json"]] {
            let outcome = try BackflowProcess.run(arguments + ["-w", workspace], environment: environment)
            #expect(!outcome.standardOutput.contains(secret) && !outcome.standardError.contains(secret))
        }
    }
}

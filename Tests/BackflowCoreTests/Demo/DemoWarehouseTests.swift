import Foundation
import Testing

@testable import BackflowCore

@Suite struct DemoWarehouseTests {
    /// A demo warehouse written once into a fresh temporary directory.
    final class Demo {
        let directory: URL
        let summary: DemoWarehouseSummary

        init() throws {
            directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("backflow-demo-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            summary = try DemoWarehouse.create(at: directory.appendingPathComponent("demo.sqlite").path)
        }

        deinit {
            try? FileManager.default.removeItem(at: directory)
        }

        func warehouse() throws -> SQLiteWarehouse {
            try SQLiteWarehouse(path: summary.path)
        }

        func model(_ table: String) throws -> ModelDefinition {
            try #require(DemoWarehouse.models(sourceName: "demo").first { $0.name == table })
        }

        /// Every table's rows as compact JSON, in table and row order.
        func contents() throws -> [String] {
            let warehouse = try warehouse()
            var lines: [String] = []
            for model in try DemoWarehouse.models(sourceName: "demo") {
                try warehouse.forEachRecord(
                    of: model, problem: { Issue.record("unexpected problem \($0)") },
                    record: { lines.append(JSONWriter.compact(.object($0.columns))) })
            }
            return lines
        }
    }

    @Test func summaryCountsEveryTable() throws {
        let demo = try Demo()
        #expect(demo.summary.tables == [
            DemoTableSummary(name: "accounts", rowCount: 300), DemoTableSummary(name: "users", rowCount: 2_000),
            DemoTableSummary(name: "orders", rowCount: 3_500), DemoTableSummary(name: "page_views", rowCount: 1_000),
            DemoTableSummary(name: "app_screens", rowCount: 500),
        ])
        for table in demo.summary.tables {
            #expect(try demo.warehouse().count(of: demo.model(table.name)) == table.rowCount)
        }
    }

    @Test func twoCreationsWriteIdenticalContents() throws {
        let first = try Demo()
        let second = try Demo()
        let contents = try first.contents()
        #expect(contents.count == 7_300)
        #expect(contents == (try second.contents()))
    }

    @Test func usersColumnsHaveTheDocumentedTypes() throws {
        let demo = try Demo()
        let columns = try demo.warehouse().columns(of: demo.model("users"))
        #expect(columns.map(\.name) == [
            "user_id", "anonymous_id", "email", "first_name", "last_name", "phone", "plan", "account_id", "city",
            "country", "latitude", "longitude", "created_at", "updated_at", "lifetime_value", "is_active",
            "email_status", "sms_status", "marketing_groups", "ios_push_token", "android_push_token", "locale",
            "timezone", "app_version", "device_type", "user_agent", "page_url", "attributes",
        ])
        let kinds = Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0.kind) })
        #expect(kinds["latitude"] == .real)
        #expect(kinds["created_at"] == .timestamp)
        #expect(kinds["is_active"] == .boolean)
        #expect(kinds["marketing_groups"] == .json)
        #expect(kinds["user_id"] == .text)
    }

    @Test func everyBadRecordExistsInItsTable() throws {
        let demo = try Demo()
        let warehouse = try demo.warehouse()
        #expect(DemoWarehouse.deliberatelyBadRecords.count == 6)
        for bad in DemoWarehouse.deliberatelyBadRecords {
            #expect(try warehouse.record(of: demo.model(bad.table), id: bad.id) != nil, "\(bad.id)")
        }
    }

    @Test func badRecordsCarryTheirFault() throws {
        let demo = try Demo()
        let warehouse = try demo.warehouse()
        let users = try demo.model("users")
        let orders = try demo.model("orders")
        #expect(try warehouse.record(of: users, id: "usr_bad_01")?.columns["latitude"] == "north")
        #expect(try warehouse.record(of: users, id: "usr_bad_02")?.columns["created_at"] == "not a date")
        let unreachable = try #require(try warehouse.record(of: users, id: "usr_bad_03")).columns
        #expect(["email", "phone", "ios_push_token", "android_push_token"].allSatisfy { unreachable[$0] == .null })
        #expect(unreachable["email_status"] == "subscribed")
        let smsWithoutPhone = try #require(try warehouse.record(of: users, id: "usr_bad_04")).columns
        #expect(smsWithoutPhone["phone"] == .null && smsWithoutPhone["sms_status"] == "subscribed")
        let orphaned = try #require(try warehouse.record(of: orders, id: "ord_bad_01")).columns
        #expect(orphaned["user_id"] == .null && orphaned["anonymous_id"] == .null)
        let notes = try #require(try warehouse.record(of: orders, id: "ord_bad_02")?.columns["notes"]?.stringValue)
        #expect(notes.utf8.count > 32 * 1024)
    }

    @Test func badRowsAppearInTheTenRowPreview() throws {
        let demo = try Demo()
        for table in ["users", "orders"] {
            let ids = try demo.warehouse().preview(of: demo.model(table)).records.map(\.id)
            let bad = DemoWarehouse.deliberatelyBadRecords.filter { $0.table == table }.map(\.id)
            #expect(bad.allSatisfy(ids.contains), "\(table): \(ids)")
        }
    }

    @Test func goodUsersHaveAnAddressForEverySubscription() throws {
        let demo = try Demo()
        let bad = Set(DemoWarehouse.deliberatelyBadRecords.map(\.id))
        try demo.warehouse().forEachRecord(of: demo.model("users"), problem: { _ in }) { user in
            guard !bad.contains(user.id) else { return }
            let columns = user.columns
            #expect(columns["email"]?.isTruthy == true, "\(user.id)")
            #expect(columns["latitude"]?.typeName == "number", "\(user.id)")
            if columns["sms_status"] != .null { #expect(columns["phone"]?.isTruthy == true, "\(user.id)") }
            if columns["email_status"] == "" {
                #expect(columns["sms_status"]?.isTruthy == true, "\(user.id)")
                #expect(columns["marketing_groups"] == .null, "\(user.id)")
            }
        }
    }

    @Test func jsonColumnsHoldJSONText() throws {
        let demo = try Demo()
        let order = try #require(try demo.warehouse().record(of: demo.model("orders"), id: "ord_00001"))
        let items = try JSONReader.parse(#require(order.columns["items"]?.stringValue))
        #expect(items.arrayValue?.first?.objectValue?.keys == ["sku", "name", "price", "quantity"])
        let user = try #require(try demo.warehouse().record(of: demo.model("users"), id: "usr_00001"))
        #expect(try JSONReader.parse(#require(user.columns["attributes"]?.stringValue)).objectValue != nil)
    }

    @Test func existingFileIsNeverOverwritten() throws {
        let demo = try Demo()
        #expect(throws: DemoWarehouseError.fileExists(path: demo.summary.path)) {
            try DemoWarehouse.create(at: demo.summary.path)
        }
        #expect(try demo.warehouse().count(of: demo.model("users")) == 2_000)
    }
}

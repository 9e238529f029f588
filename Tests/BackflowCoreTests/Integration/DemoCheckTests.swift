import Testing
@testable import BackflowCore

/// `backflow check` on the demo: the deliberately bad rows, and only they, fail with Segment's texts.
@Suite struct DemoCheckTests {
    struct Failure: Hashable, CustomStringConvertible {
        let mapping: String
        let record: String
        let field: String?
        let message: String
        var description: String { "\(mapping) \(record) \(field ?? "-") \(message)" }
    }

    static let expectedFailures: Set<Failure> = [
        Failure(mapping: "Identify users", record: "usr_bad_01", field: "location",
                message: "Latitude must be a number but it was a string."),
        Failure(mapping: "Track orders", record: "ord_bad_01", field: nil,
                message: "Either `Anonymous ID` or `User ID` must be defined."),
        Failure(mapping: "Track orders", record: "ord_bad_02", field: nil,
                message: "The message is 40501 bytes; the Tracking API accepts at most 32 KB (32768 bytes) per message."),
        Failure(mapping: "Profiles identify users", record: "usr_bad_02", field: "timestamp",
                message: "Timestamp must be a valid date-like string but it was not."),
        Failure(mapping: "Profiles track orders", record: "ord_bad_01", field: nil,
                message: "Either `Anonymous ID` or `User ID` must be defined."),
        Failure(mapping: "Subscriptions", record: "usr_bad_03", field: nil,
                message: "Either `Email` or `Phone` or `Android_Push_Token` or `Ios_Push_Token` must be defined."),
        Failure(mapping: "Subscriptions", record: "usr_bad_04", field: "phone",
                message: "A valid `Phone` must be defined for `Sms_Subscription` or `Whatsapp_Subscription`."),
    ]

    static func failures(in session: WorkspaceSession) throws -> (Set<Failure>, [MappingCheckReport]) {
        var failures = Set<Failure>()
        var reports: [MappingCheckReport] = []
        for mapping in try session.mappings(enabledOnly: true) {
            let report = try MappingCheck.run(mapping, in: try session.warehouse(for: mapping.model))
            reports.append(report)
            for failure in report.failures {
                for problem in failure.problems {
                    failures.insert(Failure(mapping: mapping.name, record: failure.recordID, field: problem.field, message: problem.message))
                }
            }
        }
        return (failures, reports)
    }

    @Test func reportsEveryDeliberatelyBadRowByIdAndFieldWithSegmentsText() throws {
        let fixture = try DemoWorkspaceFixture()
        let (failures, reports) = try Self.failures(in: try fixture.session())
        #expect(failures == Self.expectedFailures)
        #expect(reports.allSatisfy { $0.discarded.isEmpty })
        #expect(reports.first { $0.mapping == "Track orders" }?.checked == 3_500)
    }

    @Test func everyBadRecordTheDemoDocumentsIsCaught() throws {
        let documented = Set(DemoWarehouse.deliberatelyBadRecords.map(\.id))
        #expect(Set(Self.expectedFailures.map(\.record)) == documented)
    }

    @Test func filteringTheBadRowsOutOfTheModelsLeavesNothingToReport() throws {
        let fixture = try DemoWorkspaceFixture()
        try fixture.editWorkspace { text in
            text.replacingOccurrences(of: "SELECT * FROM users\n", with: "SELECT * FROM users WHERE user_id NOT LIKE 'usr_bad_%'\n")
                .replacingOccurrences(of: "SELECT * FROM orders\n", with: "SELECT * FROM orders WHERE order_id NOT LIKE 'ord_bad_%'\n")
        }
        let (failures, reports) = try Self.failures(in: try fixture.session())
        #expect(failures.isEmpty)
        #expect(reports.allSatisfy { $0.isClean })
    }

    @Test func sampleLimitsHowManyRecordsAreTested() throws {
        let fixture = try DemoWorkspaceFixture()
        let session = try fixture.session()
        let mapping = try session.mapping(named: "Identify users")
        let report = try MappingCheck.run(mapping, in: try session.warehouse(for: mapping.model), limit: 5)
        #expect(report.checked == 5)
        #expect(report.failures.map(\.recordID) == ["usr_bad_01"])
    }
}

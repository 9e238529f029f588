@testable import BackflowCore

/// Finished runs of one mapping, as the run history hands them to alerts.
enum AlertRunFixture {
    static let mapping = MappingConfig(
        id: "map_identify", name: "Identify users", destination: "connections", model: "users", action: "sendIdentify")

    static func run(
        _ status: SyncRunStatus, id: Int64 = 7, delivered: Int = 0, failed: Int = 0, expired: Int = 0,
        error: String? = nil, code: FailureCode? = nil, interrupted: Bool = false
    ) -> SyncRun {
        SyncRun(
            id: id, mapping: mapping.name, status: status, startedAt: 1_780_000_000, finishedAt: 1_780_000_042,
            counts: ChangeCounts(extracted: delivered + failed, added: delivered + failed), delivered: delivered,
            failed: failed, expired: expired, error: error, errorCode: code, interrupted: interrupted)
    }

    static let success = run(.success, delivered: 100)
    static let partial = run(.partial, delivered: 97, failed: 3)
    static let mostlyFailing = run(.partial, delivered: 40, failed: 60)
    static let failed = run(.failed, error: "Segment refused the write key (HTTP 401)", code: .unauthorized)
    static let nothingToSend = run(.success)
}

import Foundation
import Testing

@testable import BackflowCore

@Suite("State large scan")
struct StateLargeScanTests {
    static let rows = 50_000

    @Test func scansAndRescansManyRowsStreaming() throws {
        let fixture = try StateFixture(customers: Self.rows)
        let tracker = try fixture.tracker()
        var acknowledged: [AcknowledgedChange] = []
        var added = 0
        let counts = try tracker.scanChanges(of: fixture.model(), stateKey: "big", problem: { _ in }) { item in
            added += 1
            acknowledged.append(
                AcknowledgedChange(item))
            if acknowledged.count == 10_000 {
                try tracker.acknowledge(acknowledged, stateKey: "big")
                acknowledged.removeAll(keepingCapacity: true)
            }
        }
        try tracker.acknowledge(acknowledged, stateKey: "big")
        #expect(added == Self.rows)
        #expect(counts.added == Self.rows)
        try fixture.write(["UPDATE customers SET score = -1 WHERE id % 1000 = 0", "DELETE FROM customers WHERE id = 7"])
        let second = try tracker.scan(fixture.model(), key: "big")
        #expect(
            second.counts
                == ChangeCounts(extracted: Self.rows / 1000 + 1, added: 0, updated: Self.rows / 1000, deleted: 1))
    }
}

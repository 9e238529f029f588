import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// Runs you can read: an open run's header, its failed records grouped by reason, the running state
/// and age on the overview, the live retry state, and statuses in the colour of what they mean.
@Suite("TUI run details")
struct TUIRunDetailsTests {
    static let missingEvent = "The root value is missing the required field 'event'."
    static let badEmail = "The value at /properties/email is not a valid email."

    /// A failed run of Track orders: three records missing `event`, one with a bad email.
    static func failures() -> RunFailures {
        let reasons = [missingEvent, badEmail, missingEvent, missingEvent]
        return RunFailures(runID: 2, errors: reasons.enumerated().map { index, reason in
            RunRecordError(
                runID: 2, recordID: "ord_00\(index + 1)", change: .added, reason: reason, code: .validation,
                samplePayload: .object(["orderId": .string("ord_00\(index + 1)"), "type": .string("track")]))
        })
    }

    static func partialRun() -> SyncRun {
        var run = SyncRun(
            id: 2, mapping: "Track orders", status: .partial, startedAt: TUIFixture.runStart,
            finishedAt: TUIFixture.runStart + 125, counts: ChangeCounts(extracted: 1_204, added: 1_200, updated: 4),
            delivered: 1_200, failed: 4, expired: 0, error: nil, interrupted: false)
        run.host = "etl-1"
        return run
    }

    /// The Syncs screen with the partial run open (Enter on it in the runs list).
    static func openRun() throws -> AppState {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("4")))
        let run = partialRun()
        _ = state.update(.historyLoaded(runs: [run], lastRuns: ["Track orders": run]))
        _ = state.update(.key(.character("o")))
        #expect(state.update(.key(.enter)) == [.loadRunFailures(runID: 2)])
        _ = state.update(.runFailuresLoaded(.loaded(failures())))
        return state
    }

    @Test func failedRecordsAreGroupedByReasonLargestFirstWithTheirCounts() {
        let groups = Self.failures().groups
        #expect(groups.map(\.reason) == [Self.missingEvent, Self.badEmail])
        #expect(groups.map(\.records) == [[0, 2, 3], [1]])
    }

    @Test func anOpenRunHasAHeaderWithStatusStartDurationHostAndCounts() throws {
        let grid = AppView.render(try Self.openRun(), width: 120, height: 36)
        #expect(grid.text.contains("#2 Track orders  partial  started 2023-11-14 22:13:20  took 2m05s  on etl-1"))
        #expect(grid.text.contains("+1,200 ~4 -0  sent 1,200  failed 4  skipped 0"))
        #expect(grid.role(of: "partial  started") == .warning)
        #expect(grid.text.contains("▸ 3 × \(Self.missingEvent) (validation)"))
        #expect(grid.text.contains("▸ 1 × \(Self.badEmail) (validation)"))
        #expect(!grid.text.contains("ord_003 (new)"))
    }

    @Test func enterOnAGroupListsItsRecordsAndAgainHidesThem() throws {
        var state = try Self.openRun()
        #expect(state.syncs.failureRows == [.group(0), .group(1)])
        #expect(state.update(.key(.enter)).isEmpty)
        #expect(state.syncs.failureRows == [.group(0), .record(group: 0, error: 0), .record(group: 0, error: 2),
            .record(group: 0, error: 3), .group(1)])
        let grid = AppView.render(state, width: 120, height: 36)
        #expect(grid.text.contains("▾ 3 × \(Self.missingEvent)"))
        #expect(grid.text.contains("    ord_003 (new)"))
        _ = state.update(.key(.enter))
        #expect(state.syncs.failureRows == [.group(0), .group(1)])
    }

    @Test func thePayloadShownIsTheSelectedRecordsOrTheSelectedGroupsFirst() throws {
        var state = try Self.openRun()
        #expect(state.syncs.selectedFailureRecord?.recordID == "ord_001")
        _ = state.update(.key(.character("j")))
        #expect(state.syncs.selectedFailureRecord?.recordID == "ord_002")
        _ = state.update(.key(.character("k")))
        _ = state.update(.key(.enter))
        for _ in 0..<3 { _ = state.update(.key(.character("j"))) }
        #expect(state.syncs.selectedFailureRecord?.recordID == "ord_004")
        #expect(AppView.render(state, width: 120, height: 36).text.contains("Record ord_004: sample payload"))
    }

    @Test func aRunThatFailedAsAWholeSaysWhyInItsHeader() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("4")))
        let run = TUIFixture.run(
            id: 5, mapping: "Identify users", status: .failed, added: 0, delivered: 0, failed: 0,
            error: TUIRunFailureTests.noWriteKey, errorCode: .noWriteKey)
        _ = state.update(.historyLoaded(runs: [run], lastRuns: ["Identify users": run]))
        _ = state.update(.key(.character("o")))
        _ = state.update(.key(.enter))
        _ = state.update(.runFailuresLoaded(.loaded(RunFailures(runID: 5, errors: []))))
        let grid = AppView.render(state, width: 120, height: 36)
        #expect(grid.text.contains("#5 Identify users  failed  started 2023-11-14 22:13:20  took 4s"))
        #expect(grid.text.contains("Run failed [no_write_key]: the environment variable TUI_TEST_WRITE_KEY"))
        #expect(!grid.text.contains("no failed records"))
    }

    @Test func theRunHistoryShowsEachStatusWithItsAgeInTheColourOfWhatItMeans() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("4")))
        let runs = [
            TUIFixture.run(id: 3, mapping: "Identify users", status: .success, added: 2, delivered: 2, failed: 0),
            Self.partialRun(),
            TUIFixture.run(id: 1, mapping: "Archive users", status: .failed, added: 2, delivered: 0, failed: 2),
        ]
        _ = state.update(.historyLoaded(runs: runs, lastRuns: [:]))
        let grid = AppView.render(state, width: 120, height: 36)
        #expect(grid.role(of: "success 3m ago") == .success)
        #expect(grid.role(of: "partial 59s ago") == .warning)
        #expect(grid.role(of: "failed 3m ago") == .error)
    }

    @Test func theOverviewShowsAMappingRunningNowAndTheAgeOfTheOthersLastRun() throws {
        var state = try TUIFixture.state()
        state.lastRuns["Track orders"] = Self.partialRun()
        _ = state.update(.key(.character("G")))
        _ = state.startSync(.sync(["Identify users"]))
        var progress = SyncProgress(mapping: "Identify users")
        progress.phase = .extracting
        progress.elapsed = 12
        _ = state.update(.sync(.progress(progress)))
        let grid = AppView.render(state, width: 120, height: 36)
        #expect(grid.role(of: "running 12s") == .key)
        #expect(grid.role(of: "partial 59s ago") == .warning)
        _ = state.update(.clockTicked(TUIFixture.runStart + 3 * 3_600))
        #expect(AppView.render(state, width: 120, height: 36).text.contains("partial 2h ago"))
    }

    @Test func retriesShowTheRefusingAnswerAndItsCountWhileTheBackOffLasts() throws {
        var state = try TUIFixture.state()
        _ = state.update(.key(.character("4")))
        _ = state.startSync(.sync(["Identify users"]))
        for _ in 0..<64 {
            _ = state.update(.sync(.retrying(mapping: "Identify users", DeliveryRetry(
                messageCount: 10, attempt: 1, status: 503, reason: "HTTP 503", delay: .seconds(2)))))
        }
        _ = state.update(.sync(.retrying(mapping: "Identify users", DeliveryRetry(
            messageCount: 10, attempt: 2, status: nil, reason: "no answer: reset", delay: .seconds(2)))))
        var progress = SyncProgress(mapping: "Identify users")
        progress.phase = .extracting
        progress.elapsed = 3
        progress.backOffEnds = 5
        _ = state.update(.sync(.progress(progress)))
        var grid = AppView.render(state, width: 120, height: 36)
        #expect(grid.text.contains("503 ×64, no answer ×1, retrying"))
        #expect(grid.role(of: "503 ×64") == .warning)
        progress.elapsed = 6
        progress.delivered = 10
        _ = state.update(.sync(.progress(progress)))
        grid = AppView.render(state, width: 120, height: 36)
        #expect(grid.text.contains("503 ×64, no answer ×1"))
        #expect(!grid.text.contains("retrying"))
        #expect(grid.role(of: "503 ×64") == .muted)
    }

    @Test func aNewSyncStartsItsRetryCountAfresh() throws {
        var state = try TUIFixture.state()
        _ = state.startSync(.sync(["Identify users"]))
        _ = state.update(.sync(.retrying(mapping: "Identify users", DeliveryRetry(
            messageCount: 1, attempt: 1, status: 429, reason: "HTTP 429", delay: .seconds(1)))))
        #expect(state.syncs.retries["Identify users"]?.summary == "429 ×1")
        _ = state.update(.syncEnded)
        _ = state.startSync(.sync(["Identify users"]))
        #expect(state.syncs.retries.isEmpty)
    }
}

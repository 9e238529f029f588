import Foundation
import Testing

@testable import BackflowCore

/// A run's counts follow its commits, so that a run that never finishes keeps them; a damaged
/// history is replaced rather than stopping anything.
@Suite("State run progress")
struct StateRunProgressTests {
    static let deadProcess: Int32 = 999_999

    private func history(_ fixture: StateFixture, processID: Int32 = getpid()) throws -> SQLiteRunHistory {
        try SQLiteRunHistory(
            path: fixture.folder.historyPath, clock: { [unowned fixture] in fixture.now }, processID: processID,
            isProcessAlive: { $0 != Self.deadProcess })
    }

    @Test func aKilledRunIsFinalisedWithTheCountsOfItsLastProgress() throws {
        let fixture = try StateFixture()
        let killed = try history(fixture, processID: Self.deadProcess)
        let id = try killed.start(mapping: "A", leaseToken: nil)
        let progress = SyncRunOutcome(counts: ChangeCounts(extracted: 900, added: 900), delivered: 800, failed: 3)
        try killed.recordProgress(id, outcome: progress)

        let next = try history(fixture)
        _ = try next.start(mapping: "B", leaseToken: nil)
        let stored = try #require(try next.run(id: id))
        #expect(stored.interrupted && stored.status == .failed)
        #expect(stored.counts == progress.counts)
        #expect([stored.delivered, stored.failed] as [Int] == [800, 3])
    }

    @Test func progressNeverOverwritesAFinishedRun() throws {
        let fixture = try StateFixture()
        let history = try history(fixture)
        let id = try history.start(mapping: "A", leaseToken: nil)
        try history.finish(id, outcome: SyncRunOutcome(delivered: 10))
        try history.recordProgress(id, outcome: SyncRunOutcome(delivered: 3))
        #expect(try history.run(id: id)?.delivered == 10)
    }

    @Test func anInterruptedOutcomeIsStoredAsInterrupted() throws {
        let fixture = try StateFixture()
        let history = try history(fixture)
        let id = try history.start(mapping: "A", leaseToken: nil)
        let run = try #require(
            try history.finish(
                id,
                outcome: SyncRunOutcome(
                    delivered: 5, error: SyncRunOutcome.interruptedReason("SIGTERM"), interrupted: true)))
        #expect(run.statusText == "failed (interrupted)")
        #expect(run.delivered == 5)
        #expect(run.error == "interrupted by SIGTERM: what was delivered is kept; the next sync sends the rest")
    }

    @Test func aDamagedHistoryIsMovedAsideAndANewOneStarted() throws {
        let fixture = try StateFixture()
        try FileManager.default.createDirectory(atPath: fixture.folder.path, withIntermediateDirectories: true)
        let damaged = String(repeating: "garbage ", count: 512)
        try damaged.write(toFile: fixture.folder.historyPath, atomically: true, encoding: .utf8)
        let history = try history(fixture)
        let aside = try #require(history.replacedDamagedFile)
        #expect(aside == fixture.folder.historyPath + ".corrupt-" + Self.stamp(fixture.now))
        #expect(try String(contentsOfFile: aside, encoding: .utf8) == damaged)
        let id = try history.start(mapping: "A", leaseToken: nil)
        #expect(try history.run(id: id)?.status == .running)
        #expect(try self.history(fixture).replacedDamagedFile == nil)
    }

    @Test func aDamagedStateIsReportedNotStartedOver() throws {
        let fixture = try StateFixture()
        try FileManager.default.createDirectory(atPath: fixture.folder.path, withIntermediateDirectories: true)
        try String(repeating: "garbage ", count: 512).write(
            toFile: fixture.folder.statePath, atomically: true, encoding: .utf8)
        #expect {
            try fixture.tracker()
        } throws: { error in
            guard case .damaged(let path, _) = error as? StateError else { return false }
            return path == fixture.folder.statePath
        }
    }

    @Test func aStateFolderThatIsAFileIsNamedAsSuch() throws {
        let fixture = try StateFixture()
        try FileManager.default.createDirectory(
            atPath: (fixture.folder.path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "".write(toFile: fixture.folder.path, atomically: true, encoding: .utf8)
        #expect(throws: StateError.unusableFolder(
            path: fixture.folder.path,
            problem: "is a file, not a folder: move the file away, or set settings.state_dir to another folder")) {
            try history(fixture)
        }
    }

    private static func stamp(_ time: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date(timeIntervalSince1970: time))
    }
}

import BackflowSink
import Foundation
import Testing
@testable import BackflowCore

/// Syncs stopped before they are done — on request, or by a state that can no longer be written —
/// record what really happened and send nothing they cannot remember.
@Suite struct SyncInterruptionTests {
    static func smallBatches() -> SyncOptions {
        var options = SyncOptions()
        options.batchLimits = BatchLimits(maximumMessageBytes: 32_768, maximumBodyBytes: 500_000, maximumMessages: 20)
        return options
    }

    @Test func aStopRequestedMidSyncRecordsTheRunAsInterruptedWithTheReceiversCount() async throws {
        let fixture = try await SyncFixture(users: 3_000, faults: SinkFaults(slowMilliseconds: 5))
        let session = try fixture.session([SyncFixture.Mapping()])
        let options = Self.smallBatches()
        let interruption = options.interruption
        let stopped = await fixture.engine(session).sync(try session.mapping(named: "Identify users"), options: options) {
            if case .progress(let progress) = $0, progress.delivered >= 300 { interruption.request(cause: "a test") }
        }
        let received = await fixture.received().count
        #expect(stopped.interrupted)
        #expect(stopped.error == SyncRunOutcome.interruptedReason("a test"))
        let run = try #require(stopped.run)
        #expect(run.interrupted && run.status == .failed)
        #expect(run.delivered == received)
        #expect(received >= 300 && received < 3_000)

        let resumed = try await fixture.sync(session, "Identify users")
        #expect(resumed.progress.delivered == 3_000 - received)
        #expect(await fixture.received().count == 3_000)
        try await fixture.stop()
    }

    @Test func aStopRequestedBeforeTheNextMappingLeavesItUnstarted() async throws {
        let fixture = try await SyncFixture(users: 50)
        var second = SyncFixture.Mapping()
        second.name = "Identify again"
        let session = try fixture.session([SyncFixture.Mapping(), second])
        let options = SyncOptions()
        let interruption = options.interruption
        let results = await fixture.engine(session).sync(try session.mappings(enabledOnly: true), options: options) {
            if case .finished = $0 { interruption.request(cause: "a test") }
        }
        #expect(results.map(\.mapping) == ["Identify users"])
        #expect(results.first?.succeeded == true)
        try await fixture.stop()
    }

    @Test func aDryRunOfTwoMappingsWritesEveryMessageOfBothNamedByMapping() async throws {
        let fixture = try await SyncFixture(users: 30)
        var second = SyncFixture.Mapping()
        second.name = "Identify again"
        let session = try fixture.session([SyncFixture.Mapping(), second])
        var options = SyncOptions()
        options.dryRun = true
        options.dryRunOutput = fixture.folder + "/dry.ndjson"
        _ = await fixture.engine(session).sync(try session.mappings(enabledOnly: true), options: options) { _ in }
        let lines = try String(contentsOfFile: fixture.folder + "/dry.ndjson", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 60)
        let mappings = lines.compactMap { try? JSONReader.parse(String($0)).objectValue?["mapping"]?.stringValue }
        #expect(mappings == Array(repeating: "Identify users", count: 30) + Array(repeating: "Identify again", count: 30))

        // The message inside is Test Mapping's, untouched (its id aside, which follows the change).
        let mapping = try session.mapping(named: "Identify users")
        var tested = try #require(mapping.test(try session.testRecord(for: mapping, id: "u1")).message)
        let line = String(try #require(lines.first { $0.contains(#""userId":"u1""#) }))
        let prefix = #"{"mapping":"Identify users","message":"#
        #expect(line.hasPrefix(prefix) && line.hasSuffix("}"))
        var written = try #require(try JSONReader.parse(String(line.dropFirst(prefix.count).dropLast())).objectValue)
        #expect(written["messageId"] != nil)
        tested["messageId"] = nil
        written["messageId"] = nil
        #expect(written == tested)
        try await fixture.stop()
    }

    @Test(.enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
    func aStateCommitThatFailsStopsDeliveryAtOnce() async throws {
        let fixture = try await SyncFixture(users: 100_000)
        let disk = try SmallDisk(bytes: 512 * 1024)
        defer { disk.unmount() }
        _ = try fixture.session([SyncFixture.Mapping()])
        try ("settings:\n  state_dir: " + disk.path + "\n").appendLine(toFile: fixture.folder + "/backflow.yml")
        let session = try WorkspaceSession.open(path: fixture.folder + "/backflow.yml")
        var options = SyncOptions()
        options.batchLimits = BatchLimits(maximumMessageBytes: 32_768, maximumBodyBytes: 500_000, maximumMessages: 500)
        let result = try await fixture.sync(session, "Identify users", options: options)
        let error = try #require(result.error)
        #expect(error.contains("database or disk is full"))
        #expect(error.contains("Free some space on its disk and sync again"))
        let received = await fixture.received().count
        // Without the stop, the scan went on sending the whole model after the first failed commit.
        #expect(received < 100_000 / 2)
        #expect(result.progress.sent - received <= options.maximumInFlight * 3 * 500)
        try await fixture.stop()
    }
}

/// A tmpfs of a few hundred kilobytes, to fill up as a full disk would.
private struct SmallDisk {
    let path: String

    init(bytes: Int) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("backflow-disk-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=\(bytes)", "tmpfs", path]
        try mount.run()
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    func unmount() {
        let umount = Process()
        umount.executableURL = URL(fileURLWithPath: "/bin/umount")
        umount.arguments = [path]
        try? umount.run()
        umount.waitUntilExit()
        try? FileManager.default.removeItem(atPath: path)
    }
}

extension String {
    fileprivate func appendLine(toFile path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(utf8))
        try handle.close()
    }
}

import Foundation
import Testing

@testable import BackflowCore

/// Leases on a mapping's state, in each engine the state can live in: one holder at a time, named to
/// whoever is refused; taken over once expired or once its process on this host ended; and a holder
/// that lost its lease commits nothing more.
@Suite struct StateLeaseTests {
    enum Engine: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    /// A state engine with a model of three records: stores and trackers on it, each with a connection
    /// of its own, as two hosts would have.
    final class Setup {
        let openStore: () throws -> any LeaseStore
        let openTracker: () throws -> any ChangeTracker
        let model: ModelDefinition
        private let keep: AnyObject?

        init(_ engine: Engine) throws {
            switch engine {
            case .sqlite:
                let fixture = try StateFixture()
                let statePath = fixture.folder.statePath
                openStore = { try SQLiteLeaseStore(statePath: statePath) }
                openTracker = { try fixture.tracker() }
                model = try fixture.model()
                keep = fixture
            case .postgres:
                let url = try TestPostgresServer.database(seed: """
                    CREATE TABLE people (id int4 PRIMARY KEY, name text);
                    INSERT INTO people VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Linus');
                    """)
                openStore = { try PostgresLeaseStore(url: url) }
                openTracker = { try PostgresChangeTracker.connect(url: url) }
                model = try PostgresTestModels.model("SELECT id, name FROM people")
                keep = nil
            }
        }

        func lease(_ key: String, duration: Double = 30, wait: Double? = nil, host: String = "host-a", pid: Int32 = getpid())
            throws -> SyncLease
        {
            try SyncLease(
                mapping: "People", stateKey: key, duration: duration, wait: wait,
                identity: LeaseIdentity(host: host, pid: pid), openStore: openStore)
        }
    }

    @Test(arguments: Engine.allCases) func aSecondSyncIsRefusedNamingTheHolder(engine: Engine) throws {
        let setup = try Setup(engine)
        let first = try setup.lease("people")
        #expect {
            try setup.lease("people", host: "host-b")
        } throws: { error in
            guard case .held(let mapping, let holder) = error as? SyncLeaseError else { return false }
            return mapping == "People" && holder.host == "host-a" && holder.pid == getpid()
                && "\(error)".contains("already syncing on host host-a (pid \(getpid())")
        }
        first.release()
        try setup.lease("people", host: "host-b").release()
    }

    @Test(arguments: Engine.allCases) func anotherMappingsLeaseIsIndependent(engine: Engine) throws {
        let setup = try Setup(engine)
        let first = try setup.lease("people")
        let second = try setup.lease("customers", host: "host-b")
        first.release()
        second.release()
    }

    @Test(arguments: Engine.allCases) func aWaitingSyncTakesTheLeaseOnceReleased(engine: Engine) throws {
        let setup = try Setup(engine)
        let first = try setup.lease("people")
        let release = DispatchQueue(label: "release")
        release.asyncAfter(deadline: .now() + 0.5) { first.release() }
        let started = Date()
        let second = try setup.lease("people", wait: 20, host: "host-b")
        #expect(Date().timeIntervalSince(started) >= 0.4)
        second.release()
    }

    @Test(arguments: Engine.allCases) func anExpiredLeaseIsTakenOverAndItsHolderCommitsNothingMore(engine: Engine) throws {
        let setup = try Setup(engine)
        // Another host's lease that is no longer renewed: its host stalled or died.
        let stalled = try setup.openStore()
        #expect(try stalled.claim(
            stateKey: "people", host: "host-a", pid: 1, token: "stalled", duration: 1, replacing: nil) == nil)
        let stalledTracker = try setup.openTracker()
        stalledTracker.fence = LeaseFence(stateKey: "people", token: "stalled")
        var items: [RecordChangeItem] = []
        _ = try stalledTracker.scanChanges(of: setup.model, stateKey: "people", problem: { _ in }, change: { items.append($0) })
        Thread.sleep(forTimeInterval: 1.2)

        let takeover = try setup.lease("people", host: "host-b")
        #expect(throws: SyncLeaseError.lost(stateKey: "people")) {
            try stalledTracker.acknowledge(items.map { AcknowledgedChange($0) }, stateKey: "people")
        }
        let current = try setup.openTracker()
        current.fence = takeover.fence
        var again: [RecordChangeItem] = []
        _ = try current.scanChanges(of: setup.model, stateKey: "people", problem: { _ in }, change: { again.append($0) })
        #expect(again.count == 3, "the stalled host's acknowledgement landed")
        try current.acknowledge(again.map { AcknowledgedChange($0) }, stateKey: "people")
        takeover.release()
    }

    @Test(arguments: Engine.allCases) func aLeaseOfAnEndedProcessOnThisHostIsTakenOverAtOnce(engine: Engine) throws {
        let setup = try Setup(engine)
        let ended = try setup.openStore()
        #expect(try ended.claim(
            stateKey: "people", host: "host-a", pid: 999_999, token: "ended", duration: 600, replacing: nil) == nil)
        try setup.lease("people", host: "host-a").release()
        // On another host the process cannot be checked: its lease is waited out.
        #expect(try ended.claim(
            stateKey: "people", host: "host-c", pid: 999_999, token: "elsewhere", duration: 600, replacing: nil) == nil)
        #expect(throws: SyncLeaseError.self) { try setup.lease("people", host: "host-a") }
    }

    @Test(arguments: Engine.allCases) func theHeartbeatKeepsALongSyncsLease(engine: Engine) throws {
        let setup = try Setup(engine)
        let holder = try setup.lease("people", duration: 1.5)
        Thread.sleep(forTimeInterval: 3)
        #expect(throws: SyncLeaseError.self) { try setup.lease("people", host: "host-b") }
        let tracker = try setup.openTracker()
        tracker.fence = holder.fence
        var items: [RecordChangeItem] = []
        _ = try tracker.scanChanges(of: setup.model, stateKey: "people", problem: { _ in }, change: { items.append($0) })
        try tracker.acknowledge(items.map { AcknowledgedChange($0) }, stateKey: "people")
        holder.release()
    }
}

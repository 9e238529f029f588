import Foundation
import Testing

@testable import BackflowCore

@Suite("State sync lock")
struct StateSyncLockTests {
    @Test func secondHolderIsRefusedWithTheOwnersProcess() throws {
        let fixture = try StateFixture()
        let key = MappingIdentity(workspaceID: "ws_lock_tests", mappingID: "Identify users", mappingName: "Identify users").stateKey
        let lock = try SyncLock(mapping: "Identify users", stateKey: key, folder: fixture.folder)
        #expect(throws: SyncLockError.alreadySyncing(mapping: "Identify users", pid: getpid())) {
            try SyncLock(mapping: "Identify users", stateKey: key, folder: fixture.folder)
        }
        withExtendedLifetime(lock) {}
    }

    @Test func refusalMessageSaysWhoHoldsIt() {
        let error = SyncLockError.alreadySyncing(mapping: "Identify users", pid: 1234)
        #expect(error.description == "mapping 'Identify users' is already syncing (pid 1234); wait for it to finish")
    }

    @Test func releasedLockCanBeTakenAgain() throws {
        let fixture = try StateFixture()
        let lock = try SyncLock(mapping: "A", stateKey: "a", folder: fixture.folder)
        lock.release()
        lock.release()
        _ = try SyncLock(mapping: "A", stateKey: "a", folder: fixture.folder)
    }

    @Test func droppedLockIsReleased() throws {
        let fixture = try StateFixture()
        do { _ = try SyncLock(mapping: "A", stateKey: "a", folder: fixture.folder) }
        _ = try SyncLock(mapping: "A", stateKey: "a", folder: fixture.folder)
    }

    @Test func differentMappingsLockIndependently() throws {
        let fixture = try StateFixture()
        let first = try SyncLock(mapping: "A", stateKey: "a", folder: fixture.folder)
        let second = try SyncLock(mapping: "B", stateKey: "b", folder: fixture.folder)
        #expect(first.path != second.path)
    }
}

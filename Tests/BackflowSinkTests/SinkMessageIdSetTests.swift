@testable import BackflowSink
import Testing

@Suite("Sink messageId set")
struct SinkMessageIdSetTests {
    @Test func anIdIsNewOnlyTheFirstTime() {
        var seen = MessageIdSet()
        let added = ["m-1", "m-1", "m-2"].map { seen.insert($0) }
        #expect(added == [true, false, true])
        #expect(seen.count == 2)
    }

    @Test func idsAreTheSameWhenTheirStringsAreEqual() {
        var seen = MessageIdSet()
        let added = ["caf\u{E9}", "cafe\u{301}"].map { seen.insert($0) }
        #expect(added == [true, false])
        #expect(Set(["caf\u{E9}", "cafe\u{301}"]).count == 1)
    }

    @Test func keepsEveryIdAsItGrows() {
        var seen = MessageIdSet()
        let ids = (0..<20_000).map { "bf-\($0)" }
        let addedFirst = ids.filter { seen.insert($0) }
        let addedAgain = ids.filter { seen.insert($0) }
        #expect(addedFirst.count == ids.count)
        #expect(addedAgain.isEmpty)
        #expect(seen.count == ids.count)
    }

    @Test func theLatestAdditionsCanBeTakenBackAcrossAGrowth() {
        var seen = MessageIdSet()
        let kept = (0..<100).map { "kept-\($0)" }
        let takenBack = (0..<5_000).map { "taken-\($0)" }
        for id in kept { _ = seen.insert(id) }
        for id in takenBack { _ = seen.insert(id) }
        seen.removeAdded(since: kept.count)
        #expect(seen.count == kept.count)
        let keptAddedAgain = kept.filter { seen.insert($0) }
        let takenBackAddedAgain = takenBack.filter { seen.insert($0) }
        #expect(keptAddedAgain.isEmpty)
        #expect(takenBackAddedAgain == takenBack)
    }
}

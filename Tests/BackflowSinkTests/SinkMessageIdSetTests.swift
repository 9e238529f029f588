@testable import BackflowCore
@testable import BackflowSink
import Testing

@Suite("Sink messageId set")
struct SinkMessageIdSetTests {
    @Test func anIdIsNewOnlyTheFirstTime() {
        var seen = MessageIdSet()
        let added = ["m-1", "m-1", "m-2"].map { seen.insert([$0]) == [true] }
        #expect(added == [true, false, true])
        #expect(seen.count == 2)
    }

    @Test func idsAreTheSameWhenTheirStringsAreEqual() {
        var seen = MessageIdSet()
        let added = ["caf\u{E9}", "cafe\u{301}"].map { seen.insert([$0]) == [true] }
        #expect(added == [true, false])
        #expect(Set(["caf\u{E9}", "cafe\u{301}"]).count == 1)
    }

    @Test func keepsEveryIdAsItGrows() {
        var seen = MessageIdSet()
        let ids = (0..<20_000).map { "bf-\($0)" }
        let addedFirst = ids.filter { seen.insert([$0]) == [true] }
        let addedAgain = ids.filter { seen.insert([$0]) == [true] }
        #expect(addedFirst.count == ids.count)
        #expect(addedAgain.isEmpty)
        #expect(seen.count == ids.count)
    }

    @Test func theLatestAdditionsCanBeTakenBackAcrossAGrowth() {
        var seen = MessageIdSet()
        let kept = (0..<100).map { "kept-\($0)" }
        let takenBack = (0..<5_000).map { "taken-\($0)" }
        for id in kept { _ = seen.insert([id]) }
        for id in takenBack { _ = seen.insert([id]) }
        seen.removeAdded(since: kept.count)
        #expect(seen.count == kept.count)
        let keptAddedAgain = kept.filter { seen.insert([$0]) == [true] }
        let takenBackAddedAgain = takenBack.filter { seen.insert([$0]) == [true] }
        #expect(keptAddedAgain.isEmpty)
        #expect(takenBackAddedAgain == takenBack)
    }

    /// A request's ids go in together: the answers are those of a `Set<String>` taking them one
    /// by one, for requests of every size, with ids repeated inside a request and across requests,
    /// messages without an id, and the table growing under them.
    @Test func aRequestsIdsGoInAsIfOneByOne() {
        var random = DemoRandom(seed: 15)
        var seen = MessageIdSet()
        var model = Set<String>()
        for _ in 0..<200 {
            let size = Int(random.next() % 600)
            let ids: [String?] = (0..<size).map { _ in
                let draw = random.next() % 40_000
                return draw < 1_000 ? nil : "bf-\(draw)"
            }
            let expected = ids.map { id in id.map { model.insert($0).inserted } ?? true }
            #expect(seen.insert(ids) == expected)
        }
        #expect(seen.count == model.count)
        #expect(seen.insert(["caf\u{E9}", "cafe\u{301}", nil, "caf\u{E9}"]) == [true, false, true, false])
    }

    @Test func aRequestCanBeTakenBackAfterItGrewTheTable() {
        var seen = MessageIdSet()
        let kept = (0..<10).map { "kept-\($0)" }
        let request = (0..<3_000).map { "taken-\($0)" }
        _ = seen.insert(kept)
        let newOnce = Array(repeating: true, count: 3_000) + Array(repeating: false, count: 3_000)
        #expect(seen.insert(request + request) == newOnce)
        seen.removeAdded(since: kept.count)
        let keptStays = Array(repeating: false, count: 10) + Array(repeating: true, count: 3_000)
        #expect(seen.insert(kept + request) == keptStays)
    }
}

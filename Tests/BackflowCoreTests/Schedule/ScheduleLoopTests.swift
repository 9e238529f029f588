import Foundation
import Testing

@testable import BackflowCore

@Suite struct ScheduleLoopTests {
    let start = utc("2026-11-23T10:00:00Z")

    @Test func startsAnIntervalMappingOncePerInterval() async {
        let world = ScheduleLoopFixture(now: start, ticks: 7, syncDuration: 0)
        await world.loop([FakeScheduledMapping(name: "hourly", schedule: .interval(minutes: 60))]).run()
        #expect(world.startTimes["hourly"] == [start, start + 3_600, start + 7_200, start + 10_800])
    }

    @Test func startsAMissedIntervalOnceAfterThreeDaysAsleep() async {
        let world = ScheduleLoopFixture(now: start, ticks: 1, syncDuration: 0)
        world.recordRun(of: "hourly", startedAt: start - 3 * 86_400)
        await world.loop([FakeScheduledMapping(name: "hourly", schedule: .interval(minutes: 60))], tick: .seconds(30))
            .run()
        #expect(world.startTimes["hourly"] == [start])
    }

    @Test func neverSyncsOneMappingTwiceAtOnceWhenASyncOutlastsItsInterval() async {
        let world = ScheduleLoopFixture(now: start, ticks: 12, syncDuration: 9_000)
        await world.loop([FakeScheduledMapping(name: "slow", schedule: .interval(minutes: 15))], tick: .seconds(60))
            .run()
        #expect(!world.sawConcurrentSyncOfOneMapping)
        // Each sync takes 2.5 hours, ten intervals: the next starts at the first tick after it, once.
        #expect(world.startTimes["slow"] == (0...12).map { start + Double($0) * 9_060 })
    }

    @Test func leavesAMappingAloneWhileAnotherProcessSyncsIt() async {
        let world = ScheduleLoopFixture(now: start, ticks: 2)
        world.recordRun(of: "busy", startedAt: start - 86_400, status: .running)
        await world.loop([FakeScheduledMapping(name: "busy", schedule: .interval(minutes: 15))]).run()
        #expect(world.startTimes["busy"] == nil)
    }

    @Test func skipsDisabledMappings() async {
        let world = ScheduleLoopFixture(now: start, ticks: 4)
        let mappings = [
            FakeScheduledMapping(name: "off", schedule: .interval(minutes: 15), isScheduleActive: false),
            FakeScheduledMapping(name: "on", schedule: .interval(minutes: 15)),
        ]
        await world.loop(mappings).run()
        #expect(world.startTimes["off"] == nil)
        #expect(world.startTimes["on"]?.count == 5)
    }

    @Test func neverStartsAManualMapping() async {
        let world = ScheduleLoopFixture(now: start, ticks: 4)
        await world.loop([FakeScheduledMapping(name: "manual", schedule: .manual)]).run()
        #expect(world.startTimes.isEmpty)
    }

    @Test func startsAWeeklyMappingThatNeverRanAtItsFirstSlotAfterStarting() async {
        let world = ScheduleLoopFixture(now: start, ticks: 48)
        await world.loop([FakeScheduledMapping(name: "daily", schedule: .weekly(days: Set(Weekday.allCases), hour: 9))])
            .run()
        #expect(world.startTimes["daily"] == [utc("2026-11-24T08:00:00Z")])
    }

    @Test func runOnceStartsWhatIsDueNowIncludingAWeeklyMappingThatNeverRan() async {
        let world = ScheduleLoopFixture(now: start, ticks: 0)
        world.recordRun(of: "recent", startedAt: start - 60)
        let mappings = [
            FakeScheduledMapping(name: "weekly", schedule: .weekly(days: [.fri], hour: 9)),
            FakeScheduledMapping(name: "recent", schedule: .interval(minutes: 60)),
        ]
        let results = await world.loop(mappings).runOnce()
        #expect(results.map(\.mapping) == ["weekly"])
    }

    @Test func reportsThePlanThenEachStartAndFinish() async {
        let world = ScheduleLoopFixture(now: start, ticks: 0)
        await world.loop([FakeScheduledMapping(name: "hourly", schedule: .interval(minutes: 60))]).run()
        let events = world.events
        #expect(events.count == 4)
        guard events.count == 4 else { return }
        if case .scheduled(let plan) = events[0] {
            #expect(plan == [PlannedRun(mapping: "hourly", schedule: .interval(minutes: 60), isActive: true, next: .due(since: start))])
        } else {
            Issue.record("expected the plan first, got \(events[0])")
        }
        if case .started(let mapping, let dueSince) = events[1] {
            #expect(mapping == "hourly" && dueSince == start)
        } else {
            Issue.record("expected a start, got \(events[1])")
        }
        if case .finished(let result) = events[2] { #expect(result.mapping == "hourly") } else {
            Issue.record("expected a finish, got \(events[2])")
        }
        if case .scheduled(let plan) = events[3] {
            #expect(plan.map(\.next) == [.at(start + 3_600)])
        } else {
            Issue.record("expected the new plan, got \(events[3])")
        }
    }

    @Test func stopsWhenCancelled() async {
        let loop = SchedulerLoop(
            mappings: [FakeScheduledMapping(name: "manual", schedule: .manual)], tick: .seconds(3_600),
            lastRun: { _ in nil }, runSync: { _, _ in [] }, events: { _ in })
        let running = Task { await loop.run() }
        running.cancel()
        await running.value
    }
}

import Foundation
import Testing

@testable import BackflowCore

private func slots(_ text: String, in zone: String) throws -> CronCalendar {
    CronCalendar(try CronExpression(text), in: TimeZone(identifier: zone)!)
}

private func schedule(_ text: String, in zone: String) throws -> Schedule {
    .cron(try CronExpression(text), timeZone: IANATimeZone(zone)!)
}

/// Times are written in UTC. 2026: Berlin is UTC+1, and UTC+2 from 29 March 01:00Z to 25 October
/// 01:00Z; New York is UTC-5, and UTC-4 from 8 March 07:00Z to 1 November 06:00Z.
@Suite struct CronCalendarTests {
    /// The scheduler's own zone, which cron schedules ignore in favour of theirs.
    let tokyo = ScheduleCalendar(timeZone: TimeZone(identifier: "Asia/Tokyo")!)
    let start = utc("2026-01-01T00:00:00Z")

    @Test func slotsAreInTheExpressionsOwnZone() throws {
        let next = tokyo.nextRun(
            of: try schedule("0 */2 * * *", in: "Europe/Berlin"), lastStart: utc("2026-11-23T09:00:00Z"), since: start,
            now: utc("2026-11-23T09:30:00Z"))
        #expect(next == .at(utc("2026-11-23T11:00:00Z")))
    }

    @Test func aSlotPassedSinceTheLastStartIsDueOnceSinceTheLatestSlot() throws {
        let next = tokyo.nextRun(
            of: try schedule("0 */2 * * *", in: "Europe/Berlin"), lastStart: utc("2026-11-23T09:00:00Z"), since: start,
            now: utc("2026-11-23T13:30:00Z"))
        #expect(next == .due(since: utc("2026-11-23T13:00:00Z")))
    }

    @Test func aRunStartedAfterTheSlotSettlesIt() throws {
        let next = tokyo.nextRun(
            of: try schedule("0 */2 * * *", in: "Europe/Berlin"), lastStart: utc("2026-11-23T13:30:00Z"), since: start,
            now: utc("2026-11-23T13:30:00Z"))
        #expect(next == .at(utc("2026-11-23T15:00:00Z")))
    }

    @Test func neverRanWaitsForTheFirstSlotAfterTheSchedulerStarted() throws {
        let since = utc("2026-11-23T11:30:00Z")
        let cron = try schedule("0 */2 * * *", in: "Europe/Berlin")
        #expect(tokyo.nextRun(of: cron, lastStart: nil, since: since, now: since) == .at(utc("2026-11-23T13:00:00Z")))
        #expect(
            tokyo.nextRun(of: cron, lastStart: nil, since: since, now: utc("2026-11-23T13:00:00Z"))
                == .due(since: utc("2026-11-23T13:00:00Z")))
    }

    @Test func neverRanWithoutASchedulerStartIsDueSinceTheLatestSlot() throws {
        let next = tokyo.nextRun(
            of: try schedule("0 0 1 * *", in: "UTC"), lastStart: nil, since: .distantPast, now: utc("2026-11-23T13:30:00Z"))
        #expect(next == .due(since: utc("2026-11-01T00:00:00Z")))
    }

    @Test func aDayOfMonthPastTheMonthsEndSkipsThatMonth() throws {
        let cron = try slots("0 12 31 * *", in: "UTC")
        #expect(cron.nextSlot(after: utc("2026-03-31T12:00:00Z")) == utc("2026-05-31T12:00:00Z"))
        #expect(cron.latestSlot(atOrBefore: utc("2026-05-30T00:00:00Z")) == utc("2026-03-31T12:00:00Z"))
    }

    @Test func theLeapDayComesEveryFourYears() throws {
        let cron = try slots("0 0 29 2 *", in: "UTC")
        #expect(cron.nextSlot(after: utc("2026-01-01T00:00:00Z")) == utc("2028-02-29T00:00:00Z"))
        #expect(cron.latestSlot(atOrBefore: utc("2026-01-01T00:00:00Z")) == utc("2024-02-29T00:00:00Z"))
    }

    @Test func theLeapDaySkipsTheCenturyThatIsNoLeapYear() throws {
        let cron = try slots("0 0 29 2 *", in: "UTC")
        #expect(cron.nextSlot(after: utc("2096-03-01T00:00:00Z")) == utc("2104-02-29T00:00:00Z"))
    }

    @Test func eitherDayRuleFires() throws {
        // 10 March 2026 is a Tuesday, 13 March a Friday.
        let cron = try slots("0 9 10 * FRI", in: "UTC")
        #expect(cron.nextSlot(after: utc("2026-03-07T00:00:00Z")) == utc("2026-03-10T09:00:00Z"))
        #expect(cron.nextSlot(after: utc("2026-03-10T09:00:00Z")) == utc("2026-03-13T09:00:00Z"))
    }

    @Test func theYearTurns() throws {
        let cron = try slots("30 23 * DEC SUN", in: "UTC")
        #expect(cron.nextSlot(after: utc("2026-12-27T23:30:00Z")) == utc("2027-12-05T23:30:00Z"))
    }

    @Test(arguments: ["5,55 0,23 1 * *", "5,55 0,23 * * SAT,MON", "5,55 0,23 31,1 JAN,MAR *", "0,45 0,23 * * *"])
    func anAcceptedExpressionNeverFiresCloserThanFifteenMinutesInUTC(_ text: String) throws {
        let cron = try slots(text, in: "UTC")
        var previous = try #require(cron.nextSlot(after: utc("2026-12-31T00:00:00Z")))
        while previous < utc("2029-12-31T00:00:00Z") {
            let next = try #require(cron.nextSlot(after: previous))
            #expect(next.timeIntervalSince(previous) >= 15 * 60, "\(previous) then \(next)")
            previous = next
        }
    }

    // MARK: Daylight saving

    @Test func aTimeSkippedInSpringFiresWhenTheClockJumps() throws {
        let cron = try slots("30 2 * * *", in: "Europe/Berlin")
        #expect(cron.nextSlot(after: utc("2026-03-28T12:00:00Z")) == utc("2026-03-29T01:00:00Z"))
        #expect(cron.nextSlot(after: utc("2026-03-29T01:00:00Z")) == utc("2026-03-30T00:30:00Z"))
    }

    @Test func aTimeSkippedInSpringFiresWhenTheClockJumpsInNewYork() throws {
        let cron = try slots("0 2 * * *", in: "America/New_York")
        #expect(cron.nextSlot(after: utc("2026-03-07T12:00:00Z")) == utc("2026-03-08T07:00:00Z"))
    }

    @Test func theSkippedTimesFireOnceTogetherWithTheMinuteTheClockJumpsTo() throws {
        let cron = try slots("*/15 * * * *", in: "Europe/Berlin")
        #expect(cron.nextSlot(after: utc("2026-03-29T00:45:00Z")) == utc("2026-03-29T01:00:00Z"))
        #expect(cron.nextSlot(after: utc("2026-03-29T01:00:00Z")) == utc("2026-03-29T01:15:00Z"))
        #expect(cron.latestSlot(atOrBefore: utc("2026-03-29T01:10:00Z")) == utc("2026-03-29T01:00:00Z"))
    }

    @Test func theSpringJumpCanBringTwoFiringsCloserThanTheirWallClockTimes() throws {
        // 01:50 and 02:05 are 15 minutes apart on the clock; 02:05 is skipped and fires at 03:00.
        let cron = try slots("5,50 1,2 * * *", in: "Europe/Berlin")
        #expect(cron.nextSlot(after: utc("2026-03-29T00:05:00Z")) == utc("2026-03-29T00:50:00Z"))
        #expect(cron.nextSlot(after: utc("2026-03-29T00:50:00Z")) == utc("2026-03-29T01:00:00Z"))
        #expect(cron.nextSlot(after: utc("2026-03-29T01:00:00Z")) == utc("2026-03-29T23:05:00Z"))
    }

    @Test func aTimeRepeatedInAutumnFiresOnceAtItsFirstOccurrence() throws {
        let cron = try slots("30 1 * * *", in: "America/New_York")
        #expect(cron.nextSlot(after: utc("2026-10-31T12:00:00Z")) == utc("2026-11-01T05:30:00Z"))
        #expect(cron.nextSlot(after: utc("2026-11-01T05:30:00Z")) == utc("2026-11-02T06:30:00Z"))
    }

    @Test func theRepeatedHourIsNotFiredASecondTime() throws {
        let cron = try slots("*/30 * * * *", in: "America/New_York")
        #expect(cron.nextSlot(after: utc("2026-11-01T05:30:00Z")) == utc("2026-11-01T07:00:00Z"))
        #expect(cron.latestSlot(atOrBefore: utc("2026-11-01T06:45:00Z")) == utc("2026-11-01T05:30:00Z"))
    }

    @Test func aTimeRepeatedInAutumnFiresOnceInBerlin() throws {
        let cron = try slots("30 2 * * *", in: "Europe/Berlin")
        #expect(cron.nextSlot(after: utc("2026-10-24T12:00:00Z")) == utc("2026-10-25T00:30:00Z"))
        #expect(cron.nextSlot(after: utc("2026-10-25T00:30:00Z")) == utc("2026-10-26T01:30:00Z"))
    }

    @Test func aSpringSlotMissedWhileAsleepIsDueOnce() throws {
        let next = tokyo.nextRun(
            of: try schedule("30 2 * * *", in: "Europe/Berlin"), lastStart: utc("2026-03-28T01:30:00Z"), since: start,
            now: utc("2026-03-29T06:00:00Z"))
        #expect(next == .due(since: utc("2026-03-29T01:00:00Z")))
    }
}

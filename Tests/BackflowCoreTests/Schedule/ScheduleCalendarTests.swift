import Foundation
import Testing

@testable import BackflowCore

/// Times are written in UTC; Berlin is UTC+1 in winter and UTC+2 in summer (2026: from 29 March
/// to 25 October).
@Suite struct ScheduleCalendarTests {
    let berlin = ScheduleCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!)
    let start = utc("2026-01-01T00:00:00Z")

    @Test func intervalIsNotDueBeforeTheIntervalHasPassed() {
        let next = berlin.nextRun(
            of: .interval(minutes: 60), lastStart: utc("2026-11-23T10:00:00Z"), since: start,
            now: utc("2026-11-23T10:59:59Z"))
        #expect(next == .at(utc("2026-11-23T11:00:00Z")))
    }

    @Test func intervalIsDueOnceTheIntervalHasPassed() {
        let next = berlin.nextRun(
            of: .interval(minutes: 15), lastStart: utc("2026-11-23T10:00:00Z"), since: start,
            now: utc("2026-11-23T10:15:00Z"))
        #expect(next == .due(since: utc("2026-11-23T10:15:00Z")))
    }

    @Test func intervalThatNeverRanIsDueAtOnce() {
        let since = utc("2026-11-23T10:00:00Z")
        let next = berlin.nextRun(of: .interval(minutes: 1440), lastStart: nil, since: since, now: since)
        #expect(next == .due(since: since))
    }

    @Test func intervalMissedForThreeDaysIsDueOnceAndThenCountsFromThatRun() {
        let wake = utc("2026-11-26T10:00:00Z")
        let asleep = berlin.nextRun(
            of: .interval(minutes: 60), lastStart: utc("2026-11-23T10:00:00Z"), since: start, now: wake)
        #expect(asleep == .due(since: utc("2026-11-23T11:00:00Z")))
        let afterTheRun = berlin.nextRun(of: .interval(minutes: 60), lastStart: wake, since: start, now: wake)
        #expect(afterTheRun == .at(utc("2026-11-26T11:00:00Z")))
    }

    @Test func manualIsNeverDue() {
        #expect(berlin.nextRun(of: .manual, lastStart: nil, since: start, now: utc("2026-11-23T10:00:00Z")) == .never)
    }

    @Test func weeklySlotsAreOnTheHourInTheLocalTimeZone() {
        let next = berlin.nextRun(
            of: .weekly(days: [.mon, .wed], hour: 9), lastStart: utc("2026-11-18T08:00:00Z"), since: start,
            now: utc("2026-11-23T07:30:00Z"))
        #expect(next == .at(utc("2026-11-23T08:00:00Z")))
    }

    @Test func weeklySlotIsDueOnceItsHourHasPassed() {
        let next = berlin.nextRun(
            of: .weekly(days: [.mon, .wed], hour: 9), lastStart: utc("2026-11-18T08:00:00Z"), since: start,
            now: utc("2026-11-23T08:00:00Z"))
        #expect(next == .due(since: utc("2026-11-23T08:00:00Z")))
    }

    @Test func weeklyNextSlotCrossesTheWeekBoundary() {
        let next = berlin.nextRun(
            of: .weekly(days: [.mon], hour: 9), lastStart: utc("2026-11-23T08:00:00Z"), since: start,
            now: utc("2026-11-29T19:00:00Z"))
        #expect(next == .at(utc("2026-11-30T08:00:00Z")))
    }

    @Test func weeklyNextSlotOnTheSameWeekdayAfterItsHourIsAWeekLater() {
        let next = berlin.nextRun(
            of: .weekly(days: [.mon], hour: 9), lastStart: utc("2026-11-23T08:00:00Z"), since: start,
            now: utc("2026-11-23T09:00:00Z"))
        #expect(next == .at(utc("2026-11-30T08:00:00Z")))
    }

    @Test func weeklySlotKeepsItsLocalHourAcrossTheSpringChange() {
        let next = berlin.nextRun(
            of: .weekly(days: [.sun], hour: 9), lastStart: utc("2026-03-22T08:00:00Z"), since: start,
            now: utc("2026-03-28T11:00:00Z"))
        #expect(next == .at(utc("2026-03-29T07:00:00Z")))
    }

    @Test func weeklySlotInTheSkippedSpringHourFallsOnTheNextHour() {
        let next = berlin.nextRun(
            of: .weekly(days: [.sun], hour: 2), lastStart: utc("2026-03-22T01:00:00Z"), since: start,
            now: utc("2026-03-28T11:00:00Z"))
        #expect(next == .at(utc("2026-03-29T01:00:00Z")))
    }

    @Test func weeklySlotInTheRepeatedAutumnHourIsItsFirstOccurrence() {
        let next = berlin.nextRun(
            of: .weekly(days: [.sun], hour: 2), lastStart: utc("2026-10-18T00:00:00Z"), since: start,
            now: utc("2026-10-24T11:00:00Z"))
        #expect(next == .at(utc("2026-10-25T00:00:00Z")))
    }

    @Test func weeklySlotAfterTheAutumnChangeIsAnHourLaterInUTC() {
        let next = berlin.nextRun(
            of: .weekly(days: [.mon], hour: 9), lastStart: utc("2026-10-19T07:00:00Z"), since: start,
            now: utc("2026-10-25T12:00:00Z"))
        #expect(next == .at(utc("2026-10-26T08:00:00Z")))
    }

    @Test func weeklySlotsMissedWhileAsleepAreDueOnce() {
        let everyDay = Schedule.weekly(days: Set(Weekday.allCases), hour: 9)
        let wake = utc("2026-11-28T12:00:00Z")
        let asleep = berlin.nextRun(of: everyDay, lastStart: utc("2026-11-23T08:00:00Z"), since: start, now: wake)
        #expect(asleep == .due(since: utc("2026-11-28T08:00:00Z")))
        let afterTheRun = berlin.nextRun(of: everyDay, lastStart: wake, since: start, now: wake)
        #expect(afterTheRun == .at(utc("2026-11-29T08:00:00Z")))
    }

    @Test func weeklyThatNeverRanWaitsForTheFirstSlotAfterTheSchedulerStarted() {
        let since = utc("2026-11-23T09:00:00Z")
        let schedule = Schedule.weekly(days: [.mon, .tue], hour: 9)
        #expect(berlin.nextRun(of: schedule, lastStart: nil, since: since, now: since) == .at(utc("2026-11-24T08:00:00Z")))
        #expect(
            berlin.nextRun(of: schedule, lastStart: nil, since: since, now: utc("2026-11-24T08:00:00Z"))
                == .due(since: utc("2026-11-24T08:00:00Z")))
    }
}

func utc(_ text: String) -> Date {
    try! Date(text, strategy: .iso8601)
}

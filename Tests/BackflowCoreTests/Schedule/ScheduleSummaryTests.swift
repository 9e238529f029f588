import Testing

@testable import BackflowCore

@Suite struct ScheduleSummaryTests {
    @Test func intervalReadsAsItsToken() {
        #expect(Schedule.interval(minutes: 1440).summary == "every 1d")
    }

    @Test func weeklyReadsAsItsDaysInWeekOrderAndTheHour() {
        #expect(Schedule.weekly(days: [.fri, .mon, .wed], hour: 6).summary == "mon, wed, fri at 06:00")
    }

    @Test func cronReadsAsItsExpressionAndZone() throws {
        let schedule = Schedule.cron(try CronExpression("0 */2 * * *"), timeZone: IANATimeZone("Europe/Berlin")!)
        #expect(schedule.summary == "cron 0 */2 * * * Europe/Berlin")
    }

    @Test func manualReadsAsManual() {
        #expect(Schedule.manual.summary == "manual")
    }
}

import Testing

@testable import BackflowCore

private func cron(_ text: String) throws -> CronExpression { try CronExpression(text) }

private func refusal(_ text: String) -> CronExpressionError? {
    do {
        _ = try CronExpression(text)
        return nil
    } catch {
        return error
    }
}

@Suite struct CronExpressionParsingTests {
    @Test func stepsFromStarCoverTheWholeField() throws {
        #expect(try cron("*/15 * * * *").minutes.values == [0, 15, 30, 45])
    }

    @Test func listsAndRangesCombine() throws {
        let expression = try cron("0,30 9-11,14 * * *")
        #expect(expression.timesOfDay == [540, 570, 600, 630, 660, 690, 840, 870])
    }

    @Test func aRangeTakesAStep() throws {
        #expect(try cron("0 1-12/5 * * *").hours.values == [1, 6, 11])
    }

    @Test func aValueWithAStepRunsToTheFieldsEnd() throws {
        #expect(try cron("5/20 * * * *").minutes.values == [5, 25, 45])
    }

    @Test func aStepLongerThanTheFieldSelectsItsStart() throws {
        #expect(try cron("0 */90 * * *").hours.values == [0])
    }

    @Test func monthAndWeekdayNamesAreReadInAnyCase() throws {
        let expression = try cron("0 9 * jan,JUL Mon-fri")
        #expect(expression.months.values == [1, 7])
        #expect(expression.weekdays.values == [1, 2, 3, 4, 5])
    }

    @Test func sevenIsSundayLikeZero() throws {
        #expect(try cron("0 9 * * 7").weekdays == cron("0 9 * * 0").weekdays)
        #expect(try cron("0 9 * * 5-7").weekdays.values == [0, 5, 6])
    }

    @Test func fieldsMaySitApartByTabsAndSpacesAndTheTextIsKept() throws {
        let expression = try cron("0  9\t* * *")
        #expect(expression.timesOfDay == [540])
        #expect(expression.text == "0  9\t* * *")
    }

    @Test func bothDayFieldsRestrictedFireOnEither() throws {
        let expression = try cron("0 9 10 * FRI")
        #expect(expression.fires(on: CivilDay(year: 2026, month: 3, day: 10)))  // a Tuesday
        #expect(expression.fires(on: CivilDay(year: 2026, month: 3, day: 13)))  // a Friday
        #expect(!expression.fires(on: CivilDay(year: 2026, month: 3, day: 11)))
    }

    @Test func aDayFieldStartingWithAStarLeavesTheOtherToDecide() throws {
        let mondays = try cron("0 9 * * MON")
        #expect(mondays.fires(on: CivilDay(year: 2026, month: 3, day: 9)))
        #expect(!mondays.fires(on: CivilDay(year: 2026, month: 3, day: 10)))
        // crontab(5): `*/2` starts with a star, so both fields must match: odd days that are Mondays.
        let oddMondays = try cron("0 9 */2 * MON")
        #expect(oddMondays.fires(on: CivilDay(year: 2026, month: 3, day: 9)))
        #expect(!oddMondays.fires(on: CivilDay(year: 2026, month: 3, day: 16)))
        #expect(!oddMondays.fires(on: CivilDay(year: 2026, month: 3, day: 11)))
    }

    @Test func theMonthFieldLimitsBothDayRules() throws {
        let expression = try cron("0 9 10 MAR FRI")
        #expect(!expression.fires(on: CivilDay(year: 2026, month: 4, day: 10)))
        #expect(!expression.fires(on: CivilDay(year: 2026, month: 4, day: 3)))
    }
}

@Suite struct CronExpressionErrorTests {
    @Test func refusesFewerThanFiveFields() {
        #expect(refusal("0 9 * *") == .fieldCount(4))
        #expect(refusal("0 9 * *")?.description == "expected 5 fields (minute hour day-of-month month day-of-week) but found 4")
    }

    @Test func refusesASecondsField() {
        #expect(refusal("0 0 9 * * *") == .fieldCount(6))
    }

    @Test func refusesAMacro() {
        #expect(refusal("@hourly") == .fieldCount(1))
    }

    @Test func namesTheFieldThatIsOutOfRange() {
        #expect(refusal("60 * * * *") == .field(.minute, text: "60", problem: .outOfRange("60")))
        #expect(refusal("0 24 * * *") == .field(.hour, text: "24", problem: .outOfRange("24")))
        #expect(refusal("0 0 0 * *") == .field(.dayOfMonth, text: "0", problem: .outOfRange("0")))
        #expect(refusal("0 0 * 13 *") == .field(.month, text: "13", problem: .outOfRange("13")))
        #expect(refusal("0 0 * * 8") == .field(.dayOfWeek, text: "8", problem: .outOfRange("8")))
        #expect(refusal("0 24 * * *")?.description == #"hour field "24": 24 is out of range: expected a number 0-23"#)
    }

    @Test func refusesANameTheFieldDoesNotKnow() {
        #expect(refusal("0 9 * JAM *") == .field(.month, text: "JAM", problem: .notAValue("JAM")))
        #expect(refusal("0 9 * * 1,FUN") == .field(.dayOfWeek, text: "1,FUN", problem: .notAValue("FUN")))
        #expect(refusal("0 9 * JAM *")?.description == #"month field "JAM": expected a month 1-12 or JAN-DEC but found "JAM""#)
    }

    @Test func refusesNamesInNumericFields() {
        #expect(refusal("MON 9 * * *") == .field(.minute, text: "MON", problem: .notAValue("MON")))
    }

    @Test func refusesQuartzMarks() {
        #expect(refusal("0 9 ? * MON") == .field(.dayOfMonth, text: "?", problem: .notAValue("?")))
    }

    @Test func refusesAnEmptyListItem() {
        #expect(refusal("0 1,,2 * * *") == .field(.hour, text: "1,,2", problem: .emptyItem))
        #expect(refusal("0 1, * * *") == .field(.hour, text: "1,", problem: .emptyItem))
    }

    @Test func refusesABackwardsRange() {
        #expect(refusal("0 22-2 * * *") == .field(.hour, text: "22-2", problem: .backwardsRange(from: "22", to: "2")))
        #expect(refusal("0 9 * * FRI-MON") == .field(.dayOfWeek, text: "FRI-MON", problem: .backwardsRange(from: "FRI", to: "MON")))
        #expect(
            refusal("0 22-2 * * *")?.description
                == #"hour field "22-2": the range 22-2 runs backwards; cron ranges do not wrap around, so list both parts"#)
    }

    @Test func refusesAZeroOrMissingStep() {
        #expect(refusal("*/0 * * * *") == .field(.minute, text: "*/0", problem: .badStep("0")))
        #expect(refusal("0 */ * * *") == .field(.hour, text: "*/", problem: .badStep("")))
        #expect(refusal("0 */x * * *") == .field(.hour, text: "*/x", problem: .badStep("x")))
        #expect(refusal("*/0 * * * *")?.description == #"minute field "*/0": expected a step of 1 or more after "/" but found "0""#)
    }

    @Test func refusesADayNoChosenMonthHas() {
        #expect(refusal("0 0 30 2 *") == .neverFires)
        #expect(refusal("0 0 31 APR,JUN,SEP,NOV *") == .neverFires)
        #expect(refusal("0 0 30 2 *")?.description == "never fires: none of the chosen months has any of the chosen days of the month")
    }

    @Test func acceptsTheLeapDay() throws {
        #expect(try cron("0 0 29 2 *").text == "0 0 29 2 *")
    }
}

/// Segment refuses cron expressions whose runs can be under 15 minutes apart; the check is on
/// wall-clock times and exact over every day of the calendar.
@Suite struct CronSpacingTests {
    @Test func acceptsEveryFifteenMinutes() throws {
        #expect(try cron("*/15 * * * *").timesOfDay.count == 96)
    }

    @Test func refusesEveryFiveMinutes() {
        #expect(refusal("*/5 * * * *") == .tooFrequent(CronGap(from: 0, to: 5, crossesMidnight: false)))
        #expect(
            refusal("*/5 * * * *")?.description
                == "fires 5 minutes apart (at 00:00 and at 00:05); runs must be at least 15 minutes apart, as in Segment")
    }

    @Test func refusesTwoMinutesTenApart() {
        #expect(refusal("0,10 * * * *") == .tooFrequent(CronGap(from: 0, to: 10, crossesMidnight: false)))
    }

    @Test func refusesFiringsCloseAcrossTheHour() {
        #expect(refusal("0,50 * * * *") == .tooFrequent(CronGap(from: 50, to: 60, crossesMidnight: false)))
    }

    @Test func refusesFiringsCloseAcrossMidnight() {
        let gap = CronGap(from: 23 * 60 + 55, to: 5, crossesMidnight: true)
        #expect(refusal("5,55 0,23 * * *") == .tooFrequent(gap))
        #expect(
            refusal("5,55 0,23 * * *")?.description
                == "fires 10 minutes apart (at 23:55 and at 00:05 the next day); runs must be at least 15 minutes apart, as in Segment")
    }

    @Test func acceptsLateAndEarlyTimesOnDaysThatNeverFollowEachOther() throws {
        #expect(try cron("5,55 0,23 1 * *").timesOfDay.count == 4)
        #expect(try cron("5,55 0,23 * * SAT,MON").timesOfDay.count == 4)
        #expect(try cron("5,55 0,23 31,1 JAN,MAR *").timesOfDay.count == 4)
    }

    @Test func refusesLateAndEarlyTimesAcrossTheWeekend() {
        #expect(refusal("5,55 0,23 * * SAT,SUN") == .tooFrequent(CronGap(from: 23 * 60 + 55, to: 5, crossesMidnight: true)))
    }

    @Test func refusesLateAndEarlyTimesAcrossAMonthEnd() {
        #expect(refusal("5,55 0,23 31,1 * *") == .tooFrequent(CronGap(from: 23 * 60 + 55, to: 5, crossesMidnight: true)))
    }

    @Test func refusesLateAndEarlyTimesAcrossTheYearEnd() {
        #expect(refusal("5,55 0,23 31,1 DEC,JAN *") == .tooFrequent(CronGap(from: 23 * 60 + 55, to: 5, crossesMidnight: true)))
    }

    @Test func refusesLateAndEarlyTimesAcrossALeapDay() {
        // February 29 is followed by March 1 only in leap years, and that is enough.
        #expect(refusal("5,55 0,23 29,1 FEB,MAR *") == .tooFrequent(CronGap(from: 23 * 60 + 55, to: 5, crossesMidnight: true)))
    }

    @Test func refusesLateAndEarlyTimesWhenEitherDayRuleMakesTheDaysFollow() {
        // The 1st or any Monday: a Monday the 31st is followed by Tuesday the 1st.
        #expect(refusal("5,55 0,23 1 * MON") == .tooFrequent(CronGap(from: 23 * 60 + 55, to: 5, crossesMidnight: true)))
    }

    @Test func acceptsOncePerDay() throws {
        #expect(try cron("59 23 * * *").timesOfDay == [1439])
    }
}

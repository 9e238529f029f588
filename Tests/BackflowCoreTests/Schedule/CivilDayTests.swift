import Foundation
import Testing

@testable import BackflowCore

@Suite struct CivilDayTests {
    @Test func steppingThroughACycleKeepsTheWeekdayOfEveryDate() {
        var day = CivilDay(year: 2000, month: 1, day: 1)
        for _ in 0..<CivilDay.daysPerCycle {
            day = day.next
            let computed = CivilDay(year: day.year, month: day.month, day: day.day)
            guard computed.weekday == day.weekday else {
                Issue.record("\(day.year)-\(day.month)-\(day.day): stepped to weekday \(day.weekday), computed \(computed.weekday)")
                return
            }
        }
        #expect((day.year, day.month, day.day) == (2400, 1, 1))
    }

    @Test func theWeekdayAgreesWithFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for (year, month, day) in [(2024, 2, 29), (2026, 3, 29), (2100, 3, 1), (1999, 12, 31)] {
            let date = calendar.date(from: DateComponents(year: year, month: month, day: day))!
            #expect(CivilDay(year: year, month: month, day: day).weekday == calendar.component(.weekday, from: date) - 1)
        }
    }

    @Test func steppingBackUndoesSteppingForward() {
        for start in [CivilDay(year: 2024, month: 3, day: 1), CivilDay(year: 2027, month: 1, day: 1), CivilDay(year: 2100, month: 3, day: 1)] {
            let back = start.previous
            #expect((back.next.year, back.next.month, back.next.day, back.next.weekday) == (start.year, start.month, start.day, start.weekday))
        }
        #expect(CivilDay(year: 2024, month: 3, day: 1).previous.day == 29)
        #expect(CivilDay(year: 2100, month: 3, day: 1).previous.day == 28)
    }
}

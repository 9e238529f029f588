import Foundation
import Testing

@testable import BackflowCore

/// The documented example with its first mapping's schedule line (line 39) replaced, comment and all.
private func documented(schedule: String) -> String {
    let lines = WorkspaceExample.documented.split(separator: "\n", omittingEmptySubsequences: false)
    precondition(lines[38].hasPrefix("    schedule: manual "))
    return (lines[..<38] + ["    schedule: \(schedule)"[...]] + lines[39...]).joined(separator: "\n")
}

@Suite struct WorkspaceCronScheduleTests {
    @Test func loadsACronScheduleWithItsTimeZone() throws {
        let workspace = try WorkspaceLoader.load(text: documented(schedule: #"{cron: "0 */2 * * *", time_zone: "Europe/Berlin"}"#))
        #expect(workspace.mappings[0].schedule == .cron(try CronExpression("0 */2 * * *"), timeZone: IANATimeZone("Europe/Berlin")!))
    }

    @Test func loadsACronScheduleWrittenAsABlock() throws {
        let text = documented(schedule: "\n      cron: 30 6 * * MON-FRI\n      time_zone: America/New_York\n   ")
        let schedule = try WorkspaceLoader.load(text: text).mappings[0].schedule
        #expect(schedule == .cron(try CronExpression("30 6 * * MON-FRI"), timeZone: IANATimeZone("America/New_York")!))
    }

    @Test func aCronScheduleSavesBackByteForByte() throws {
        let text = documented(schedule: #"{cron: "0  9 * * mon,fri", time_zone: "UTC"}"#)
        let workspace = try WorkspaceLoader.load(text: text)
        #expect(WorkspaceWriter.render(workspace, preservingFrom: text) == text)
    }

    @Test func aCronScheduleIsWrittenInFlowFormWithBothValuesQuoted() throws {
        var workspace = try WorkspaceLoader.load(text: WorkspaceExample.documented)
        workspace.mappings[0].schedule = .cron(try CronExpression("*/30 * * * *"), timeZone: IANATimeZone("Asia/Kolkata")!)
        let rendered = WorkspaceWriter.render(workspace, preservingFrom: nil)
        #expect(rendered.contains(#"    schedule: {cron: "*/30 * * * *", time_zone: "Asia/Kolkata"}"#))
        #expect(try WorkspaceLoader.load(text: rendered) == workspace)
    }

    @Test func reportsAFieldErrorAtTheExpression() {
        expectDiagnostics(documented(schedule: #"{cron: "0 25 * * *", time_zone: UTC}"#), [
            #"backflow.yml:39:22: mappings[0].schedule.cron: hour field "25": 25 is out of range: expected a number 0-23"#
        ])
    }

    @Test func reportsAnExpressionThatFiresTooOften() {
        expectDiagnostics(documented(schedule: #"{cron: "*/10 * * * *", time_zone: UTC}"#), [
            #"backflow.yml:39:22: mappings[0].schedule.cron: fires 10 minutes apart (at 00:00 and at 00:10); runs must be at least 15 minutes apart, as in Segment"#
        ])
    }

    @Test func reportsAMissingTimeZone() {
        expectDiagnostics(documented(schedule: #"{cron: "0 9 * * *"}"#), [
            #"backflow.yml:39:15: mappings[0].schedule: missing required key "time_zone": the IANA time zone of the cron times, such as "UTC" or "Europe/Berlin""#
        ])
    }

    @Test func reportsAMisspelledTimeZoneWithASuggestion() {
        expectDiagnostics(documented(schedule: #"{cron: "0 9 * * *", time_zone: Europe/Berln}"#), [
            #"backflow.yml:39:46: mappings[0].schedule.time_zone: expected an IANA time zone such as "UTC" or "Europe/Berlin" but found "Europe/Berln"; did you mean "Europe/Berlin"?"#
        ])
    }

    @Test func refusesAFixedOffsetThatIsNoIANAName() {
        expectDiagnostics(documented(schedule: #"{cron: "0 9 * * *", time_zone: GMT+1}"#), [
            #"backflow.yml:39:46: mappings[0].schedule.time_zone: expected an IANA time zone such as "UTC" or "Europe/Berlin" but found "GMT+1"; "#
                + #"a fixed offset is written "Etc/GMT-1" for UTC+1 (the sign inverted), though a city's zone also follows its daylight saving"#
        ])
    }

    @Test func reportsBothABadExpressionAndABadZone() {
        expectDiagnostics(documented(schedule: #"{cron: "0 9 * * *,", time_zone: Mars/Olympus_Mons}"#), [
            #"backflow.yml:39:22: mappings[0].schedule.cron: day-of-week field "*,": a list item is empty"#,
            #"backflow.yml:39:47: mappings[0].schedule.time_zone: expected an IANA time zone such as "UTC" or "Europe/Berlin" but found "Mars/Olympus_Mons""#,
        ])
    }

    @Test func refusesDayAndTimeKeysBesideACron() {
        expectDiagnostics(documented(schedule: #"{cron: "0 9 * * *", time_zone: UTC, at: "09:00"}"#), [
            #"backflow.yml:39:51: mappings[0].schedule.at: unknown key "at"; expected one of: cron, time_zone"#
        ])
    }
}

@Suite struct IANATimeZoneTests {
    @Test func keepsTheNameAsWrittenWhereFoundationRenamesTheZone() {
        #expect(IANATimeZone("UTC")?.name == "UTC")
    }

    @Test func acceptsTheIANASpellingOfAFixedOffset() {
        #expect(IANATimeZone("Etc/GMT-1")?.timeZone.secondsFromGMT() == 3600)
    }

    @Test func refusesFoundationsOwnOffsetSpellings() {
        #expect(IANATimeZone("GMT+1") == nil)
        #expect(IANATimeZone("UTC-05:30") == nil)
    }

    @Test func refusesAWrongCaseAndAbbreviations() {
        #expect(IANATimeZone("europe/berlin") == nil)
        #expect(IANATimeZone("CEST") == nil)
    }
}

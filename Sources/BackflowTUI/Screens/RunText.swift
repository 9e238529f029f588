import BackflowCore
import Foundation

/// How a run's status, times and counts read on screen, and the colour each status means: green
/// for a success, yellow for a partial or stopped run, red for a failure, the key colour while running.
enum RunText {
    /// The role a run's status is drawn in, by what it means.
    static func role(of run: SyncRun) -> UIRole {
        if let failure = run.runError { return failure.role }
        switch run.status {
        case .running: return .key
        case .success: return .success
        case .partial: return .warning
        case .failed: return .error
        }
    }

    /// `4s`, `2m05s`, `1h02m`.
    static func duration(_ seconds: Double) -> String {
        let whole = max(0, Int(seconds.rounded()))
        if whole < 60 { return "\(whole)s" }
        if whole < 3_600 { return "\(whole / 60)m" + twoDigits(whole % 60) + "s" }
        return "\(whole / 3_600)h" + twoDigits(whole % 3_600 / 60) + "m"
    }

    /// How long ago `time` was, from `now`: `just now`, `40s ago`, `3m ago`, `5h ago`, `2d ago`.
    static func age(since time: Double, now: Double) -> String {
        let seconds = Int(now - time)
        if seconds < 5 { return "just now" }
        if seconds < 60 { return "\(seconds)s ago" }
        if seconds < 3_600 { return "\(seconds / 60)m ago" }
        if seconds < 86_400 { return "\(seconds / 3_600)h ago" }
        return "\(seconds / 86_400)d ago"
    }

    /// The status and how old it is: `success 3m ago`, `stopped 1h ago` for an interrupted run, or
    /// for a run still going `running 12s`.
    static func statusWithAge(_ run: SyncRun, now: Double) -> String {
        run.status == .running
            ? "running " + duration(now - run.startedAt)
            : (run.runError?.status ?? run.statusText) + " " + age(since: run.finishedAt ?? run.startedAt, now: now)
    }

    /// `2024-05-02 10:00:00` in `zone`.
    static func clock(_ time: Double, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: time))
        let date = "\(parts.year ?? 0)-" + twoDigits(parts.month ?? 0) + "-" + twoDigits(parts.day ?? 0)
        return date + " " + [parts.hour, parts.minute, parts.second].map { twoDigits($0 ?? 0) }.joined(separator: ":")
    }

    /// A run's header: what it was and how it went, then its counts, then (wrapped) why it failed.
    static func headerLines(_ run: SyncRun, now: Double, zone: TimeZone, width: Int) -> [StyledLine] {
        let number = NumberText.grouped
        var status = StyledLine([
            ("#\(run.id) \(run.mapping)", .title), ("  " + run.statusText, role(of: run)),
            ("  started \(clock(run.startedAt, in: zone))", .muted),
        ])
        if let duration = run.duration { status.append("  took \(self.duration(duration))", .muted) }
        if let host = run.host { status.append("  on \(host)", .muted) }
        var counts = StyledLine([
            ("+\(number(run.counts.added)) ~\(number(run.counts.updated)) -\(number(run.counts.deleted))", .text),
            ("  sent \(number(run.delivered))", .text), ("  failed \(number(run.failed))", .text),
            ("  skipped \(number(run.skipped))", .text),
        ])
        if run.expired > 0 { counts.append("  expired \(number(run.expired))", .text) }
        var lines = status.flowed(width: width) + counts.flowed(width: width)
        if let failure = run.runError { lines += failureLines(failure, width: width) }
        return lines
    }

    /// Why the whole run failed, wrapped: the reason, then what its code means.
    static func failureLines(_ failure: RunError, width: Int) -> [StyledLine] {
        var lines = TextWrap.lines("Run \(failure.summary)", width: width).map { StyledLine($0, role: failure.role) }
        if let code = failure.code {
            lines += TextWrap.lines("\(code.rawValue): \(code.meaning)", width: width - 2)
                .map { StyledLine("  " + $0, role: .muted) }
        }
        return lines
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

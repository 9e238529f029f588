import BackflowCore
import Foundation

/// The one-line view of a running sync: phase, a bar, counts, rate and time left.
enum SyncProgressLine {
    static func render(_ progress: SyncProgress, width: Int) -> String {
        let counts = progress.counts
        var parts = [
            DisplayWidth.pad(progress.mapping, to: 22),
            DisplayWidth.pad(progress.phase.rawValue, to: 10),
        ]
        if let fraction = fraction(of: progress) {
            parts.append(bar(fraction, width: 12) + " " + DisplayWidth.pad("\(Int(fraction * 100))%", to: 4, alignRight: true))
        }
        parts.append("+\(counts.added) ~\(counts.updated) -\(counts.deleted)")
        parts.append("sent \(progress.delivered)")
        if progress.failed > 0 { parts.append("failed \(progress.failed)") }
        if progress.retries > 0 { parts.append("retries \(progress.retries)") }
        parts.append(Self.rate(progress.rate))
        if let left = progress.estimatedSecondsLeft { parts.append("ETA " + Self.duration(left)) }
        return DisplayWidth.truncate(parts.joined(separator: "  "), to: width)
    }

    static func fraction(of progress: SyncProgress) -> Double? {
        let settled = Double(progress.delivered + progress.failed + progress.skipped)
        switch progress.phase {
        case .loading:
            return progress.counts.extracted > 0 ? min(1, settled / Double(progress.counts.extracted)) : nil
        case .extracting:
            guard let rows = progress.modelRows, rows > 0 else { return nil }
            return min(1, settled / Double(rows))
        case .finished:
            return 1
        case .preparing:
            return nil
        }
    }

    private static func bar(_ fraction: Double, width: Int) -> String {
        let eighths = Int((fraction * Double(width * 8)).rounded(.down))
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var bar = String(repeating: "█", count: eighths / 8)
        if eighths / 8 < width { bar += partials[eighths % 8] }
        return "▕" + DisplayWidth.pad(bar, to: width) + "▏"
    }

    static func rate(_ perSecond: Double) -> String {
        perSecond >= 1_000 ? String(format: "%.1fk/s", perSecond / 1_000) : "\(Int(perSecond))/s"
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole)s" }
        if whole < 3_600 { return "\(whole / 60)m\((whole % 60).zeroPadded(to: 2))s" }
        return "\(whole / 3_600)h\((whole % 3_600 / 60).zeroPadded(to: 2))m"
    }
}

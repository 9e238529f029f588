import Foundation

/// The `sentAt` text of a batch: ISO-8601 in UTC with milliseconds, e.g. `2026-11-23T07:00:50.123Z`.
/// Segment compares it with its own receive time to correct the clock skew of message timestamps.
enum SentAtTimestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    static func text(for date: Date) -> String {
        date.formatted(style)
    }
}

import Foundation

/// Reads how long a receiver asks the sender to wait, from `Retry-After` (delta seconds or an
/// HTTP date, RFC 9110) or else Segment's `X-RateLimit-Reset` (seconds).
public enum RetryAfterHeader {
    public static func seconds(retryAfter: String?, rateLimitReset: String?, now: Date = Date()) -> Double? {
        if let value = retryAfter?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
            if let seconds = nonNegativeSeconds(value) { return seconds }
            if let date = httpDate(value) { return max(0, date.timeIntervalSince(now)) }
        }
        if let value = rateLimitReset?.trimmingCharacters(in: .whitespaces), let seconds = nonNegativeSeconds(value) {
            return seconds
        }
        return nil
    }

    private static func nonNegativeSeconds(_ text: String) -> Double? {
        guard let seconds = Double(text), seconds.isFinite, seconds >= 0 else { return nil }
        return seconds
    }

    /// The IMF-fixdate form (`Sun, 06 Nov 1994 08:49:37 GMT`), the only one senders may produce.
    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}

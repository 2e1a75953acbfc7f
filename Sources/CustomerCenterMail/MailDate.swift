import Foundation

/// RFC 5322 §3.3 dates, `Sun, 29 Nov 2026 08:12:00 +0000`: English names and a numeric zone whatever the
/// process locale.
enum MailDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `date` as seen in `timeZone`, to the second.
    static func format(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = Parts(calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date))
        let offsetMinutes = timeZone.secondsFromGMT(for: date) / 60
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = String(parts.year)
        return days[min(max(parts.weekday, 1), 7) - 1] + ", \(parts.day) " + months[min(max(parts.month, 1), 12) - 1] + " "
            + String(repeating: "0", count: max(0, 4 - year.count)) + year
            + " \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) "
            + (offsetMinutes < 0 ? "-" : "+") + two(abs(offsetMinutes) / 60) + two(abs(offsetMinutes) % 60)
    }

    /// `yyyyMMdd-HHmmss` in UTC, for outbox file names that sort by time.
    static func compactUTC(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = Parts(calendar.dateComponents([.day, .month, .year, .hour, .minute, .second], from: date))
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.year)" + two(parts.month) + two(parts.day) + "-" + two(parts.hour) + two(parts.minute) + two(parts.second)
    }

    /// The components a Gregorian calendar always fills for a date it was asked about (1 where absent).
    private struct Parts {
        let year, month, day, weekday, hour, minute, second: Int
        init(_ components: DateComponents) {
            year = components.year ?? 1
            month = components.month ?? 1
            day = components.day ?? 1
            weekday = components.weekday ?? 1
            hour = components.hour ?? 0
            minute = components.minute ?? 0
            second = components.second ?? 0
        }
    }
}

import CustomerCenterModel
import Foundation
import Synchronization

/// Calendar days in one time zone, remembered by quarter hour.
///
/// Every booking and every page turns Unix times into the merchant's days; creating a `Calendar`
/// and looking up the time zone for each cost more than the booking itself (measured under `wrk`).
/// One instance per loaded configuration (`SiteConfig.days`), not a process-wide table: it lives as
/// long as the configuration that uses it. A quarter hour of UTC never spans two local days: zone
/// offsets and their changes fall on quarter hours (the odd local mean times before 1900 aside), so
/// the day at the start of the quarter hour is the day of every second in it.
final class MerchantDays: Sendable {
    private let calendar: Calendar
    private let days = Mutex<[Int: CalendarDate]>([:])
    /// Bounds the memory of a long-running receiver: about 10 years of quarter hours in a full table.
    private static let capacity = 350_000

    /// The days of time zone `identifier` (UTC when it is unknown; loading the configuration refuses
    /// unknown zones).
    init(timeZone identifier: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: identifier) ?? .gmt
        self.calendar = calendar
    }

    /// Unix seconds of 0001-01-02 and 9999-12-30: times outside are clamped into this range, so every
    /// time has a day that `CalendarDate` can hold (its years are 1...9999) whatever the zone's offset.
    /// Callbacks refuse implausible times long before (`EventTime`); this keeps the function total.
    static let earliestSecond = -62_135_510_400
    static let latestSecond = 253_402_128_000

    func day(ofUnixTime seconds: Int) -> CalendarDate {
        let clamped = min(max(seconds, Self.earliestSecond), Self.latestSecond)
        let quarter = clamped >= 0 ? clamped / 900 : (clamped - 899) / 900
        if let known = days.withLock({ $0[quarter] }) { return known }
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(quarter * 900)))
        // The calendar always gives the three parts; should it not, the UTC day is the answer.
        let day = parts.year.flatMap { year in parts.month.flatMap { month in parts.day.flatMap { day in
            CalendarDate(year: year, month: month, day: day)
        } } } ?? CalendarDate(daysSinceEpoch: quarter >= 0 ? quarter / 96 : (quarter - 95) / 96)
        days.withLock { days in
            if days.count >= Self.capacity { days.removeAll(keepingCapacity: true) }
            days[quarter] = day
        }
        return day
    }
}

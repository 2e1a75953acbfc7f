import CustomerCenterModel
import Foundation
import Synchronization

/// Calendar days in one time zone, remembered by quarter hour.
///
/// Every booking and every page turns Unix times into the merchant's days; creating a `Calendar`
/// and looking up the time zone for each cost more than the booking itself (measured under `wrk`).
/// A quarter hour of UTC never spans two local days: zone offsets and their changes fall on quarter
/// hours (the odd local mean times before 1900 aside), so the day at the start of the quarter hour is
/// the day of every second in it.
final class MerchantDays: Sendable {
    private let calendar: Calendar
    private let days = Mutex<[Int: CalendarDate]>([:])
    /// Bounds the memory of a long-running receiver: about 10 years of quarter hours in a full table.
    private static let capacity = 350_000
    private static let zones = Mutex<[String: MerchantDays]>([:])

    private init(timeZone identifier: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 0)!
        self.calendar = calendar
    }

    /// The days of time zone `identifier` (UTC when it is unknown; loading the configuration refuses
    /// unknown zones).
    static func zone(_ identifier: String) -> MerchantDays {
        zones.withLock { zones in
            if let known = zones[identifier] { return known }
            let made = MerchantDays(timeZone: identifier)
            zones[identifier] = made
            return made
        }
    }

    func day(ofUnixTime seconds: Int) -> CalendarDate {
        let quarter = seconds >= 0 ? seconds / 900 : (seconds - 899) / 900
        if let known = days.withLock({ $0[quarter] }) { return known }
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(quarter * 900)))
        let day = CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
        days.withLock { days in
            if days.count >= Self.capacity { days.removeAll(keepingCapacity: true) }
            days[quarter] = day
        }
        return day
    }
}

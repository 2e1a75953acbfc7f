import CustomerCenterContent
import CustomerCenterModel
import Foundation
import Testing

/// The merchant's day of a Unix time is remembered by quarter hour; it must agree with Foundation's
/// calendar for every second, across daylight-saving changes and in zones with odd offsets.
@Suite struct MerchantDaysTests {
    static let zones = ["Europe/Berlin", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Chatham", "UTC"]

    @Test(arguments: zones)
    func agreesWithFoundationEverySevenMinutesForTwoYears(zone: String) throws {
        let config = try SiteConfig.parse(SiteConfigTests.valid.replacingOccurrences(
            of: "[site]\n", with: "[site]\ntimezone = \"\(zone)\"\n"), file: "config.toml")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: zone))
        // 2025-01-01 to 2027-01-01 UTC, every 7 minutes and 13 seconds: every quarter hour is hit at
        // different offsets, and so is each side of every zone change.
        var seconds = 1_735_689_600
        var mismatches: [String] = []
        while seconds < 1_798_761_600 {
            let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            let expected = CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
            let day = config.day(ofUnixTime: seconds)
            if day != expected, mismatches.count < 5 { mismatches.append("\(seconds): \(day) instead of \(expected)") }
            seconds += 433
        }
        #expect(mismatches.isEmpty, "\(zone): \(mismatches)")
    }

    @Test func aDayStartsAtLocalMidnight() throws {
        let config = try SiteConfig.parse(SiteConfigTests.valid, file: "config.toml")  // Europe/Berlin
        // 2026-03-28 23:00 UTC is 00:00 on 29 March in Berlin (CET, UTC+1); a second earlier is the 28th.
        #expect(config.day(ofUnixTime: 1_774_738_800) == CalendarDate(year: 2026, month: 3, day: 29))
        #expect(config.day(ofUnixTime: 1_774_738_799) == CalendarDate(year: 2026, month: 3, day: 28))
        // 2026-10-24 22:00 UTC is 00:00 on 25 October (CEST, UTC+2).
        #expect(config.day(ofUnixTime: 1_792_879_200) == CalendarDate(year: 2026, month: 10, day: 25))
        #expect(config.day(ofUnixTime: 1_792_879_199) == CalendarDate(year: 2026, month: 10, day: 24))
    }
}

import CustomerCenterModel
import Testing

@Suite struct CalendarDateTests {
    @Test func parsesISODates() {
        #expect(CalendarDate(iso: "2024-02-29") == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(CalendarDate(iso: "2025-02-29") == nil)
        #expect(CalendarDate(iso: "2025-13-01") == nil)
        #expect(CalendarDate(iso: "2025-1-01") == nil)
        #expect(CalendarDate(iso: "01.02.2025") == nil)
    }

    @Test func countsDaysAcrossMonthsAndYears() {
        let epoch = CalendarDate(year: 1970, month: 1, day: 1)!
        #expect(epoch.daysSinceEpoch == 0)
        #expect(CalendarDate(year: 2000, month: 3, day: 1)!.daysSinceEpoch == 11_017)
        let date = CalendarDate(year: 2026, month: 12, day: 30)!
        #expect(date.adding(days: 3) == CalendarDate(year: 2027, month: 1, day: 2))
        for offset in stride(from: -800_000, through: 800_000, by: 7919) {
            #expect(CalendarDate(daysSinceEpoch: offset).daysSinceEpoch == offset)
        }
    }
}

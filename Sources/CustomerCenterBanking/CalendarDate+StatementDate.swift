import CustomerCenterModel

extension CalendarDate {
    /// A date as statements write it: `YYYY-MM-DD`, an ISO date-time (`2026-11-28T10:15:00+01:00`,
    /// whose date part is the booking day as the bank states it), or with `germanOrder` also `DD.MM.YYYY`.
    init?(statementText text: String, germanOrder: Bool = false) {
        if let date = CalendarDate(iso: String(text.prefix(10))), text.count == 10 || text.dropFirst(10).first == "T" {
            self = date
            return
        }
        guard germanOrder else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 2, parts[1].count == 2, parts[2].count == 4,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]),
              let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        self = date
    }
}

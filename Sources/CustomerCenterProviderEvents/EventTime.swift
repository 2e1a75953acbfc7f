/// The range of event times (`created`) a callback may carry. Outside it the event is refused with
/// 422: nothing real happened before 2000 or more than a day ahead of our clock, and the bound keeps
/// every later date computation (the merchant's day of a payment) far inside what calendars cover.
public enum EventTime {
    /// 2000-01-01T00:00:00Z.
    public static let earliest = 946_684_800
    /// How far an event may lie ahead of our clock (the provider's clock may run ahead of ours).
    public static let allowedClockSkew = 86_400

    /// Unix seconds accepted as an event's time when our clock says `now`.
    public static func plausible(now: Int) -> ClosedRange<Int> {
        // `now` comes from our clock; clamped all the same, so the range can never trap.
        let latest = now.addingReportingOverflow(allowedClockSkew)
        return earliest...max(earliest, latest.overflow ? Int.max : latest.partialValue)
    }
}

/// How often `customer-center remind` may remind a customer of the same overdue invoice:
/// `[reminders]` in config.toml.
public struct ReminderSettings: Sendable, Hashable {
    /// Days between two reminders of one invoice; a rerun within them sends nothing for it.
    public var intervalDays: Int

    /// Settings with `intervalDays` (default 14, two weeks).
    public init(intervalDays: Int = 14) {
        self.intervalDays = intervalDays
    }
}

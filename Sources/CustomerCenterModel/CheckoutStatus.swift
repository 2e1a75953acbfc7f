/// Where a checkout started from a pay link stands.
public enum CheckoutStatus: String, Codable, Hashable, Sendable, CaseIterable {
    /// Sent to the provider, no confirmation yet.
    case pending
    /// The provider confirmed; the payment is booked.
    case completed
    /// The provider declined or could not be reached.
    case failed
    /// The customer turned back at the provider.
    case cancelled
    /// No confirmation within the configured time.
    case expired
}

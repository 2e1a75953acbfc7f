/// A message that cannot be composed for a customer: no email address, or one the mail module refuses.
public struct ComposeError: Error, Sendable, CustomStringConvertible {
    /// The customer it was for.
    public var customerID: String
    /// Why, as the rest of a sentence ("has no email address").
    public var reason: String

    public var description: String { "customer \(customerID) \(reason)" }
}

/// What booking an event did. Every outcome is safe to acknowledge with a 2xx: the event is durable.
public enum BookingOutcome: Equatable, Sendable {
    /// Booked to the customer's account; their page needs regenerating.
    case booked(customerID: String)
    /// Kept as unmatched (or currency mismatch), listed by `customer-center unmatched`.
    case unmatched(reason: String)
    /// A refund stored until its payment arrives.
    case waitingForPayment
    /// This event id was seen before: nothing booked.
    case duplicateEvent
    /// A new event for a payment already booked: nothing booked.
    case duplicatePayment

    /// The outcome as the event table stores it.
    public var stored: LedgerEvent.Outcome {
        switch self {
        case .booked: .booked
        case .unmatched: .unmatched
        case .waitingForPayment: .waiting
        case .duplicateEvent: .duplicateEvent
        case .duplicatePayment: .duplicatePayment
        }
    }

    /// The word stored in the event table and logged.
    public var label: String { stored.rawValue }
}

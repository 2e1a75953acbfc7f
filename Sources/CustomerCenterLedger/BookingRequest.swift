import CustomerCenterModel

/// One booking request of a group commit (`LedgerStore.book(_:dateOf:)`).
public struct BookingRequest: Sendable {
    public var event: PaymentEvent
    public var target: BookingTarget
    public var receivedAt: Int

    public init(event: PaymentEvent, target: BookingTarget, receivedAt: Int) {
        self.event = event
        self.target = target
        self.receivedAt = receivedAt
    }
}

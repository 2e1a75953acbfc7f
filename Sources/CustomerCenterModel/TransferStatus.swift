/// Where a bank transfer stands: announced by the customer (a top-up request), seen on the
/// merchant's bank statement, approved (booked), rejected by the merchant, or expired unpaid.
public enum TransferStatus: String, Codable, Hashable, Sendable, CaseIterable {
    case announced, received, approved, rejected, expired

    /// Whether the transfer can still be approved or rejected.
    public var isOpen: Bool { self == .announced || self == .received }
}

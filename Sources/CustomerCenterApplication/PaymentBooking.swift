import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import Foundation

/// Books a provider's payment event: where its money belongs (`PaymentMatcher`), then exactly once
/// in the next group commit (`BookingBatcher`). The caller acknowledges the provider only on success:
/// the booking is durable by then.
public final class PaymentBooking: Sendable {
    private let ledger: any LedgerStore
    private let matcher: PaymentMatcher
    private let batcher: BookingBatcher

    /// Booking into the workspace's ledger, matched against its content.
    public init(workspace: Workspace) throws(WorkspaceError) {
        let config = try workspace.config()
        ledger = try workspace.ledger()
        matcher = PaymentMatcher(workspace: workspace)
        batcher = BookingBatcher(ledger: ledger, dateOf: { config.day(ofUnixTime: $0) })
    }

    /// Why an event could not be booked now; the provider should deliver it again later.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// The ledger could not be read or written.
        case ledger(LedgerError)
        /// The named customer's content file exists but does not load: booking it as unmatched would
        /// keep the money from an account that is known.
        case content(customerID: String, problems: [String])

        public var description: String {
            switch self {
            case .ledger(let error): "\(error.action): \(error.reason)"
            case .content(let customerID, let problems):
                "the content file of customer \(customerID) does not load: \(problems.joined(separator: "; "))"
            }
        }
    }

    /// Books `event`, received at Unix time `receivedAt`; the outcome once it is durable.
    public func book(_ event: PaymentEvent, receivedAt: Int) async -> Result<BookingOutcome, Failure> {
        var event = event
        if event.kind == .refund {
            // A refund belongs where its payment went, whatever its own metadata says (often nothing).
            do {
                if let original = try ledger.payment(provider: event.provider, paymentID: event.paymentID) {
                    event.customerID = original.customerID
                    event.accountID = original.accountID
                }
            } catch {
                return .failure(.ledger(error))
            }
        }
        let target: BookingTarget
        switch matcher.target(for: event) {
        case .success(let found): target = found
        case .failure(let failure): return .failure(failure)
        }
        return await batcher.book(BookingRequest(event: event, target: target, receivedAt: receivedAt))
            .mapError { .ledger($0) }
    }
}

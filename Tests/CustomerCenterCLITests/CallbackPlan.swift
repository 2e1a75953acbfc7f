import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterSigning
import CustomerCenterTestSupport
import Foundation

/// The callbacks of the crash test, drawn from a seed: payments to every account of the content
/// (invoice accounts with and without an invoice number, prepaid top-ups), partial refunds of some,
/// some payments sent again under a new event id (a provider retrying with a fresh event), and a
/// delivery order in which many events are delivered twice.
struct CallbackPlan: Sendable {
    /// One distinct event.
    struct Event: Sendable {
        let id: String
        let body: [UInt8]
        let customerID: String
        let accountID: String
        let kind: PaymentEvent.Kind
        let paymentID: String
        /// `""` for payments, as the ledger stores it.
        let refundID: String
        let amountMinor: Int
        /// Index of the event carrying the same payment under another id, for a pair of those.
        var twin: Int?
    }

    /// A paying account of the content.
    struct Target: Sendable {
        let customerID: String
        let accountID: String
        let prepaid: Bool
        let invoices: [String]
        let currency: String
    }

    let events: [Event]
    /// Positions into `events` in delivery order; some events appear twice.
    let deliveries: [Int]

    /// `payments` payments, `refunds` refunds of distinct payments, `retries` payments repeated under a
    /// new event id and `repeats` second deliveries, over `targets`, created at `created`.
    init(seed: UInt64, targets: [Target], payments: Int, refunds: Int, retries: Int, repeats: Int, created: Int) {
        var random = SeededGenerator(seed: seed)
        var events: [Event] = []
        var paid: [(target: Target, invoice: String?, amount: Int)] = []
        func add(_ id: String, _ type: String, payment index: Int, refund: (id: String, amount: Int)? = nil) {
            let (target, invoice, amount) = paid[index]
            events.append(Event(id: id, body: CallbackPlan.body(id: id, type: type, paymentID: "pay_crash_\(index)", amount: amount,
                                                                target: target, invoice: invoice, refund: refund, created: created),
                                customerID: target.customerID, accountID: target.accountID, kind: refund == nil ? .payment : .refund,
                                paymentID: "pay_crash_\(index)", refundID: refund?.id ?? "", amountMinor: refund?.amount ?? amount,
                                twin: nil))
        }
        for index in 0..<payments {
            let target = targets[Int.random(in: 0..<targets.count, using: &random)]
            let invoice = target.prepaid || Bool.random(using: &random) ? nil : target.invoices.randomElement(using: &random)
            paid.append((target, invoice, Int.random(in: 100...9_999, using: &random)))
            add("evt_crash_\(index)", "payment.succeeded", payment: index)
        }
        // Partial refunds of distinct payments, each at most the payment's amount.
        for (number, index) in (0..<payments).shuffled(using: &random).prefix(refunds).enumerated() {
            add("evt_crash_refund_\(number)", "payment.refunded", payment: index,
                refund: ("ref_crash_\(number)", Int.random(in: 1...paid[index].amount, using: &random)))
        }
        // The same payment again under a new event id: exactly one of the two books it.
        for (number, index) in (0..<payments).shuffled(using: &random).prefix(retries).enumerated() {
            events[index].twin = events.count
            add("evt_crash_retry_\(number)", "payment.succeeded", payment: index)
            events[events.count - 1].twin = index
        }
        var deliveries = Array(events.indices)
        for _ in 0..<repeats { deliveries.append(Int.random(in: 0..<events.count, using: &random)) }
        deliveries.shuffle(using: &random)
        self.events = events
        self.deliveries = deliveries
    }

    /// The sandbox format (docs/providers.md), keys sorted.
    static func body(id: String, type: String, paymentID: String, amount: Int, target: Target, invoice: String?,
                     refund: (id: String, amount: Int)?, created: Int) -> [UInt8] {
        func decimal(_ minor: Int) -> String {
            Currency(code: target.currency).map { Money(minorUnits: minor, currency: $0).decimalString } ?? ""
        }
        var payment: [String: Any] = ["id": paymentID, "amount": decimal(amount), "currency": target.currency, "method": "card",
                                      "customer": target.customerID, "account": target.accountID,
                                      "purpose": target.prepaid ? "top-up" : "settle"]
        if let invoice { payment["invoice"] = invoice }
        var object: [String: Any] = ["id": id, "type": type, "created": created, "payment": payment]
        if let refund { object["refund"] = ["id": refund.id, "amount": decimal(refund.amount)] }
        return [UInt8]((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
    }

    /// Headers of `event` signed now, as the provider sends it (Standard Webhooks keeps the message id
    /// across redeliveries).
    static func headers(_ event: Event, secret: String, timestamp: Int) -> [String: String] {
        var headers = ["Content-Type": "application/json"]
        for header in WebhookSigner(scheme: .standardWebhooks, secret: secret).headers(body: event.body, timestamp: timestamp, id: "msg_" + event.id) {
            headers[header.name] = header.value
        }
        return headers
    }

    /// Net booked money per account: payments (a retried one once) less refunds.
    var expectedNet: [String: Int] {
        var net: [String: Int] = [:]
        for (index, event) in events.enumerated() where event.twin.map({ $0 > index }) ?? true {
            net[event.accountID, default: 0] += event.kind == .payment ? event.amountMinor : -event.amountMinor
        }
        return net
    }

    /// Every paying account of the content folder at `path` in a two-decimal currency.
    static func targets(content path: String) throws -> [Target] {
        let folder = ContentFolder(path: path)
        let defaults = ContentDefaults(try folder.loadConfig())
        return try folder.customerFiles().flatMap { file in
            try CustomerFile.load(path: file, defaults: defaults).accounts.map { (file, $0) }
        }.compactMap { file, account -> Target? in
            guard account.currency.minorUnitDigits == 2 else { return nil }
            return Target(customerID: CustomerFile.id(ofPath: file), accountID: account.id, prepaid: account.kind == .prepaid,
                          invoices: account.invoices.map(\.number), currency: account.currency.code)
        }
    }
}

import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterRender
import Foundation
import Logging

/// Bank transfers from the announcement to the merchant's decision: a top-up request gets a fresh RF
/// reference, an email and its page; the merchant approves (books the money, sends the receipt) or
/// rejects; announcements past their last day expire. The customer's page follows every step.
public final class BankTransfers: Sendable {
    private let workspace: Workspace
    private let ledger: any LedgerStore
    private let mailer: Mailer
    private let pages: PageRegenerator

    /// Transfers in the workspace's ledger; emails through `mailer`, pages through `pages`.
    public init(workspace: Workspace, mailer: Mailer, pages: PageRegenerator) throws(WorkspaceError) {
        self.workspace = workspace
        self.ledger = try workspace.ledger()
        self.mailer = mailer
        self.pages = pages
    }

    private var logger: Logger { workspace.logger }

    /// A recorded top-up request: the row, its reference and the last day the money is expected.
    public struct Request: Sendable {
        public var transfer: TransferRecord
        public var reference: CreditorReference
        public var lastDay: CalendarDate
    }

    /// Records a top-up request of `amount` on `account` with a fresh reference; a new one gets its
    /// payment-request email and its page regenerated (a repeated request returns the waiting one).
    public func request(customer: Customer, account: Account, amount: Money) async throws(TransferActionError) -> Request {
        let config = try workspaceConfig()
        let nowSeconds = workspace.nowSeconds
        // Expires at the end of the merchant's day, `transfer_expiry_days` from today.
        let lastDay = config.day(ofUnixTime: nowSeconds).adding(days: config.payLinks.transferExpiryDays)
        let recorded: (transfer: TransferRecord, isNew: Bool)
        do {
            recorded = try ledger.requestTopUp(customerID: customer.id, accountID: account.id, amount: amount, at: nowSeconds,
                                               expiresAt: Self.endOfDay(lastDay, timeZone: config.timeZone))
        } catch {
            logger.error("cannot record top-up request", metadata: ["customer": "\(customer.id)", "reason": "\(error.action)"])
            throw TransferActionError("the ledger could not \(error.action): \(error.reason)")
        }
        guard let reference = recorded.transfer.creditorReference else {
            throw TransferActionError("the ledger holds a malformed reference \(recorded.transfer.reference)")
        }
        if recorded.isNew {
            logger.info("top-up announced", metadata: ["customer": "\(customer.id)", "account": "\(account.id)",
                                                       "reference": "\(reference.value)", "amount": "\(amount)"])
            let email = try workspaceRenderer().renderPaymentRequest(customer: customer, account: account, amount: amount,
                                                                     reference: reference, expires: lastDay)
            await mailer.send(email, to: customer)
            await pages.schedule(customer.id)
        }
        // A repeated request keeps its first expiry.
        return Request(transfer: recorded.transfer, reference: reference,
                       lastDay: recorded.transfer.expiresAt.map { config.day(ofUnixTime: $0) } ?? lastDay)
    }

    /// A top-up request made by the merchant for a customer (`customer-center request-transfer`): the
    /// same reference, email and page as when the customer asks on their page.
    public func request(customerID: String, accountID: String, amount amountText: String) async throws(TransferActionError) -> TransferRecord {
        let config = try workspaceConfig()
        let customer: Customer
        do { customer = try workspace.customer(customerID) } catch {
            throw TransferActionError("customer \(customerID): \(error)")
        }
        guard let account = customer.accounts.first(where: { $0.id == accountID }) else {
            throw TransferActionError("customer \(customerID) has no account \"\(accountID)\"")
        }
        guard account.kind == .prepaid else {
            throw TransferActionError("account \(accountID) is an invoice account; top-ups are for prepaid accounts")
        }
        let amount = try Self.merchantAmount(amountText, currency: account.currency, locale: config.defaultLocale)
        let minimum = config.payLinks.minimum.sameNumber(in: account.currency, roundingUp: true)
        let maximum = config.payLinks.maximum.sameNumber(in: account.currency, roundingUp: false)
        guard (minimum...maximum).contains(amount) else {
            throw TransferActionError("--amount \(amountText) is outside [payments] min_amount…max_amount (\(minimum) to \(maximum))")
        }
        let recorded = try await request(customer: customer, account: account, amount: amount)
        await pages.idle()
        return recorded.transfer
    }

    /// Approves the transfer on `reference` (any spelling): books `amount` (default: what was received,
    /// else announced) dated `date`, regenerates the page and sends the receipt.
    public func approve(reference text: String, amount amountText: String?, date dateText: String?,
                        allowRepeat: Bool = false) async throws(TransferActionError) -> ApprovalReport {
        let config = try workspaceConfig()
        let (reference, record) = try knownReference(text)
        let (customer, account) = try contentAccount(customerID: record.customerID, accountID: record.accountID, reference: reference)
        var amount: Money?
        if let amountText { amount = try Self.merchantAmount(amountText, currency: account.currency, locale: config.defaultLocale) }
        var date: CalendarDate?
        if let dateText {
            guard let parsed = CalendarDate(iso: dateText.trimmingCharacters(in: .whitespaces)) else {
                throw TransferActionError("--date \"\(dateText)\" is not a date; write it as YYYY-MM-DD, e.g. 2026-11-28")
            }
            date = parsed
        }
        let result: Result<ApprovedTransfer, TransferProblem>
        do {
            result = try ledger.approveTransfer(reference: reference, amount: amount, date: date, customerID: customer.id, account: account,
                                                allowRepeat: allowRepeat, at: workspace.nowSeconds, dateOf: { config.day(ofUnixTime: $0) })
        } catch {
            throw TransferActionError("the ledger could not \(error.action): \(error.reason); nothing was booked")
        }
        let approved: ApprovedTransfer
        switch result {
        case .success(let value): approved = value
        case .failure(let problem): throw TransferActionError(problem.description)
        }
        await afterApproval(approved, customer: customer, account: account)
        await pages.idle()
        let allocations: [LedgerAllocation]
        do { allocations = try ledger.allocations(paymentRowID: approved.payment.id ?? 0) } catch {
            // Booked and mailed; only the report's breakdown is missing.
            logger.error("cannot read allocations", metadata: ["reason": "\(error.action): \(error.reason)"])
            allocations = []
        }
        return ApprovalReport(transfer: approved.transfer, payment: approved.payment, allocations: allocations,
                              customerName: customer.name)
    }

    /// After an approval is committed: the page, then the receipt with the balance after it.
    func afterApproval(_ approved: ApprovedTransfer, customer: Customer, account: Account) async {
        logger.info("transfer approved", metadata: ["customer": "\(customer.id)", "reference": "\(approved.transfer.reference)",
                                                    "amount": "\(approved.payment.amountMinor) \(approved.payment.currency)"])
        await pages.schedule(customer.id)
        let amount = approved.payment.amount
        guard let config = try? workspace.config(), let renderer = try? workspace.renderer() else {
            return
        }
        let booked: [RecordedPayment]
        do { booked = try ledger.recordedPayments(customerID: customer.id, dateOf: { config.day(ofUnixTime: $0) }) } catch {
            // A receipt with a wrong balance is worse than none: the page shows the truth.
            logger.error("receipt not sent", metadata: ["customer": "\(customer.id)", "reason": "\(error.action): \(error.reason)"])
            return
        }
        let day = approved.transfer.receivedOn.flatMap { CalendarDate(iso: $0) } ?? config.day(ofUnixTime: approved.payment.occurredAt)
        let email = renderer.renderReceipt(customer: customer, account: account.including(booked), amount: amount, date: day)
        await mailer.send(email, to: customer)
    }

    /// Rejects the open transfer on `reference`: nothing is booked, the page says so.
    public func reject(reference text: String, reason: String?) async throws(TransferActionError) -> TransferRecord {
        let (reference, _) = try knownReference(text)
        let result: Result<TransferRecord, TransferProblem>
        do {
            result = try ledger.rejectTransfer(reference: reference, reason: reason, at: workspace.nowSeconds)
        } catch {
            throw TransferActionError("the ledger could not \(error.action): \(error.reason)")
        }
        switch result {
        case .success(let row):
            logger.info("transfer rejected", metadata: ["customer": "\(row.customerID)", "reference": "\(row.reference)"])
            await pages.schedule(row.customerID)
            await pages.idle()
            return row
        case .failure(let problem):
            throw TransferActionError(problem.description)
        }
    }

    /// Marks announcements past their last day as expired and regenerates their pages. Safe to run
    /// anywhere at any time: an announcement expires once.
    @discardableResult
    public func expire() async -> [TransferRecord] {
        do {
            let expired = try ledger.expireTransfers(now: workspace.nowSeconds)
            for row in expired {
                logger.info("transfer announcement expired", metadata: ["customer": "\(row.customerID)", "reference": "\(row.reference)"])
                await pages.schedule(row.customerID)
            }
            return expired
        } catch {
            logger.error("cannot expire transfer announcements", metadata: ["reason": "\(error.action): \(error.reason)"])
            return []
        }
    }

    /// Transfers waiting for the merchant (the CLI's `transfers`).
    public func open() throws(TransferActionError) -> [TransferRecord] {
        do { return try ledger.openTransfers(now: workspace.nowSeconds) } catch {
            throw TransferActionError("the ledger could not \(error.action): \(error.reason)")
        }
    }

    /// A reference as typed (spaces, any case), checked and looked up.
    func knownReference(_ text: String) throws(TransferActionError) -> (CreditorReference, TransferReferenceRecord) {
        let compact = text.filter { !$0.isWhitespace }.uppercased()
        guard let reference = CreditorReference(text) else {
            if compact.hasPrefix("RF"), compact.count >= 5, compact.count <= 25 {
                throw TransferActionError("\"\(text)\" is not a valid RF reference: the check digits do not match (a typo?)")
            }
            throw TransferActionError("\"\(text)\" is not an RF reference (RF, two check digits, up to 21 letters and digits)")
        }
        let record: TransferReferenceRecord?
        do { record = try ledger.transferReference(reference.value) } catch {
            throw TransferActionError("the ledger could not \(error.action): \(error.reason)")
        }
        guard let record else {
            throw TransferActionError("reference \(reference.printed) is valid but was never handed out by this ledger (\(ledger.path))")
        }
        return (reference, record)
    }

    /// The customer and account a reference belongs to, from the content.
    func contentAccount(customerID: String, accountID: String, reference: CreditorReference) throws(TransferActionError) -> (Customer, Account) {
        let customer: Customer
        do { customer = try workspace.customer(customerID) } catch {
            throw TransferActionError("reference \(reference.printed) belongs to customer \(customerID), whose file cannot be read: \(error)")
        }
        guard let account = customer.accounts.first(where: { $0.id == accountID }) else {
            throw TransferActionError("reference \(reference.printed) belongs to account \(accountID) of customer \(customerID), which is no longer in the content")
        }
        return (customer, account)
    }

    private func workspaceConfig() throws(TransferActionError) -> SiteConfig {
        do { return try workspace.config() } catch { throw TransferActionError(error.description) }
    }

    private func workspaceRenderer() throws(TransferActionError) -> SiteRenderer {
        do { return try workspace.renderer() } catch { throw TransferActionError(error.description) }
    }

    /// The last second of `day` in `timeZone`, as Unix time.
    static func endOfDay(_ day: CalendarDate, timeZone: String) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? .gmt
        let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day + 1)) ?? Date()
        return Int(start.timeIntervalSince1970) - 1
    }

    /// An amount as the merchant types it: `50,00`, `50.00`, `1.234,56`; more than zero.
    static func merchantAmount(_ text: String, currency: Currency, locale: CustomerLocale) throws(TransferActionError) -> Money {
        do { return try AmountInput.parse(text, locale: locale, currency: currency) } catch {
            switch error {
            case .notPositive: throw TransferActionError("--amount \"\(text)\" must be more than zero")
            case .empty: throw TransferActionError("--amount is empty; give the amount received, e.g. 50,00")
            case .tooManyDecimals(let allowed): throw TransferActionError("--amount \"\(text)\" has more than \(allowed) decimals")
            case .ambiguous(let other):
                throw TransferActionError("--amount \"\(text)\" has more than \(currency.minorUnitDigits) decimals; for \(other.decimalString) \(currency.code) write \(other.decimalString)")
            case .notANumber: throw TransferActionError("--amount \"\(text)\" is not an amount; write it like 50,00")
            }
        }
    }
}

/// A merchant's transfer action that cannot be done, and why, in one line.
public struct TransferActionError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// What an approval booked.
public struct ApprovalReport: Sendable {
    public var transfer: TransferRecord
    public var payment: LedgerPayment
    /// How the payment was applied: invoices (by number) and credit (nil).
    public var allocations: [LedgerAllocation]
    public var customerName: String
}

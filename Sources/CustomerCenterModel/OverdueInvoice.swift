/// An invoice a reminder names: where it stands on the reminder's day (overdue, with what is open)
/// on its account, and the RF reference to transfer it with (nil when transfers are not offered).
public struct OverdueInvoice: Hashable, Sendable {
    public var account: Account
    public var line: AccountStatement.InvoiceLine
    public var reference: CreditorReference?

    public init(account: Account, line: AccountStatement.InvoiceLine, reference: CreditorReference?) {
        self.account = account
        self.line = line
        self.reference = reference
    }
}

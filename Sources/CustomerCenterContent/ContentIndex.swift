import CustomerCenterModel

/// Checks that span customer files: account ids and invoice numbers are unique across all customers,
/// since pay links and bank references name them.
public struct ContentIndex: Sendable {
    private var accountOwners: [String: String] = [:]
    private var invoiceOwners: [String: String] = [:]

    /// An empty index.
    public init() {}

    /// Records `customer` from `file`; returns a problem for every id already taken by another file.
    public mutating func add(_ customer: Customer, file: String) -> [ContentError] {
        var problems: [ContentError] = []
        for (accountIndex, account) in customer.accounts.enumerated() {
            if let owner = accountOwners[account.id] {
                problems.append(ContentError(file: file, field: "accounts[\(accountIndex)].id",
                                             reason: "account id \"\(account.id)\" is already used in \(owner)"))
            } else {
                accountOwners[account.id] = file
            }
            for (invoiceIndex, invoice) in account.invoices.enumerated() {
                if let owner = invoiceOwners[invoice.number] {
                    let place = owner == file ? "appears twice in this file" : "is already used in \(owner)"
                    problems.append(ContentError(file: file, field: "accounts[\(accountIndex)].invoices[\(invoiceIndex)].number",
                                                 reason: "duplicate invoice number: \"\(invoice.number)\" \(place)"))
                } else {
                    invoiceOwners[invoice.number] = file
                }
            }
        }
        return problems
    }
}

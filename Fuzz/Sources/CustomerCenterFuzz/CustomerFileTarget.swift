import CustomerCenterContent
import CustomerCenterModel
import Foundation

/// Customer files (CustomerFile.parse, Foundation's JSONSerialization underneath), read without a
/// file name to match the id against (the seeds are several customers' files). A customer read has what validation promises (valid ids, a
/// supported locale, positive invoices and payments, non-zero transactions, one currency per
/// account, due dates not before issue dates); written back as a customer file it reads as the same
/// customer; and each account's statement (the allocation of payments) adds up.
enum CustomerFileTarget {
    static let defaults = ContentDefaults(locale: CustomerLocale("de-DE")!, currency: .eur)
    static let asOf = CalendarDate(year: 2026, month: 11, day: 16)!

    static func fuzz(_ bytes: [UInt8]) {
        let customer: Customer
        do { customer = try CustomerFile.parse(Data(bytes), file: "content/customers/1001.json", expectedID: nil, defaults: defaults) } catch {
            Property.check(!error.problems.isEmpty, "refused without a problem")
            for problem in error.problems {
                Property.check(problem.file == "content/customers/1001.json" && !problem.reason.isEmpty, "problem \(problem)")
                if let line = problem.line { Property.check(line >= 1, "problem at line \(line): \(problem)") }
            }
            return
        }
        check(customer)
        let written = CustomerJSON.write(customer)
        do {
            let again = try CustomerFile.parse(Data(written.utf8), file: "content/customers/1001.json", expectedID: nil, defaults: defaults)
            Property.check(again == customer, "written back as \(written) it reads as \(again), not \(customer)")
        } catch {
            Property.fail("written back as \(written) it is refused: \(error)")
        }
    }

    static func check(_ customer: Customer) {
        Property.check(CustomerFile.isValidID(customer.id) && customer.linkVersion >= 1 && !customer.accounts.isEmpty, "customer \(customer)")
        Property.check(CustomerLocale(customer.locale)?.identifier == customer.locale, "locale \(customer.locale)")
        Property.check(Set(customer.accounts.map(\.id)).count == customer.accounts.count, "an account id twice")
        for account in customer.accounts {
            Property.check(CustomerFile.isValidID(account.id), "account id \(account.id)")
            let amounts = account.invoices.map(\.amount) + account.payments.map(\.amount) + account.transactions.map(\.amount)
            Property.check(amounts.allSatisfy { $0.currency == account.currency }, "an amount in another currency than \(account.currency)")
            Property.check(account.invoices.allSatisfy { $0.amount.isPositive && $0.issued <= $0.due }, "an invoice \(account.invoices)")
            Property.check(account.payments.allSatisfy { $0.amount.isPositive }, "a payment \(account.payments)")
            Property.check(account.transactions.allSatisfy { !$0.amount.isZero }, "a transaction \(account.transactions)")
            Property.check(account.kind == .invoice || (account.invoices.isEmpty && account.payments.isEmpty), "a prepaid account with invoices")
            Property.check(account.kind == .prepaid || account.transactions.isEmpty, "an invoice account with transactions")

            let statement = AccountStatement(account: account, asOf: asOf)
            let paid = statement.invoices.reduce(0) { $0 + $1.paid.minorUnits }
            let received = account.payments.reduce(0) { $0 + $1.effectiveAmount.minorUnits }
            let invoiced = account.invoices.reduce(0) { $0 + $1.amount.minorUnits }
            Property.check(paid + statement.credit.minorUnits == received, "\(account.id): paid \(paid) + credit \(statement.credit) != received \(received)")
            Property.check(statement.totalOpen.minorUnits == invoiced - paid, "\(account.id): open \(statement.totalOpen), invoiced \(invoiced), paid \(paid)")
            Property.check(statement.invoices.allSatisfy { !$0.open.isNegative && !$0.paid.isNegative }, "\(account.id): a negative open or paid amount")
        }
    }
}

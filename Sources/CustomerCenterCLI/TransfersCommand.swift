import ArgumentParser
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterRender
import Foundation

/// `customer-center transfers`: bank transfers waiting for the merchant.
struct TransfersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfers",
        abstract: "List announced transfers and transfers received but not yet approved.",
        discussion: """
            Announced: a customer asked to top up by transfer and got a reference; waiting for the money.
            Received: a statement import found the money; approve it with `customer-center approve REFERENCE`
            or reject it with `customer-center reject REFERENCE`. Expired announcements are not listed.
            """
    )

    @OptionGroup var site: ContentOptions

    func run() throws {
        let (config, ledger) = try LedgerAccess.open(contentPath: site.content)
        let now = Int(Date().timeIntervalSince1970)
        let rows: [TransferRecord]
        do {
            try ledger.expireTransfers(now: now)
            rows = try ledger.openTransfers(now: now)
        } catch { throw fail([error.description]) }
        guard !rows.isEmpty else {
            print("No transfers waiting.")
            return
        }
        let format = LocaleFormat(config.defaultLocale)
        for row in rows {
            let reference = row.creditorReference?.printed ?? row.reference
            let target = "\(row.customerID) / \(row.accountID)" + (row.invoiceNumber.map { " / invoice \($0)" } ?? "")
            var line = "\(reference)  \(row.status(now: now).rawValue)  \(target)"
            if let expected = row.expected { line += "  expected \(format.money(expected))" }
            if let received = row.received {
                line += "  received \(format.money(received))"
                if let day = row.receivedOn { line += " on \(day)" }
                if let payer = row.payerName { line += " from \(payer)" }
            }
            if row.status == .announced, let expiresAt = row.expiresAt { line += "  until \(config.day(ofUnixTime: expiresAt))" }
            if let note = row.note { line += "  (\(note))" }
            print(line)
        }
    }
}

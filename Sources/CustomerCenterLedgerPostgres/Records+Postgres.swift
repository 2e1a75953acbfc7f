import CustomerCenterLedger
import CustomerCenterModel
import Foundation
import PostgresNIO

// The ledger's record types read from PostgreSQL rows, column by column (`PostgresRowReader`).

extension LedgerPayment {
    init(postgres row: PostgresRandomAccessRow) throws {
        let read = PostgresRowReader(row, table: "payment")
        self.init(
            id: try read("id"), provider: try read("provider"), providerPaymentID: try read("providerPaymentID"),
            kind: try read("kind"), refundID: try read("refundID"), status: try read("status"),
            customerID: try read("customerID"), accountID: try read("accountID"), invoiceNumber: try read("invoiceNumber"),
            purpose: try read("purpose"), method: try read("method"), amountMinor: try read("amountMinor"),
            currency: try read("currency"), occurredAt: try read("occurredAt"), bookedAt: try read("bookedAt"),
            sourceEvent: try read("sourceEvent"), note: try read("note"))
        selectedInvoices = try InvoiceSelectionText.read(read)
    }
}

extension LedgerAllocation {
    init(postgres row: PostgresRandomAccessRow) throws {
        let read = PostgresRowReader(row, table: "allocation")
        self.init(row: try read("id"), payment: try read("paymentRowID"), invoice: try read("invoiceNumber"),
                  amount: try read("amountMinor"))
    }
}

extension LedgerEvent {
    init(postgres row: PostgresRandomAccessRow) throws {
        let read = PostgresRowReader(row, table: "event")
        self.init(id: try read("id"), provider: try read("provider"), eventID: try read("eventID"),
                  receivedAt: try read("receivedAt"), outcome: try read("outcome"), detail: try read("detail"))
    }
}

extension DirtyPage {
    init(postgres row: PostgresRandomAccessRow) throws {
        let read = PostgresRowReader(row, table: "dirtyPage", key: "customerID")
        self.init(customerID: try read("customerID"), markedAt: try read("markedAt"))
    }
}

extension PendingPayment {
    init(postgres row: PostgresRandomAccessRow) throws {
        let read = PostgresRowReader(row, table: "pendingPayment")
        self.init(
            id: try read("id"), provider: try read("provider"), checkoutID: try read("checkoutID"),
            customerID: try read("customerID"), accountID: try read("accountID"), invoiceNumber: try read("invoiceNumber"),
            purpose: try read("purpose"), method: try read("method"), amountMinor: try read("amountMinor"),
            currency: try read("currency"), createdAt: try read("createdAt"), expiresAt: try read("expiresAt"),
            status: try read("status"), note: try read("note"), selectedInvoices: try InvoiceSelectionText.read(read))
    }
}

extension TransferReferenceRecord {
    init(postgres row: PostgresRandomAccessRow) throws {
        let read = PostgresRowReader(row, table: "transferReference", key: "reference")
        self.init(reference: try read("reference"), purpose: try read("purpose"), customerID: try read("customerID"),
                  accountID: try read("accountID"), invoiceNumber: try read("invoiceNumber"), createdAt: try read("createdAt"))
    }
}

extension TransferRecord {
    init(postgres row: PostgresRandomAccessRow) throws {
        let read = PostgresRowReader(row, table: "transfer")
        self.init(id: try read("id"), reference: try read("reference"), kind: try read("kind"), customerID: try read("customerID"),
                  accountID: try read("accountID"), invoiceNumber: try read("invoiceNumber"), purpose: try read("purpose"),
                  currency: try read("currency"), expectedMinor: try read("expectedMinor"), status: try read("status"),
                  createdAt: try read("createdAt"), expiresAt: try read("expiresAt"))
        receivedMinor = try read("receivedMinor")
        receivedOn = try read("receivedOn")
        payerName = try read("payerName")
        bankReference = try read("bankReference")
        decidedAt = try read("decidedAt")
        paymentRowID = try read("paymentRowID")
        note = try read("note")
    }
}

extension StatementEntryRecord {
    init(postgres row: PostgresRandomAccessRow) throws {
        let read = PostgresRowReader(row, table: "statementEntry", key: "bankReference")
        self.init(bankReference: try read("bankReference"), importedAt: try read("importedAt"), file: try read("file"),
                  bookingDate: try read("bookingDate"), amountMinor: try read("amountMinor"), currency: try read("currency"),
                  payerName: try read("payerName"), remittance: try read("remittance"), reference: try read("reference"),
                  outcome: try read("outcome"), transferID: try read("transferID"), paymentRowID: try read("paymentRowID"))
    }
}

extension OutgoingEmail {
    init(postgres row: PostgresRandomAccessRow) throws {
        let read = PostgresRowReader(row, table: "outgoingEmail")
        let message: Data = try read("message")
        self.init(messageID: try read("messageID"), kind: try read("kind"), customerID: try read("customerID"),
                  recipient: try read("recipient"), subject: try read("subject"), message: Array(message),
                  createdAt: try read("createdAt"))
        id = try read("id")
        status = try read("status")
        attempts = try read("attempts")
        lastError = try read("lastError")
        nextAttemptAt = try read("nextAttemptAt")
        sentAt = try read("sentAt")
        delivery = try read("delivery")
    }
}

extension RefundReport {
    init(postgres row: PostgresRandomAccessRow) throws {
        let read = PostgresRowReader(row, table: "refundReport")
        self.init(id: try read("id"), provider: try read("provider"), providerPaymentID: try read("providerPaymentID"),
                  kind: try read("kind"), refundID: try read("refundID"), amountMinor: try read("amountMinor"),
                  currency: try read("currency"), sourceEvent: try read("sourceEvent"), receivedAt: try read("receivedAt"))
    }
}

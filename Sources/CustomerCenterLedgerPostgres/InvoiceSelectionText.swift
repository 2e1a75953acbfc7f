import CustomerCenterLedger
import Foundation

/// The `invoiceNumbers` column of `payment` and `pendingPayment` (PostgreSQL migration 2, SQLite v9):
/// the invoices a customer ticked, as the JSON array of strings SQLite stores; NULL when none.
enum InvoiceSelectionText {
    /// What is stored for `numbers`: NULL when empty.
    static func stored(_ numbers: [String]) -> String? {
        guard !numbers.isEmpty, let data = try? JSONEncoder().encode(numbers) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The list `read`'s row holds; a value that is not an array of strings throws, naming the row.
    static func read(_ read: PostgresRowReader) throws -> [String] {
        guard read.row.contains("invoicenumbers") else { return [] }
        let text: String? = try read("invoiceNumbers")
        guard let text else { return [] }
        guard let numbers = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else {
            throw LedgerDecodingError(table: read.table, row: read.rowDescription, column: "invoiceNumbers", value: text)
        }
        return numbers
    }
}

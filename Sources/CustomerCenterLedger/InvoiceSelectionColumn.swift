import Foundation
import GRDB

/// The `invoiceNumbers` column of `payment` and `pendingPayment` (migration v9): the invoices a
/// customer ticked to pay, as a JSON array of strings; NULL for every other payment. Invoice numbers
/// are any text, so a list needs an unambiguous encoding, and the column's CHECK accepts arrays only.
enum InvoiceSelectionColumn {
    static let name = "invoiceNumbers"

    /// What is stored for `numbers`: NULL when empty.
    static func stored(_ numbers: [String]) -> String? {
        guard !numbers.isEmpty, let data = try? JSONEncoder().encode(numbers) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The list `reader`'s row holds; a value that is not an array of strings throws, naming the row.
    static func read(_ reader: LedgerRowReader) throws -> [String] {
        guard reader.row.hasColumn(name) else { return [] }
        let text: String? = try reader(name)
        guard let text else { return [] }
        guard let numbers = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else {
            throw LedgerDecodingError(table: reader.table, row: reader.rowDescription, column: name, value: text)
        }
        return numbers
    }
}

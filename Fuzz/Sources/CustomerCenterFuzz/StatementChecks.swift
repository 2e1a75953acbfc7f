import CustomerCenterBanking
import CustomerCenterModel

/// Properties every parsed bank statement has, whichever reader made it.
enum StatementChecks {
    static func check(_ statement: BankStatement, path: String) {
        Property.check(statement.path == path, "path \(statement.path)")
        Property.check(statement.notBookedCount >= 0, "not booked \(statement.notBookedCount)")
        var previous: (entry: Int, transaction: Int)?
        for entry in statement.entries {
            Property.check(!entry.amount.isNegative, "\(entry.position): negative amount \(entry.amount)")
            Property.check(entry.position.entry >= 1 && entry.position.line >= 1 && (entry.position.transaction ?? 1) >= 1,
                           "position \(entry.position)")
            let here = (entry.position.entry, entry.position.transaction ?? 0)
            if let previous { Property.check(previous < here, "\(entry.position) after entry \(previous)") }
            previous = here
            if entry.direction == .credit {
                Property.check(entry.bankReference.map { !$0.isEmpty } == true, "\(entry.position): a credit without a bank reference")
            }
            if let valueDate = entry.valueDate { Property.check(CalendarDate(iso: valueDate.description) == valueDate, "value date \(valueDate)") }
            Property.check(CalendarDate(iso: entry.bookingDate.description) == entry.bookingDate, "booking date \(entry.bookingDate)")
            Property.check(!entry.remittanceLines.contains { $0.isEmpty }, "\(entry.position): an empty remittance line")
            // The references found must each be valid on their own and appear once.
            let references = entry.creditorReferences
            Property.check(Set(references).count == references.count, "\(entry.position): a reference found twice")
            for reference in references {
                Property.check(CreditorReference(reference.value) == reference, "\(entry.position): found \(reference), which is not valid")
            }
        }
    }

    /// An error names the file and says something.
    static func check(_ error: StatementError, path: String) {
        let text = error.description
        Property.check(text.hasPrefix(path) && text.count > path.count + 2, "error \(text.debugDescription)")
        if let line = error.line { Property.check(line >= 1, "error at line \(line): \(text.debugDescription)") }
        if let entry = error.entry { Property.check(entry >= 1, "error at entry \(entry): \(text.debugDescription)") }
    }
}

import CustomerCenterModel
import GRDB

extension Ledger {
    /// The creditor reference of each purpose, handing out new ones where needed, in one transaction.
    ///
    /// New references are 12 random digits behind `RF` and the check digits (`RF47 1234 5678 9012`):
    /// short enough to type, digits only so that mod 97 catches every single typo, and unique because
    /// the reference is the table's key (a collision simply draws again).
    public func references(customerID: String, purposes: [TransferPurpose], at time: Int) throws(LedgerError) -> [TransferPurpose: CreditorReference] {
        guard !purposes.isEmpty else { return [:] }
        // Most builds find every reference handed out already: a read, no write transaction.
        let existing = try read("read transfer references of \(customerID)") { db in
            try TransferReferenceRecord.filter(TransferReferenceRecord.Columns.customerID == customerID).fetchAll(db)
        }
        let found = Ledger.byPurpose(existing)
        if purposes.allSatisfy({ found[$0] != nil }) {
            return found.filter { purposes.contains($0.key) }
        }
        return try write("hand out transfer references for \(customerID)") { db in
            let known = Ledger.byPurpose(try TransferReferenceRecord.filter(TransferReferenceRecord.Columns.customerID == customerID).fetchAll(db))
            var result: [TransferPurpose: CreditorReference] = [:]
            for purpose in purposes {
                if let existing = known[purpose] {
                    result[purpose] = existing
                    continue
                }
                let reference = try Ledger.unusedReference(db)
                let isPrepaid: Bool = { if case .prepaid = purpose { return true } else { return false } }()
                try TransferReferenceRecord(reference: reference.value, purpose: isPrepaid ? "prepaid" : "invoice",
                                            customerID: customerID, accountID: purpose.accountID,
                                            invoiceNumber: purpose.invoiceNumber ?? "", createdAt: time).insert(db)
                result[purpose] = reference
            }
            return result
        }
    }

    /// A reference never handed out before: `RF`, check digits and 12 random digits.
    static func unusedReference(_ db: Database) throws -> CreditorReference {
        while true {
            // References are not secrets, only unique: the standard generator will do.
            var generator = SystemRandomNumberGenerator()
            let digits = (0..<12).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            guard let reference = CreditorReference(base: digits) else { continue }
            if try TransferReferenceRecord.exists(db, key: reference.value) { continue }
            return reference
        }
    }

    static func byPurpose(_ rows: [TransferReferenceRecord]) -> [TransferPurpose: CreditorReference] {
        var known: [TransferPurpose: CreditorReference] = [:]
        // Top-up requests have their own fresh references; they are not a permanent purpose.
        for row in rows where row.purpose != TransferReferenceRecord.requestPurpose {
            guard let reference = CreditorReference(row.reference) else { continue }
            let purpose: TransferPurpose = row.purpose == "prepaid"
                ? .prepaid(accountID: row.accountID) : .invoice(accountID: row.accountID, number: row.invoiceNumber)
            known[purpose] = reference
        }
        return known
    }

    /// What reference `text` (any spelling) was handed out for, or nil when it is unknown.
    public func transferReference(_ text: String) throws(LedgerError) -> TransferReferenceRecord? {
        guard let reference = CreditorReference(text) else { return nil }
        return try read("look up reference") { db in try TransferReferenceRecord.fetchOne(db, key: reference.value) }
    }
}

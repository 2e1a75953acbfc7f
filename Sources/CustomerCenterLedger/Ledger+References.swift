import CustomerCenterModel
import GRDB

extension Ledger {
    /// The creditor reference of each purpose, handing out new ones where needed, in one transaction.
    ///
    /// New references are 12 random digits behind `RF` and the check digits (`RF47 1234 5678 9012`):
    /// short enough to type, digits only so that mod 97 catches every single typo, and unique because
    /// the reference is the table's key (a collision simply draws again).
    public func references(customerID: String, purposes: [TransferPurpose], at time: Int) throws(LedgerError) -> [TransferPurpose: CreditorReference] {
        try references(batch: [customerID: purposes], at: time)[customerID] ?? [:]
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

    package static func byPurpose(_ rows: [TransferReferenceRecord]) -> [TransferPurpose: CreditorReference] {
        var known: [TransferPurpose: CreditorReference] = [:]
        // Top-up requests have their own fresh references; they are not a permanent purpose.
        for row in rows {
            guard let purpose = row.transferPurpose, let reference = CreditorReference(row.reference) else { continue }
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

import CustomerCenterLedger
import CustomerCenterModel
import PostgresNIO

extension PostgresLedger {
    /// The creditor reference of each purpose, handing out new ones where needed, in one transaction.
    public func references(customerID: String, purposes: [TransferPurpose], at time: Int) throws(LedgerError) -> [TransferPurpose: CreditorReference] {
        try references(batch: [customerID: purposes], at: time)[customerID] ?? [:]
    }

    /// A reference never handed out before: `RF`, check digits and 12 random digits (as `Ledger`).
    static func unusedReference(_ session: PostgresSession) throws -> CreditorReference {
        while true {
            var generator = SystemRandomNumberGenerator()
            let digits = (0..<12).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            guard let reference = CreditorReference(base: digits) else { continue }
            if try session.exists("SELECT 1 FROM transferReference WHERE reference = \(reference.value)") { continue }
            return reference
        }
    }

    static func insert(_ record: TransferReferenceRecord, session: PostgresSession) throws {
        try session.execute("""
            INSERT INTO transferReference (reference, purpose, customerID, accountID, invoiceNumber, createdAt)
            VALUES (\(record.reference), \(record.purpose.rawValue), \(record.customerID), \(record.accountID),
                    \(record.invoiceNumber), \(record.createdAt))
            """)
    }

    /// What reference `text` (any spelling) was handed out for, or nil when it is unknown.
    public func transferReference(_ text: String) throws(LedgerError) -> TransferReferenceRecord? {
        guard let reference = CreditorReference(text) else { return nil }
        return try read("look up reference") { session in
            try session.first("SELECT * FROM transferReference WHERE reference = \(reference.value)")
                .map { try TransferReferenceRecord(postgres: $0) }
        }
    }

    /// The ledger's record of each of `references` (compact form) that it handed out.
    public func knownReferences(_ references: Set<String>) throws(LedgerError) -> [String: TransferReferenceRecord] {
        guard !references.isEmpty else { return [:] }
        let all = Array(references)
        return try read("look up references") { session in
            var found: [String: TransferReferenceRecord] = [:]
            for row in try session.rows("SELECT * FROM transferReference WHERE reference = ANY(\(all)::text[])") {
                let record = try TransferReferenceRecord(postgres: row)
                found[record.reference] = record
            }
            return found
        }
    }
}

import CustomerCenterModel
import GRDB

// The model's enums and currencies as the ledger stores them: text columns holding the raw value
// (the ISO 4217 code for a currency), each restricted by a CHECK constraint (migration v8). Here and
// not in the model, which knows nothing of GRDB. Reading an unknown value fails (`LedgerRowReader`).

extension PaymentEvent.Kind: DatabaseValueConvertible {}
extension PaymentEvent.Purpose: DatabaseValueConvertible {}
extension Payment.Method: DatabaseValueConvertible {}
extension CheckoutStatus: DatabaseValueConvertible {}
extension TransferStatus: DatabaseValueConvertible {}

extension Currency: DatabaseValueConvertible {
    /// The ISO 4217 code.
    public var databaseValue: DatabaseValue { code.databaseValue }

    /// The currency of a stored code; nil for anything that is not an active ISO 4217 code.
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Currency? {
        String.fromDatabaseValue(dbValue).flatMap { Currency(code: $0) }
    }
}

/// One stored value of a ledger row, as `ledger migrate` carries it from one engine to the other:
/// the three kinds of value the ledger's columns hold, or NULL.
public enum LedgerCell: Sendable, Equatable {
    case null
    case integer(Int64)
    case text(String)
    case blob([UInt8])
}

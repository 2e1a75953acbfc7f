/// Why an unmatched entry cannot be assigned (`LedgerStore.assign`).
public enum AssignProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case noSuchEntry(Int64)
    case notUnmatched(Int64, status: String)
    case currencyDiffers(entry: String, account: String)

    public var description: String {
        switch self {
        case .noSuchEntry(let id): "no ledger entry \(id)"
        case .notUnmatched(let id, let status): "entry \(id) is \(status), not unmatched; it cannot be assigned twice"
        case .currencyDiffers(let entry, let account): "the entry is in \(entry), the account in \(account)"
        }
    }
}

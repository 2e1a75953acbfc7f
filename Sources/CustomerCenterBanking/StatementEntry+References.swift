import CustomerCenterModel

extension StatementEntry {
    /// The RF creditor references this entry may carry, most likely first (see `ReferenceFinder`):
    /// the caller books against the first one its ledger knows.
    public var creditorReferences: [CreditorReference] {
        ReferenceFinder.references(structured: structuredReferences, unstructured: remittanceLines)
    }
}

extension CustomerActivity {
    /// The activity as canonical text (rows in ledger order), for build fingerprints: equal text,
    /// equal page. References are left out: they last, and are derived from the same content.
    public var canonicalText: String {
        "\(recorded)|\(checkouts)|\(transfers)"
    }
}

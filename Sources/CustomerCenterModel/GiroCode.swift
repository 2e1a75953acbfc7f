/// The payload of an EPC069-12 "GiroCode" (SEPA credit transfer QR code): a banking app that scans it
/// fills in payee, IBAN, amount and the structured reference.
///
/// Version 002, UTF-8, SCT; lines joined by LF; the RF reference in the structured field, the
/// unstructured field then empty. At most 331 bytes; SEPA transfers are in euro only.
public enum GiroCode {
    /// Why no code can be made.
    public enum Problem: Error, Equatable, Sendable {
        case notEuro
        case amountOutOfRange
        case fieldTooLong(String)
        case tooLong(bytes: Int)
    }

    /// The payload for a transfer of `amount` (nil: the payer enters it) to `name`/`iban`/`bic`,
    /// quoting `reference`.
    public static func payload(bic: String, name: String, iban: String, amount: Money?, reference: CreditorReference) throws(Problem) -> String {
        var amountField = ""
        if let amount {
            guard amount.currency.code == "EUR" else { throw .notEuro }
            guard amount.minorUnits >= 1, amount.minorUnits <= 99_999_999_999 else { throw .amountOutOfRange }
            amountField = "EUR" + amount.decimalString
        }
        guard name.count <= 70 else { throw .fieldTooLong("name") }
        guard iban.count <= 34 else { throw .fieldTooLong("iban") }
        guard bic.count <= 11 else { throw .fieldTooLong("bic") }
        let lines = ["BCD", "002", "1", "SCT", bic, name, iban, amountField, "", reference.value, ""]
        // Trailing empty fields may be left out.
        var payload = lines.joined(separator: "\n")
        while payload.hasSuffix("\n") { payload.removeLast() }
        let bytes = payload.utf8.count
        guard bytes <= 331 else { throw .tooLong(bytes: bytes) }
        return payload
    }
}

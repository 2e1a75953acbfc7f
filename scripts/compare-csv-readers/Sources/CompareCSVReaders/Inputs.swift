import Foundation

/// Large statement CSVs for timing and memory, the same for every reader.
enum Inputs {
    static let header = "booking_date;value_date;amount;currency;payer_name;payer_iban;reference;remittance;bank_reference"

    /// A statement as a German bank exports it: BOM, `;`, CRLF, decimal commas; every 7th payer name quoted
    /// with a `;`, every 10th remittance quoted over two lines with doubled quotes. Every row is valid.
    static func statement(rows: Int) -> [UInt8] {
        var text = "\u{FEFF}" + header + "\r\n"
        text.reserveCapacity(rows * 150)
        for i in 0..<rows {
            let day = i % 28 + 1
            let date = i % 3 == 0 ? String(format: "%02d.11.2026", day) : String(format: "2026-11-%02d", day)
            let amount = (i % 9 == 0 ? "-" : "") + "\(i % 100_000)," + String(format: "%02d", i % 100)
            let payer = i % 7 == 0 ? "\"Meier & Söhne; Handel \(i)\"" : "Erika Mustermann \(i)"
            let reference = i % 5 == 0 ? "RF18 5390 0754 7034" : ""
            let remittance = i % 10 == 0 ? "\"Verwendungszweck: Rechnung \(i)\r\nzweite Zeile \"\"Danke\"\"\"" : "Rechnung 2026-\(i)"
            text += "\(date);\(i % 2 == 0 ? date : "");\(amount);EUR;\(payer);DE02 1203 0000 0000 2020 51;\(reference);\(remittance);CSV-\(i)\r\n"
        }
        return Array(text.utf8)
    }

    /// One valid row whose quoted remittance holds `mebibytes` MiB of text (a line break every 100 bytes).
    static func hugeField(mebibytes: Int) -> [UInt8] {
        var bytes = Array((header + "\n2026-11-28;;1,00;EUR;Erika;;;\"").utf8)
        let line = Array(String(repeating: "Rechnung ", count: 11).utf8) + [0x0A]
        bytes.reserveCapacity(mebibytes << 20 + 200)
        while bytes.count < mebibytes << 20 { bytes += line }
        bytes += Array("\";CSV-1\n".utf8)
        return bytes
    }
}

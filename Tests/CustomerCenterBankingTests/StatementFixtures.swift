import CustomerCenterBanking
import CustomerCenterTestSupport
import Foundation

/// The sample statements in `Statements/` and small camt files written on the fly.
enum StatementFixtures {
    /// The path of a sample statement bundled with the tests.
    static func path(_ name: String) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Statements") else {
            fatalError("missing fixture Statements/\(name)")
        }
        return url.path
    }

    /// A camt.053.001.02 document whose only statement holds `entries` (the `<Ntry>` elements as text).
    static func camt053(entries: String, account: String = "DE89370400440532013000") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>TEST</MsgId><CreDtTm>2026-11-29T05:00:00+01:00</CreDtTm></GrpHdr>
            <Stmt>
              <Id>TEST-1</Id>
              <Acct><Id><IBAN>\(account)</IBAN></Id><Ccy>EUR</Ccy></Acct>
        \(entries)
            </Stmt>
          </BkToCstmrStmt>
        </Document>

        """
    }

    /// A booked `<Ntry>`, one part per line, each replaceable (an empty string leaves it out).
    static func entry(amount: String = #"<Amt Ccy="EUR">10.00</Amt>"#, indicator: String = "<CdtDbtInd>CRDT</CdtDbtInd>",
                      status: String = "<Sts>BOOK</Sts>", booking: String = "<BookgDt><Dt>2026-11-28</Dt></BookgDt>",
                      reference: String = "<AcctSvcrRef>REF-1</AcctSvcrRef>", details: String = "") -> String {
        """
              <Ntry>
                \(amount)
                \(indicator)
                \(status)
                \(booking)
                \(reference)
                \(details)
              </Ntry>
        """
    }

    /// Writes `text` to a file in `folder` and reads it as a statement.
    static func read(_ text: String, named name: String = "statement.xml", in folder: TemporaryFolder) throws(StatementError) -> BankStatement {
        folder.write(text, to: name)
        return try StatementParser.read(path: folder.file(name))
    }

    /// The error reading `text` gives, or nil when it reads.
    static func error(reading text: String, named name: String = "statement.xml", in folder: TemporaryFolder) -> StatementError? {
        do {
            _ = try read(text, named: name, in: folder)
            return nil
        } catch {
            return error
        }
    }
}

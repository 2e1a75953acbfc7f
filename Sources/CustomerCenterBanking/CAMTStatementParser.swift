import CustomerCenterModel
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads ISO 20022 bank-to-customer statements (camt.053.001.02 to .08) and debit/credit notifications
/// (camt.054.001.02 to .08) with Foundation's XMLParser.
///
/// Elements are matched by local name, so every version and namespace prefix reads the same way. A
/// file may hold several `Stmt`/`Ntfctn` blocks. Only booked entries (`Sts` `BOOK`) are returned; the
/// others are counted in `notBookedCount`. A batch entry with several `NtryDtls/TxDtls` becomes one
/// entry per transaction. Any problem stops the whole file: a partly imported statement would be worse
/// than none.
public enum CAMTStatementParser {
    /// The statement in `data`, read from `path` (named in errors).
    public static func parse(_ data: Data, path: String) throws(StatementError) -> BankStatement {
        guard !data.isEmpty else { throw StatementError(file: path, reason: .empty) }
        // libxml2 reports a byte that is not UTF-8 and reads on, and FoundationXML then traps on an
        // element name that holds it; so the bytes are checked first (ISO 20022 files are UTF-8).
        let bytes = [UInt8](data)
        if UTF8Lines.mustBeUTF8(xml: bytes), let line = UTF8Lines.firstInvalidLine(bytes) {
            throw StatementError(file: path, line: line, reason: .notUTF8)
        }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let reader = CAMTDocumentReader(file: path)
        parser.delegate = reader
        // On Linux, parse() can return true after a fatal error (a cut-off file), so errors are
        // taken from the delegate, not from the return value.
        let finished = parser.parse()
        if let failure = reader.failure { throw failure }
        // XMLParser says line 0 and column 0 when it stopped before reading a line (bytes it cannot
        // decode at all); the error then names no line rather than a line 0.
        if let xml = reader.xmlFailure {
            let column = xml.column > 0 ? ", at column \(xml.column)" : ""
            throw StatementError(file: path, line: xml.line > 0 ? xml.line : nil,
                                 reason: .malformedXML("\(explanation(ofXMLError: xml.code))\(column) (XMLParser error \(xml.code))"))
        }
        if !finished {
            let code = (parser.parserError as NSError?)?.code ?? 0
            throw StatementError(file: path, line: parser.lineNumber > 0 ? parser.lineNumber : nil,
                                 reason: .malformedXML("\(explanation(ofXMLError: code)) (XMLParser error \(code))"))
        }
        guard let format = reader.format else {
            throw StatementError(file: path, reason: .unsupportedMessage(reader.rootName ?? ""))
        }
        return BankStatement(path: path, format: format, messageVersion: reader.messageVersion,
                             accountIBAN: reader.accountIBANs.count == 1 ? reader.accountIBANs[0] : nil,
                             currency: reader.currencyCodes.count == 1 ? Currency(code: reader.currencyCodes[0]) : nil,
                             entries: reader.entries, notBookedCount: reader.notBookedCount)
    }

    /// XMLParser's error codes as a phrase, for the ones a broken bank file produces. The codes are
    /// libxml2's `xmlParserErrors` (Apple's `NSXMLParserError` uses the same numbers; the Linux
    /// `XMLParser.ErrorCode` enum is off by one, so the numbers are matched directly).
    static func explanation(ofXMLError code: Int) -> String {
        switch code {
        case 4: "the document is empty"
        case 5: "the document ends before its elements are closed (is the file cut off?)"
        case 9: "an invalid character (not UTF-8, or a control character)"
        case 26: "an undeclared entity (write & as &amp;)"
        case 31, 32, 81: "an unsupported text encoding"
        case 38, 39, 40, 41: "a malformed attribute"
        case 42: "an attribute is given twice"
        case 3, 68, 72: "this is not XML at this point"
        case 73, 77: "a tag is not closed with '>'"
        case 76: "an end tag does not match the open element"
        case 64: "the XML declaration (<?xml ...?>) must be at the very start of the file"
        case 85: "the elements are not properly nested"
        case 86: "there is content after the end of the document"
        default: "the XML is not well-formed"
        }
    }
}

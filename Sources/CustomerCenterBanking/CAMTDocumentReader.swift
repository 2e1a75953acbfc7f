import CustomerCenterModel
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// XMLParser's delegate for camt files: follows the element path by local name (so any namespace
/// prefix and any message version match), keeps only the subtree of the current `Acct` or `Ntry`
/// in memory, and hands each finished `Ntry` to `CAMTEntryReader`. Memory stays flat however many
/// entries a file has.
final class CAMTDocumentReader: NSObject, XMLParserDelegate {
    /// Where XMLParser reported its first error.
    struct XMLFailure {
        let code: Int
        let line: Int
        let column: Int
    }

    let file: String
    private(set) var format: BankStatement.Format?
    private(set) var messageVersion: String?
    private(set) var entries: [StatementEntry] = []
    private(set) var notBookedCount = 0
    /// The distinct account IBANs and currency codes of the statement blocks, in file order.
    private(set) var accountIBANs: [String] = []
    private(set) var currencyCodes: [String] = []
    /// The first problem found in the content; parsing stops there.
    private(set) var failure: StatementError?
    /// The first error XMLParser reported (later ones follow from it).
    private(set) var xmlFailure: XMLFailure?
    /// The outermost element, for the message when it is not a camt message.
    private(set) var rootName: String?

    private var openElements: [String] = []
    private var captured: [CAMTElement] = []
    private var entryNumber = 0
    private var blockIBAN: String?

    init(file: String) {
        self.file = file
    }

    private static let messages: [String: BankStatement.Format] = ["BkToCstmrStmt": .camt053, "BkToCstmrDbtCdtNtfctn": .camt054]
    private static let blocks: Set<String> = ["Stmt", "Ntfctn"]

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        guard failure == nil else { return }
        let name = elementName.split(separator: ":").last.map(String.init) ?? elementName
        defer { openElements.append(name) }
        if !captured.isEmpty {
            captured.append(CAMTElement(name: name, line: parser.lineNumber, attributes: attributes))
            return
        }
        if messageVersion == nil { messageVersion = Self.messageVersion(in: attributes) }
        if openElements.isEmpty { rootName = name }
        if format == nil {
            if let message = Self.messages[name] {
                format = message
            } else if !(openElements.isEmpty && name == "Document") {
                // The root is `Document` or the message itself; anything else is another message.
                fail(parser, StatementError(file: file, line: parser.lineNumber, reason: .unsupportedMessage(name)))
            }
            return
        }
        guard let parent = openElements.last else { return }
        if Self.messages[parent] != nil, Self.blocks.contains(name) {
            blockIBAN = nil
        } else if Self.blocks.contains(parent), name == "Acct" || name == "Ntry" {
            if name == "Ntry" { entryNumber += 1 }
            captured.append(CAMTElement(name: name, line: parser.lineNumber, attributes: attributes))
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard failure == nil, !captured.isEmpty else { return }
        captured[captured.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard failure == nil, !captured.isEmpty else { return }
        captured[captured.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil else { return }
        openElements.removeLast()
        guard let finished = captured.popLast() else { return }
        if captured.isEmpty {
            do {
                try finish(finished)
            } catch {
                fail(parser, error)
            }
        } else {
            captured[captured.count - 1].children.append(finished)
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        guard xmlFailure == nil else { return }
        xmlFailure = XMLFailure(code: (parseError as NSError).code, line: parser.lineNumber, column: parser.columnNumber)
    }

    /// A whole `Acct` or `Ntry` has been read.
    private func finish(_ element: CAMTElement) throws(StatementError) {
        if element.name == "Acct" {
            blockIBAN = element.text("Id", "IBAN").map(CAMTEntryReader.compactIBAN)
            if let blockIBAN, !accountIBANs.contains(blockIBAN) { accountIBANs.append(blockIBAN) }
            if let code = element.text("Ccy"), !currencyCodes.contains(code) {
                guard Currency(code: code) != nil else {
                    throw StatementError(file: file, line: element.line, field: "Acct/Ccy", reason: .invalidCurrency(code))
                }
                currencyCodes.append(code)
            }
            return
        }
        switch try CAMTEntryReader(file: file, number: entryNumber, accountIBAN: blockIBAN).read(element) {
        case .booked(let booked): entries += booked
        case .notBooked: notBookedCount += 1
        }
    }

    private func fail(_ parser: XMLParser, _ error: StatementError) {
        failure = error
        parser.abortParsing()
    }

    /// `camt.053.001.02` from `xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"` (or a prefixed declaration).
    private static func messageVersion(in attributes: [String: String]) -> String? {
        for (key, value) in attributes where key == "xmlns" || key.hasPrefix("xmlns:") {
            if let last = value.split(separator: ":").last, last.hasPrefix("camt.") { return String(last) }
        }
        return nil
    }
}

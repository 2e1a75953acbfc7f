import CustomerCenterBanking
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import Testing

@Suite struct StatementParserTests {
    let folder = TemporaryFolder("statements")

    @Test func picksTheFormatByContentNotByName() throws {
        let camt = try String(contentsOfFile: StatementFixtures.path("camt054-v02.xml"), encoding: .utf8)
        #expect(try StatementFixtures.read(camt, named: "export.csv", in: folder).format == .camt054)
        let csv = try String(contentsOfFile: StatementFixtures.path("statement-comma.csv"), encoding: .utf8)
        #expect(try StatementFixtures.read(csv, named: "export.xml", in: folder).format == .csv)
        // A byte-order mark before the XML declaration is fine, a blank line is not XML.
        #expect(try StatementFixtures.read("\u{FEFF}" + camt, in: folder).entries.count == 2)
        #expect(StatementFixtures.error(reading: "\n" + camt, in: folder)?.reason == .malformedXML(
            "the XML declaration (<?xml ...?>) must be at the very start of the file, at column 6 (XMLParser error 64)"))
    }

    @Test func parsesDataDirectly() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: StatementFixtures.path("camt053-v02-sparkasse.xml")))
        #expect(try StatementParser.parse(data, path: "upload.xml").entries.count == 6)
        #expect(try CAMTStatementParser.parse(data, path: "upload.xml").path == "upload.xml")
        let csv = Data("booking_date,amount,currency,bank_reference\n2026-12-01,1,EUR,B-1\n".utf8)
        #expect(try CSVStatementParser.parse(csv, path: "upload.csv").entries.first?.amount.minorUnits == 100)
    }

    @Test func aFileThatIsNeitherIsRefused() throws {
        let path = StatementFixtures.path("mt940.sta")
        let error = try #require(throws: StatementError.self) { try StatementParser.read(path: path) }
        #expect(error == StatementError(file: path, reason: .unknownFormat))
        #expect(error.description == "\(path): neither an ISO 20022 camt.053/camt.054 XML file nor a statement CSV "
            + "(see docs/statement-csv.md)")

        let binary = folder.file("statement.pdf")
        try #require(FileManager.default.createFile(atPath: binary, contents: Data([0x25, 0x50, 0x44, 0x46, 0x00, 0x2C, 0x0A])))
        #expect(throws: StatementError(file: binary, reason: .unknownFormat)) { try StatementParser.read(path: binary) }
    }

    @Test func emptyMissingAndFolderPaths() throws {
        for text in ["", "\u{FEFF}", " \n\r\n\t"] {
            #expect(StatementFixtures.error(reading: text, in: folder)?.reason == .empty)
        }
        #expect(throws: StatementError(file: "", reason: .empty)) { try CAMTStatementParser.parse(Data(), path: "") }
        #expect(throws: StatementError(file: "", reason: .empty)) { try CSVStatementParser.parse(Data(" \n".utf8), path: "") }

        let missing = folder.file("nowhere.xml")
        let error = try #require(throws: StatementError.self) { try StatementParser.read(path: missing) }
        #expect(error.reason == .unreadable("no such file"))
        #expect(error.description == "\(missing): cannot be read: no such file")
        #expect(throws: StatementError(file: folder.path, reason: .unreadable("it is a folder"))) {
            try StatementParser.read(path: folder.path)
        }
    }
}

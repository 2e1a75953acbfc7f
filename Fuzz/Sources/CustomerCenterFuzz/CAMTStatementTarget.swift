import CustomerCenterBanking
import CustomerCenterModel
import Foundation

/// camt.053/camt.054 files (CAMTStatementParser, Foundation's XMLParser underneath): `StatementChecks`
/// on what is read, plus the statement-level facts: an account IBAN or currency only when every block
/// agrees, and the format the root element names.
enum CAMTStatementTarget {
    static let path = "fuzz/statement.xml"

    static func fuzz(_ bytes: [UInt8]) {
        let statement: BankStatement
        do { statement = try CAMTStatementParser.parse(Data(bytes), path: path) } catch {
            StatementChecks.check(error, path: path)
            return
        }
        StatementChecks.check(statement, path: path)
        Property.check(statement.format == .camt053 || statement.format == .camt054, "format \(statement.format)")
        if let iban = statement.accountIBAN {
            Property.check(statement.entries.allSatisfy { $0.accountIBAN == nil || $0.accountIBAN == iban }, "an entry of another account than \(iban)")
        }
        if let currency = statement.currency {
            Property.check(Currency(code: currency.code) == currency, "currency \(currency)")
        }
    }
}

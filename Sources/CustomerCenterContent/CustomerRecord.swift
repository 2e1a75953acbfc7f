import CustomerCenterModel

/// The JSON shape of a customer file, for writing (`import`). Reading goes through `CustomerFile`,
/// which checks every field; this type only names what we write (keys are written sorted).
struct CustomerRecord: Encodable {
    struct AccountRecord: Encodable {
        var id: String
        var kind: String
        var currency: String
        var invoices: [InvoiceRecord]?
        var payments: [PaymentRecord]?
        var transactions: [TransactionRecord]?
    }

    struct InvoiceRecord: Encodable {
        var number: String
        var issued: String
        var due: String
        var amount: String
    }

    struct PaymentRecord: Encodable {
        var date: String
        var amount: String
        var method: String
        var invoice: String?
        var reference: String?
    }

    struct TransactionRecord: Encodable {
        var date: String
        var description: String
        var amount: String
    }

    var id: String
    var name: String
    var email: String
    var locale: String
    var linkVersion: Int
    var accounts: [AccountRecord]

    enum CodingKeys: String, CodingKey {
        case id, name, email, locale, linkVersion = "link_version", accounts
    }
}

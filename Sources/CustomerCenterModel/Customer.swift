/// A customer of the merchant, as the content folder describes them.
public struct Customer: Hashable, Sendable {
    /// The merchant's customer id; stable, unique, never shown in a URL.
    public var id: String
    /// The name shown on the personal page and in emails.
    public var name: String
    /// Where the personal link and the other emails are sent; nil for a customer the merchant
    /// reaches otherwise (by letter): mailing commands name such customers and send them nothing.
    public var email: String?
    /// BCP 47 locale for page language, money and dates, e.g. `de-DE`, `en-GB`.
    public var locale: String
    /// Bumped to revoke the personal link: the page token is derived from it.
    public var linkVersion: Int
    /// The customer's accounts, in the order the content file lists them.
    public var accounts: [Account]

    /// A customer with the given fields.
    public init(id: String, name: String, email: String?, locale: String, linkVersion: Int = 1, accounts: [Account]) {
        self.id = id
        self.name = name
        self.email = email
        self.locale = locale
        self.linkVersion = linkVersion
        self.accounts = accounts
    }
}

/// What a pay link carries that the customer must not change: whose money, for which account (and
/// invoice), for what, in which currency, under which link version, until when. The amount and the
/// method are the customer's choice and travel beside the token.
///
/// Wire form: `base64url(payload) "." base64url(HMAC-SHA256(pay key, "customer-center/pay/v1" 0x00 payload))`
/// where payload is the fields in fixed order, one per line (`payload`). The pay key is separate from
/// the link secret, so a leaked page token cannot mint pay links and vice versa.
///
/// A token of an invoice-selection form (version 2) also lists the invoices the customer may tick,
/// one per line after the fixed fields: which of them are paid is the customer's choice, and the
/// receiver checks it against this list. Version 1 tokens (no list) read as before.
public struct PayToken: Hashable, Sendable {
    /// Settle invoices, or top up a prepaid balance.
    public enum Purpose: String, Hashable, Sendable {
        case settle
        case topUp = "top-up"
    }

    public var customerID: String
    public var accountID: String
    /// The invoice a one-click link pays; nil for an account-level payment.
    public var invoiceNumber: String?
    public var purpose: Purpose
    /// ISO 4217 code of the account's currency.
    public var currency: String
    /// The customer's link version when the token was made: a rotated link kills its pay tokens too.
    public var linkVersion: Int
    /// Unix time after which the token is refused.
    public var expiresAt: Int
    /// The invoices a selection form offers, oldest due first; empty for every other pay link.
    public var selectableInvoices: [String]

    static let domain = Array("customer-center/pay/v1".utf8) + [0]
    static let version = "1"
    static let selectionVersion = "2"
    /// The most invoices one selection token lists, so that its URL stays short (well under the 8 KiB
    /// request lines servers accept); a page offers the oldest due this many.
    public static let maximumSelectableInvoices = 50
    /// The longest token read: a selection token with `maximumSelectableInvoices` long numbers.
    static let maximumLength = 8_192

    /// A token with the given fields.
    public init(customerID: String, accountID: String, invoiceNumber: String?, purpose: Purpose, currency: String,
                linkVersion: Int, expiresAt: Int, selectableInvoices: [String] = []) {
        self.customerID = customerID
        self.accountID = accountID
        self.invoiceNumber = invoiceNumber
        self.purpose = purpose
        self.currency = currency
        self.linkVersion = linkVersion
        self.expiresAt = expiresAt
        self.selectableInvoices = selectableInvoices
    }

    /// The fields in their signed order. A field never contains a line break (checked when signing).
    var payload: String {
        let version = selectableInvoices.isEmpty ? PayToken.version : PayToken.selectionVersion
        return ([version, customerID, accountID, invoiceNumber ?? "", purpose.rawValue, currency,
                 String(linkVersion), String(expiresAt)] + selectableInvoices).joined(separator: "\n")
    }

    /// The signed wire form, or nil when a field holds a line break (content validation prevents it),
    /// a listed invoice is empty, or the list is longer than `maximumSelectableInvoices`.
    public func signed(with key: PayLinkKey) -> String? {
        let fields = [customerID, accountID, invoiceNumber ?? "", currency] + selectableInvoices
        guard fields.allSatisfy({ !$0.contains(where: \.isNewline) }), !selectableInvoices.contains(""),
              selectableInvoices.count <= PayToken.maximumSelectableInvoices else { return nil }
        let payload = Array(self.payload.utf8)
        let tag = HMACSHA256.authenticate(PayToken.domain + payload, key: key.bytes)
        return ByteEncoding.base64URL(payload) + "." + ByteEncoding.base64URL(tag)
    }

    /// Why a token was refused.
    public enum Problem: Error, Equatable, Sendable {
        /// Not of the token's shape (truncated, garbled).
        case malformed
        /// The signature does not match: changed, or made with another key.
        case forged
        /// Valid but past its expiry.
        case expired(at: Int)
    }

    /// Verifies `text` under `key` in constant time and checks the expiry against `now`.
    public static func verify(_ text: String, key: PayLinkKey, now: Int) throws(Problem) -> PayToken {
        let token = try verifySignature(text, key: key)
        guard now <= token.expiresAt else { throw .expired(at: token.expiresAt) }
        return token
    }

    /// Verifies only the signature: the receiver reads an expired token's customer to answer in their language.
    public static func verifySignature(_ text: String, key: PayLinkKey) throws(Problem) -> PayToken {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, text.utf8.count <= maximumLength,
              let payload = ByteEncoding.bytes(base64URL: String(parts[0])),
              let tag = ByteEncoding.bytes(base64URL: String(parts[1])) else { throw .malformed }
        guard ConstantTime.equals(tag, HMACSHA256.authenticate(domain + payload, key: key.bytes)) else { throw .forged }
        // Signed by us, so the shape holds unless the format itself changed.
        let fields = String(decoding: payload, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let shapeFits = (fields.count == 8 && fields.first == version) || (fields.count > 8 && fields.first == selectionVersion)
        guard shapeFits, let purpose = Purpose(rawValue: fields[4]),
              let linkVersion = Int(fields[6]), let expiresAt = Int(fields[7]) else { throw .malformed }
        return PayToken(customerID: fields[1], accountID: fields[2], invoiceNumber: fields[3].isEmpty ? nil : fields[3],
                        purpose: purpose, currency: fields[5], linkVersion: linkVersion, expiresAt: expiresAt,
                        selectableInvoices: Array(fields.dropFirst(8)))
    }
}

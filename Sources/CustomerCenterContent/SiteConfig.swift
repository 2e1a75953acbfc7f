import CustomerCenterModel

/// The merchant's site configuration, read from `content/config.toml`. Holds no secrets: those come from
/// the environment or the secrets file it names (`SecretsConfig`).
public struct SiteConfig: Sendable {
    /// Who the merchant is, as shown on every page.
    public struct Merchant: Sendable {
        public var name: String
        public var addressLines: [String]
        public var email: String
        public var phone: String?
        public var website: String?
        public var vatID: String?
    }

    /// Where money is transferred to.
    public struct BankAccount: Sendable {
        public var holder: String
        public var iban: String
        public var bic: String
        public var bankName: String?
    }

    /// Ways a customer can pay.
    public enum PaymentMethod: String, Sendable, CaseIterable {
        case paypal, sofort, card, transfer
    }

    /// Rules for pay links: who handles online payments, what amounts are allowed, how long links live.
    public struct PayLinkSettings: Sendable {
        /// The configured provider that handles PayPal, Sofort and card payments (`sandbox`, `stripe`).
        public var provider: String?
        /// The smallest amount a customer may pay.
        public var minimum: Money
        /// The largest amount a customer may pay at once.
        public var maximum: Money
        /// When something is open, at most this multiple of the open amount (overpayment allowed, typos not).
        public var maximumMultipleOfOpen: Int
        /// Pay links expire this many days after the build that wrote them.
        public var linkValidityDays: Int
        /// A started checkout that is not confirmed within this time is shown as expired.
        public var pendingExpiryMinutes: Int
        /// An announced bank transfer (top-up request) not received within this many days expires.
        public var transferExpiryDays: Int = 14
    }

    /// How emails to customers (payment requests, receipts) are sent.
    public struct EmailSettings: Sendable {
        /// Sender name and address (default: the merchant's).
        public var fromName: String
        public var fromAddress: String
        /// Where replies go, when not to the sender.
        public var replyTo: String?
        /// A sendmail-compatible command (`/usr/sbin/sendmail -t -i`, `msmtp -t`); nil: write `.eml` files to `outboxPath`.
        public var command: String?
        /// The outbox folder, resolved against the config file's folder.
        public var outboxPath: String
        /// A command that has not finished after this many seconds is stopped, and the attempt retried.
        public var timeoutSeconds: Int
        /// Delivery attempts before a message is listed as failed (each retry waits longer).
        public var attempts: Int
    }

    /// Where the secrets are.
    public struct SecretsConfig: Sendable {
        /// The secrets file, resolved against the config file's folder; must be outside `content/`.
        public var file: String?
    }

    /// The page title; defaults to the merchant's name.
    public var title: String
    /// Public URL where `site/` is published, without trailing slash.
    public var baseURL: String
    /// URL of the receiver (`customer-center serve`), without trailing slash.
    public var receiverURL: String
    /// Locale for customers that name none, and for the public pages.
    public var defaultLocale: CustomerLocale
    /// Currency for accounts that name none.
    public var defaultCurrency: Currency
    /// IANA time zone that decides what "today" is for due dates.
    public var timeZone: String {
        didSet { days = MerchantDays(timeZone: timeZone) }
    }
    /// The days of `timeZone`, remembered by this configuration (and its copies) for its lifetime.
    private(set) var days: MerchantDays
    public var merchant: Merchant
    public var bank: BankAccount
    /// Enabled payment methods, in the order pages offer them.
    public var paymentMethods: [PaymentMethod]
    /// Pay link rules.
    public var payLinks: PayLinkSettings
    /// Enabled methods a provider handles online (PayPal, Sofort, card), when a provider is configured.
    public var onlineMethods: [PaymentMethod] {
        payLinks.provider == nil ? [] : paymentMethods.filter { $0 != .transfer }
    }
    public var secrets: SecretsConfig
    /// The callback receiver's settings.
    public var receiver: ReceiverSettings
    /// Email delivery.
    public var email: EmailSettings
    /// How often an overdue invoice may be reminded (`customer-center remind`).
    public var reminders: ReminderSettings
    /// Providers allowed to call the receiver, by name.
    public var providers: [String: ProviderSettings]

    /// A configuration of these parts (`ContentFolder.loadConfig` reads and checks them).
    public init(title: String, baseURL: String, receiverURL: String, defaultLocale: CustomerLocale, defaultCurrency: Currency,
                timeZone: String, merchant: Merchant, bank: BankAccount, paymentMethods: [PaymentMethod], payLinks: PayLinkSettings,
                secrets: SecretsConfig, receiver: ReceiverSettings, email: EmailSettings, reminders: ReminderSettings = ReminderSettings(),
                providers: [String: ProviderSettings]) {
        self.title = title
        self.baseURL = baseURL
        self.receiverURL = receiverURL
        self.defaultLocale = defaultLocale
        self.defaultCurrency = defaultCurrency
        self.timeZone = timeZone
        self.days = MerchantDays(timeZone: timeZone)
        self.merchant = merchant
        self.bank = bank
        self.paymentMethods = paymentMethods
        self.payLinks = payLinks
        self.secrets = secrets
        self.receiver = receiver
        self.email = email
        self.reminders = reminders
        self.providers = providers
    }
}

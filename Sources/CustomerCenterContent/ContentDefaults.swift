import CustomerCenterModel

/// Defaults from the site configuration that customer files may leave out.
public struct ContentDefaults: Sendable {
    /// Locale of customers that name none.
    public var locale: CustomerLocale
    /// Currency of accounts that name none.
    public var currency: Currency

    /// Defaults with the given values.
    public init(locale: CustomerLocale, currency: Currency) {
        self.locale = locale
        self.currency = currency
    }

    /// The defaults a site configuration sets.
    public init(_ config: SiteConfig) {
        self.init(locale: config.defaultLocale, currency: config.defaultCurrency)
    }
}

import CustomerCenterContent
import CustomerCenterModel
import Foundation

/// `content/config.toml` (SiteConfig.parse, TOMLKit underneath). A configuration read keeps what
/// validation promises: http(s) URLs without a trailing slash, a valid IBAN and BIC, pay-link bounds
/// in the default currency with 0 < min <= max, every number in its documented range, the pay
/// provider configured and able to start checkouts; a refusal names the file.
enum SiteConfigTarget {
    static let file = "content/config.toml"

    static func fuzz(_ bytes: [UInt8]) {
        let config: SiteConfig
        do { config = try SiteConfig.parse(FuzzFields.text(bytes), file: file) } catch {
            Property.check(error.file == file && !error.reason.isEmpty, "error \(error)")
            if let line = error.line { Property.check(line >= 1, "error at line \(line): \(error)") }
            return
        }
        for url in [config.baseURL, config.receiverURL] {
            Property.check((url.hasPrefix("https://") || url.hasPrefix("http://")) && !url.hasSuffix("/"), "URL \(url.debugDescription)")
        }
        Property.check(IBAN.isValid(config.bank.iban) && IBAN.normalize(config.bank.iban) == config.bank.iban, "IBAN \(config.bank.iban)")
        Property.check([8, 11].contains(config.bank.bic.count), "BIC \(config.bank.bic)")
        let links = config.payLinks
        Property.check(links.minimum.currency == config.defaultCurrency && links.maximum.currency == config.defaultCurrency, "pay-link bounds' currency")
        Property.check(links.minimum.isPositive && links.minimum <= links.maximum, "pay-link bounds \(links.minimum)...\(links.maximum)")
        Property.check((1...100).contains(links.maximumMultipleOfOpen) && (1...365).contains(links.linkValidityDays)
                       && (1...10_080).contains(links.pendingExpiryMinutes) && (1...365).contains(links.transferExpiryDays), "pay-link numbers")
        Property.check((1...86_400).contains(config.receiver.timestampToleranceSeconds)
                       && (1_024...10_485_760).contains(config.receiver.maxBodyBytes)
                       && (0...3_600).contains(config.receiver.publishDebounceSeconds), "receiver numbers")
        Property.check((1...600).contains(config.email.timeoutSeconds) && (1...50).contains(config.email.attempts), "email numbers")
        Property.check((1...365).contains(config.reminders.intervalDays), "reminder interval \(config.reminders.intervalDays)")
        Property.check(Set(config.paymentMethods).count == config.paymentMethods.count, "a payment method twice")
        Property.check(TimeZone(identifier: config.timeZone) != nil, "time zone \(config.timeZone)")
        for (name, provider) in config.providers {
            Property.check(provider.name == name && CustomerFile.isValidID(name) && !name.contains("."), "provider \(name)")
            Property.check(provider.apiBase.map { !$0.hasSuffix("/") } ?? true, "api_base \(String(describing: provider.apiBase))")
        }
        if let provider = links.provider {
            Property.check(config.providers[provider]?.canStartCheckouts == true, "pay provider \(provider)")
        }
        // The merchant's day of a payment must be computable for any plausible event time.
        _ = config.day(ofUnixTime: 4_102_444_800)
        _ = ContentDefaults(config)
    }
}

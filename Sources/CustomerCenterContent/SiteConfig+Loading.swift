import CustomerCenterModel
import Foundation

extension SiteConfig {
    /// Reads and validates the configuration file at `path`.
    public static func load(from path: String) throws(ContentError) -> SiteConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ContentError(file: path, reason: "cannot read the configuration file (\(FileProblem.describe(error)))")
        }
        return try parse(text, file: path)
    }

    /// Parses configuration text; `file` names it in errors and anchors the secrets file path.
    public static func parse(_ text: String, file: String) throws(ContentError) -> SiteConfig {
        let top = TOMLTableReader(try TOMLDocument(text: text, file: file))
        try top.rejectUnknownKeys(["site", "merchant", "bank", "payments", "secrets", "receiver", "providers", "email", "reminders"])

        let site = try top.table("site")
        try site.rejectUnknownKeys(["title", "base_url", "receiver_url", "default_locale", "default_currency", "timezone"])
        let baseURL = try url(site, "base_url")
        let receiverURL = try url(site, "receiver_url")
        let localeText = try site.optionalString("default_locale") ?? "de-DE"
        guard let locale = CustomerLocale(localeText) else {
            throw site.error("default_locale", "\"\(localeText)\" is not supported; use a German or English locale such as de-DE or en-GB")
        }
        let currencyText = try site.optionalString("default_currency") ?? "EUR"
        guard let currency = Currency(code: currencyText) else {
            throw site.error("default_currency", "\"\(currencyText)\" is not an ISO 4217 currency code")
        }
        let timeZone = try site.optionalString("timezone") ?? "Europe/Berlin"
        guard TimeZone(identifier: timeZone) != nil else {
            throw site.error("timezone", "\"\(timeZone)\" is not an IANA time zone such as Europe/Berlin")
        }

        let merchantTable = try top.table("merchant")
        try merchantTable.rejectUnknownKeys(["name", "address", "email", "phone", "website", "vat_id"])
        let merchant = Merchant(
            name: try merchantTable.string("name"),
            addressLines: try merchantTable.strings("address", default: []),
            email: try merchantTable.string("email"),
            phone: try merchantTable.optionalString("phone"),
            website: try merchantTable.optionalString("website"),
            vatID: try merchantTable.optionalString("vat_id")
        )

        let bankTable = try top.table("bank")
        try bankTable.rejectUnknownKeys(["holder", "iban", "bic", "bank_name"])
        let iban = IBAN.normalize(try bankTable.string("iban"))
        guard IBAN.isValid(iban) else {
            throw bankTable.error("iban", "\"\(iban)\" is not a valid IBAN (wrong length or check digits)")
        }
        let bic = try bankTable.string("bic").uppercased().filter { $0 != " " }
        guard bic.count == 8 || bic.count == 11, bic.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw bankTable.error("bic", "\"\(bic)\" is not a BIC (8 or 11 letters and digits)")
        }
        let bank = BankAccount(holder: try bankTable.string("holder"), iban: iban, bic: bic,
                               bankName: try bankTable.optionalString("bank_name"))

        let paymentsTable = try top.table("payments", required: false)
        try paymentsTable.rejectUnknownKeys(["methods", "provider", "min_amount", "max_amount", "max_multiple_of_open",
                                             "link_validity_days", "pending_expiry_minutes", "transfer_expiry_days"])
        var methods: [PaymentMethod] = []
        for name in try paymentsTable.strings("methods", default: PaymentMethod.allCases.map(\.rawValue)) {
            guard let method = PaymentMethod(rawValue: name) else {
                let known = PaymentMethod.allCases.map(\.rawValue).joined(separator: ", ")
                throw paymentsTable.error("methods", "unknown payment method \"\(name)\"; known: \(known)")
            }
            if !methods.contains(method) { methods.append(method) }
        }

        func amount(_ key: String, default text: String) throws(ContentError) -> Money {
            let written = try paymentsTable.optionalString(key) ?? text
            do {
                let money = try Money.parse(written, currency: currency)
                guard money.isPositive else { throw paymentsTable.error(key, "must be more than zero") }
                return money
            } catch let error as ContentError {
                throw error
            } catch {
                throw paymentsTable.error(key, "\(error)")
            }
        }
        let minimum = try amount("min_amount", default: "1.00")
        let maximum = try amount("max_amount", default: "10000.00")
        guard minimum <= maximum else { throw paymentsTable.error("max_amount", "is below min_amount") }
        let multiple = try paymentsTable.integer("max_multiple_of_open", default: 3)
        guard (1...100).contains(multiple) else { throw paymentsTable.error("max_multiple_of_open", "must be between 1 and 100") }
        let validity = try paymentsTable.integer("link_validity_days", default: 30)
        guard (1...365).contains(validity) else { throw paymentsTable.error("link_validity_days", "must be between 1 and 365") }
        let pendingExpiry = try paymentsTable.integer("pending_expiry_minutes", default: 60)
        guard (1...10_080).contains(pendingExpiry) else { throw paymentsTable.error("pending_expiry_minutes", "must be between 1 and 10080") }
        let payProvider = try paymentsTable.optionalString("provider")
        let transferExpiry = try paymentsTable.integer("transfer_expiry_days", default: 14)
        guard (1...365).contains(transferExpiry) else { throw paymentsTable.error("transfer_expiry_days", "must be between 1 and 365") }

        let secretsTable = try top.table("secrets", required: false)
        try secretsTable.rejectUnknownKeys(["file"])
        let configFolder = (file as NSString).deletingLastPathComponent
        func resolve(_ relative: String) -> String {
            relative.hasPrefix("/") ? relative : ((configFolder.isEmpty ? "." : configFolder) as NSString).appendingPathComponent(relative)
        }
        let secretsFile = try secretsTable.optionalString("file").map(resolve)

        let receiverTable = try top.table("receiver", required: false)
        try receiverTable.rejectUnknownKeys(["ledger", "timestamp_tolerance_seconds", "max_body_bytes", "publish_command",
                                             "publish_debounce_seconds", "publish_timeout_seconds"])
        let tolerance = try receiverTable.integer("timestamp_tolerance_seconds", default: 300)
        guard (1...86_400).contains(tolerance) else {
            throw receiverTable.error("timestamp_tolerance_seconds", "must be between 1 and 86400 seconds")
        }
        let maxBody = try receiverTable.integer("max_body_bytes", default: 65_536)
        guard (1_024...10_485_760).contains(maxBody) else {
            throw receiverTable.error("max_body_bytes", "must be between 1024 and 10485760")
        }
        let debounce = try receiverTable.integer("publish_debounce_seconds", default: 10)
        guard (0...3_600).contains(debounce) else {
            throw receiverTable.error("publish_debounce_seconds", "must be between 0 and 3600")
        }
        let publishTimeout = try receiverTable.integer("publish_timeout_seconds", default: 300)
        guard (1...3_600).contains(publishTimeout) else {
            throw receiverTable.error("publish_timeout_seconds", "must be between 1 and 3600")
        }
        // A ledger URL (PostgreSQL) is kept as written; the SQLite path then stays the default, whose
        // folder also holds the build cache. A password never lives in content/, which is shared.
        let ledgerSetting = try receiverTable.optionalString("ledger")
        let ledgerURL = ledgerSetting.flatMap { ReceiverSettings.namesLedgerURL($0) ? $0 : nil }
        if let ledgerURL, let problem = ReceiverSettings.problemWithLedgerURL(ledgerURL) {
            throw receiverTable.error("ledger", problem)
        }
        let receiver = ReceiverSettings(
            ledgerPath: resolve(ledgerURL == nil ? ledgerSetting ?? "../.customer-center/ledger.sqlite" : "../.customer-center/ledger.sqlite"),
            ledgerURL: ledgerURL,
            timestampToleranceSeconds: tolerance, maxBodyBytes: maxBody,
            publishCommand: try receiverTable.optionalString("publish_command"), publishDebounceSeconds: debounce,
            publishTimeoutSeconds: publishTimeout)

        let emailTable = try top.table("email", required: false)
        try emailTable.rejectUnknownKeys(["from_name", "from", "reply_to", "command", "outbox", "timeout_seconds", "attempts"])
        let fromAddress = try emailTable.optionalString("from") ?? merchant.email
        for (key, address) in [("from", fromAddress), ("reply_to", try emailTable.optionalString("reply_to"))] {
            guard let address else { continue }
            let parts = address.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
                  !address.contains(where: { $0.isWhitespace || "<>\"(),;".contains($0) }) else {
                throw emailTable.error(key, "\"\(address)\" is not an email address such as billing@example.com")
            }
        }
        let mailCommand = try emailTable.optionalString("command").map { $0.trimmingCharacters(in: .whitespaces) }
        let mailTimeout = try emailTable.integer("timeout_seconds", default: 30)
        guard (1...600).contains(mailTimeout) else { throw emailTable.error("timeout_seconds", "must be between 1 and 600") }
        let mailAttempts = try emailTable.integer("attempts", default: 6)
        guard (1...50).contains(mailAttempts) else { throw emailTable.error("attempts", "must be between 1 and 50") }
        let email = EmailSettings(
            fromName: try emailTable.optionalString("from_name") ?? merchant.name, fromAddress: fromAddress,
            replyTo: try emailTable.optionalString("reply_to"), command: mailCommand?.isEmpty == false ? mailCommand : nil,
            outboxPath: (resolve(try emailTable.optionalString("outbox") ?? "../.customer-center/outbox") as NSString).standardizingPath,
            timeoutSeconds: mailTimeout, attempts: mailAttempts)

        let remindersTable = try top.table("reminders", required: false)
        try remindersTable.rejectUnknownKeys(["interval_days"])
        let reminderInterval = try remindersTable.integer("interval_days", default: 14)
        guard (1...365).contains(reminderInterval) else {
            throw remindersTable.error("interval_days", "must be between 1 and 365")
        }

        var providers: [String: ProviderSettings] = [:]
        let providersTable = try top.table("providers", required: false)
        for name in providersTable.values.keys.sorted() {
            guard CustomerFile.isValidID(name), !name.contains(".") else {
                throw providersTable.error(name, "a provider name may only contain letters, digits, '_' and '-'")
            }
            let provider = try providersTable.table(name)
            try provider.rejectUnknownKeys(["scheme", "format", "api_base"])
            let scheme = try provider.string("scheme")
            guard ["stripe", "standard-webhooks", "hmac-sha256"].contains(scheme) else {
                throw provider.error("scheme", "unknown signature scheme \"\(scheme)\"; use stripe, standard-webhooks or hmac-sha256")
            }
            let formatText = try provider.optionalString("format") ?? (scheme == "stripe" ? "stripe" : "sandbox")
            guard let format = ProviderSettings.PayloadFormat(rawValue: formatText) else {
                throw provider.error("format", "unknown payload format \"\(formatText)\"; use stripe or sandbox")
            }
            var apiBase = try provider.optionalString("api_base") ?? (format == .stripe ? "https://api.stripe.com" : nil)
            while apiBase?.hasSuffix("/") == true { apiBase?.removeLast() }
            providers[name] = ProviderSettings(name: name, scheme: scheme, format: format, apiBase: apiBase)
        }
        if let payProvider {
            guard let settings = providers[payProvider] else {
                throw paymentsTable.error("provider", "no [providers.\(payProvider)] is configured")
            }
            guard settings.canStartCheckouts else {
                throw paymentsTable.error("provider", "[providers.\(payProvider)] cannot start checkouts; use a stripe provider, or a sandbox one (format sandbox, scheme standard-webhooks) for demos")
            }
        }

        return SiteConfig(
            title: try site.optionalString("title") ?? merchant.name,
            baseURL: baseURL,
            receiverURL: receiverURL,
            defaultLocale: locale,
            defaultCurrency: currency,
            timeZone: timeZone,
            merchant: merchant,
            bank: bank,
            paymentMethods: methods,
            payLinks: PayLinkSettings(provider: payProvider, minimum: minimum, maximum: maximum, maximumMultipleOfOpen: multiple,
                                      linkValidityDays: validity, pendingExpiryMinutes: pendingExpiry,
                                      transferExpiryDays: transferExpiry),
            secrets: SecretsConfig(file: secretsFile),
            receiver: receiver,
            email: email,
            reminders: ReminderSettings(intervalDays: reminderInterval),
            providers: providers
        )
    }

    private static func url(_ table: TOMLTableReader, _ key: String) throws(ContentError) -> String {
        var text = try table.string(key)
        while text.hasSuffix("/") { text.removeLast() }
        guard let components = URLComponents(string: text), let scheme = components.scheme,
              scheme == "https" || scheme == "http", components.host?.isEmpty == false,
              components.query == nil, components.fragment == nil else {
            throw table.error(key, "\"\(text)\" is not an absolute http(s) URL without query")
        }
        return text
    }

    /// The public URL of the site's root, with a trailing slash.
    public var siteRootURL: String { baseURL + "/" }

    /// The merchant's calendar day of a Unix time: the day a provider's payment is shown on.
    public func day(ofUnixTime seconds: Int) -> CalendarDate {
        days.day(ofUnixTime: seconds)
    }

    /// Today in the merchant's time zone: the day that decides what is overdue.
    public func today(now: Date = Date()) -> CalendarDate {
        day(ofUnixTime: Int(now.timeIntervalSince1970.rounded(.down)))
    }
}

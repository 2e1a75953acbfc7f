import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterSigning

/// Everything needed to turn content into pages, loaded once: configuration, templates, texts,
/// Markdown pages, the link secret and the day the statuses are computed for.
///
/// Rendering is a pure function of this and a customer: a full build and the regeneration of one
/// customer produce the same bytes.
public struct SiteRenderer: Sendable {
    public let config: SiteConfig
    public private(set) var templates: TemplateSet
    public let translations: Translations
    public let pages: [ContentPage]
    /// Fingerprinted asset paths by asset file name (`style.css` -> `assets/style.3f2a9c1d.css`).
    public let assets: [String: String]
    /// The day that decides what is overdue; shown on pages as "as of".
    public private(set) var today: CalendarDate
    let linkSecret: LinkSecret
    /// Signs pay links; nil when pay links are off (no `[payments].provider`).
    public let payLinkKey: PayLinkKey?
    /// HTML of every Markdown page by `sitePath`, rendered once.
    let pageHTML: [String: String]
    /// GiroCodes drawn before (see `with(giroCodes:)`); nil: every code is encoded.
    private(set) var giroCodes: GiroCodeCache?
    /// `siteContext` for each language with the roots pages use, built once.
    private(set) var siteContexts: [String: [String: TemplateValue]] = [:]

    /// A renderer over loaded parts.
    public init(config: SiteConfig, templates: TemplateSet, translations: Translations, pages: [ContentPage],
                assets: [String: String], linkSecret: LinkSecret, payLinkKey: PayLinkKey? = nil, today: CalendarDate) {
        self.config = config
        self.templates = templates
        self.translations = translations
        self.pages = pages
        self.assets = assets
        self.linkSecret = linkSecret
        self.payLinkKey = payLinkKey
        self.today = today
        var html: [String: String] = [:]
        for page in pages { html[page.sitePath] = Markdown.html(page.markdown, keepingLineBreaks: page.keepLineBreaks) }
        self.pageHTML = html
        var contexts: [String: [String: TemplateValue]] = [:]
        for language in CustomerLocale.languages {
            for (root, personal) in [("../../", true), ("../../", false), ("", false), (config.siteRootURL, true)] {
                contexts[SiteRenderer.siteContextKey(language: language, root: root, personal: personal)] =
                    buildSiteContext(language: language, root: root, personal: personal)
            }
        }
        self.siteContexts = contexts
    }

    /// The same renderer computing statuses as of `day` (a long-running receiver crosses midnight).
    public func with(today day: CalendarDate) -> SiteRenderer {
        var copy = self
        copy.today = day
        return copy
    }

    /// The same renderer rendering through swift-mustache alone: the reference `RenderPlanTests`
    /// compares the compiled plan with.
    func withReferenceRendering() -> SiteRenderer {
        var copy = self
        copy.templates = templates.referenceRendering()
        return copy
    }

    /// The same renderer taking GiroCodes from `cache` where their payload is unchanged.
    public func with(giroCodes cache: GiroCodeCache?) -> SiteRenderer {
        var copy = self
        copy.giroCodes = cache
        return copy
    }

    /// The RF references (printed) whose GiroCodes `customer`'s page may show, to look up kept codes.
    public func giroCodeReferences(activity: CustomerActivity) -> [String] {
        guard config.paymentMethods.contains(.transfer) else { return [] }
        return activity.references.values.map(\.printed) + activity.transfers.map(\.reference.printed)
    }

    /// The secret token of `customer`'s page.
    public func token(for customer: Customer) -> PageToken {
        PersonalLink.token(for: customer, secret: linkSecret)
    }

    /// `c/<token>/index.html`, relative to the output folder.
    public func pagePath(for customer: Customer) -> String {
        PersonalLink.filePath(token(for: customer))
    }

    /// `c/<token>`, the folder of everything personal to `customer` (page, statement, documents),
    /// relative to the output folder.
    public func pageFolderPath(for customer: Customer) -> String {
        "c/\(token(for: customer).value)"
    }

    /// The personal URL to send to `customer`.
    public func personalURL(for customer: Customer) -> String {
        PersonalLink.url(token(for: customer), config: config)
    }

    /// The customer's personal page, with what the ledger knows beyond the content: money booked
    /// since the export, and checkouts started from pay links.
    public func renderCustomerPage(_ customer: Customer, activity: CustomerActivity = .none) -> String {
        String(decoding: renderCustomerPageBytes(customer, activity: activity), as: UTF8.self)
    }

    /// `renderCustomerPage` as the bytes written to the page.
    public func renderCustomerPageBytes(_ customer: Customer, activity: CustomerActivity = .none) -> [UInt8] {
        var current = customer
        if !activity.recorded.isEmpty {
            current.accounts = customer.accounts.map { $0.including(activity.recorded) }
        }
        let language = (CustomerLocale(customer.locale) ?? config.defaultLocale).language
        return templates.renderBytes("customer", customerContext(current, checkouts: activity.checkouts, references: activity.references,
                                                                transfers: activity.transfers), language: language)
    }

    /// Whether the merchant's templates include `name` (`emails/receipt-text`).
    public func hasTemplate(_ name: String) -> Bool { templates.names.contains(name) }

    /// One Markdown page inside the layout.
    public func renderContentPage(_ page: ContentPage) -> String {
        var context = siteContext(language: page.language, root: "../../", personal: false)
        context["page"] = ["title": .text(page.title), "html": .text(pageHTML[page.sitePath] ?? "")]
        return templates.render("page", context, language: page.language)
    }

    /// A receiver page (pay errors, method choice, thank-you): `message` from the templates, marked
    /// private like a personal page, with assets linked from the site's public URL.
    public func renderMessage(language: String, _ message: [String: TemplateValue]) -> String {
        var context = siteContext(language: language, root: config.siteRootURL, personal: true)
        context["message"] = .object(message)
        return templates.render("message", context, language: language)
    }

    /// The sandbox provider's checkout page (demo and tests only).
    public func renderSandboxCheckout(language: String, _ checkout: [String: TemplateValue]) -> String {
        var context = siteContext(language: language, root: config.siteRootURL, personal: true)
        context["message"] = .object(checkout)
        return templates.render(templates.names.contains("sandbox-checkout") ? "sandbox-checkout" : "message", context, language: language)
    }

    /// The public start page: who the merchant is and where the personal link is, in the default
    /// language and then in the other (`also`), since it is one page for every visitor.
    public func renderIndex() -> String {
        let language = config.defaultLocale.language
        return templates.render("index", bilingualContext(language: language, root: ""), language: language)
    }

    /// The page a static host shows for unknown paths, such as a revoked personal link; in both
    /// languages, as it is one file for every path.
    public func renderNotFound() -> String {
        // Served for any path, so links must be absolute from the site root.
        let basePath = URLPath.path(of: config.baseURL)
        let language = config.defaultLocale.language
        return templates.render("not-found", bilingualContext(language: language, root: basePath + "/"), language: language)
    }

    /// The site context in `language`, with `also`: each other language's texts (`text`, not `t`, whose
    /// tags are resolved at load time) and its pages.
    func bilingualContext(language: String, root: String) -> [String: TemplateValue] {
        var context = siteContext(language: language, root: root, personal: false)
        context["also"] = .objects(CustomerLocale.languages.sorted().filter { $0 != language }.map { other -> [String: TemplateValue] in
            let linked: [[String: TemplateValue]] = pages.filter { $0.language == other }.map {
                ["title": .text($0.title), "href": .text(root + $0.sitePath)]
            }
            return ["lang": .text(other), "text": .texts(translations.table(other)), "pages": .objects(linked), "hasPages": .bool(!linked.isEmpty)]
        })
        return context
    }

    /// Pages to link from a page in `language`: those in that language, or the default language's.
    func pages(for language: String) -> [ContentPage] {
        let own = pages.filter { $0.language == language }
        return own.isEmpty ? pages.filter { $0.language == config.defaultLocale.language } : own
    }
}

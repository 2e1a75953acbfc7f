import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterSigning

/// Where a customer's personal page lives: `c/<token>/` under the site root. The one place that
/// spells the URL scheme, for the page writer, `links` and (later) emails.
public enum PersonalLink {
    /// The token of `customer` under `secret`.
    public static func token(for customer: Customer, secret: LinkSecret) -> PageToken {
        PageToken(customerID: customer.id, linkVersion: customer.linkVersion, secret: secret)
    }

    /// `c/<token>/index.html`, relative to the output folder.
    public static func filePath(_ token: PageToken) -> String { "c/\(token.value)/index.html" }

    /// The absolute URL to send to the customer.
    public static func url(_ token: PageToken, config: SiteConfig) -> String { config.siteRootURL + "c/\(token.value)/" }
}

import CustomerCenterModel

extension SiteRenderer {
    /// The email that carries a customer's personal link: what the page holds, the link itself (the
    /// only secret in it), that it is for them alone. `renewed` for a link that replaced an earlier one
    /// (`rotate-link`, or a link version above 1): the old link no longer works.
    public func renderPersonalLink(customer: Customer, renewed: Bool) -> RenderedEmail {
        let (language, _) = emailLocale(customer)
        let text = { (key: String, values: [String: String]) in self.translations.text(key, language, values) }
        var context = emailContext(customer, language: language)
        let merchant = config.merchant.name
        context["subject"] = .text(text(renewed ? "email_link_renewed_subject" : "email_link_subject", ["merchant": merchant]))
        context["intro"] = .text(text(renewed ? "email_link_renewed_intro" : "email_link_intro", ["merchant": merchant]))
        if !config.paymentMethods.isEmpty { context["payHint"] = .text(text("email_link_pay_hint", [:])) }
        context["privacy"] = .text(text("email_link_private", [:]))
        return RenderedEmail(kind: "personal-link", subject: context["subject"]?.textValue ?? "",
                             text: templates.render("emails/personal-link-text", context),
                             html: templates.render("emails/personal-link-html", context))
    }
}

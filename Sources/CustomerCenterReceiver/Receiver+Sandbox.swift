import CustomerCenterApplication
import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterRender
import CustomerCenterSigning
import Foundation

extension Receiver {
    /// `GET /sandbox/checkout/<id>`: the sandbox provider's checkout page. Demo and tests only: it
    /// books money nobody paid, so a production configuration has no sandbox provider.
    public func sandboxCheckoutPage(checkoutID: String) -> ReceiverPage {
        guard let pending = try? ledger.pending(checkoutID: checkoutID), sandboxDeliveries[pending.provider] != nil,
              let customer = try? workspace.customer(pending.customerID) else {
            return message(404, config.defaultLocale.language, "pay_invalid_title", "pay_invalid_text")
        }
        let locale = CustomerLocale(customer.locale) ?? config.defaultLocale
        let format = LocaleFormat(locale)
        // Opened again after it ended: say how it ended, not "already finished" for a declined one.
        switch pending.status {
        case .pending: break
        case .completed: return message(409, locale.language, "sandbox_done_title", "sandbox_done_text", back: personalURL(customer))
        case .failed: return message(409, locale.language, "sandbox_declined_title", "sandbox_declined_text", back: personalURL(customer))
        case .cancelled, .expired: return message(409, locale.language, "pay_cancelled_title", "pay_cancelled_text", back: personalURL(customer))
        }
        let values = ["amount": format.money(pending.amount), "method": translations(locale.language, "method_text_\(pending.method.rawValue)"),
                      "merchant": config.merchant.name]
        let context: [String: TemplateValue] = [
            "title": .text(translations(locale.language, "sandbox_title")),
            "text": .text(translations(locale.language, "sandbox_text", values)),
            "action": .text(config.receiverURL + "/sandbox/checkout/" + checkoutID),
            "amount": .text(format.inputAmount(pending.amount)),
            "abandon": .text(personalURL(customer)),
            "cancel": .text(config.receiverURL + "/cancel?checkout=" + checkoutID),
        ]
        return ReceiverPage(status: 200, html: renderer.renderSandboxCheckout(language: locale.language, context), location: nil)
    }

    /// `POST /sandbox/checkout/<id>` with `action=pay` (and an `amount`, which may differ) or
    /// `action=decline`. Paying sends the signed callback over HTTP, as a provider would, and returns
    /// the customer to `/return`.
    public func sandboxCheckoutSubmit(checkoutID: String, form: SandboxCheckoutForm) async -> ReceiverPage {
        // Only checkouts of a sandbox provider can be "paid" here, never one of a real provider.
        guard let pending = try? ledger.pending(checkoutID: checkoutID), pending.status == .pending,
              let delivery = sandboxDeliveries[pending.provider],
              let customer = try? workspace.customer(pending.customerID) else {
            return message(404, config.defaultLocale.language, "pay_invalid_title", "pay_invalid_text")
        }
        let locale = CustomerLocale(customer.locale) ?? config.defaultLocale
        let currency = pending.currency
        let nowSeconds = Int(now().timeIntervalSince1970)
        if form.action == "decline" {
            _ = try? ledger.finishPending(checkoutID: checkoutID, status: .failed, note: "declined in the sandbox", at: nowSeconds)
            await pages.schedule(customer.id)
            return message(200, locale.language, "sandbox_declined_title", "sandbox_declined_text", back: personalURL(customer))
        }
        let amount: Money
        do {
            amount = try AmountInput.parse(form.amount ?? "", locale: locale, currency: currency)
        } catch {
            return message(422, locale.language, "pay_amount_title", "sandbox_amount_invalid")
        }
        let eventID = "evt_sandbox_" + ByteEncoding.hex(SecureRandom.bytes(8))
        var payment: [String: Any] = [
            "id": "pay_" + checkoutID, "amount": amount.decimalString, "currency": currency.code, "method": pending.method.rawValue,
            "customer": pending.customerID, "account": pending.accountID, "purpose": pending.purpose.rawValue, "checkout": checkoutID,
        ]
        if let invoice = pending.invoiceNumber { payment["invoice"] = invoice }
        let object: [String: Any] = ["id": eventID, "type": "payment.succeeded", "created": nowSeconds, "payment": payment]
        let body = [UInt8]((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
        let clock = now
        // Delivered in the background, as a provider would; the customer goes back at once.
        Task { await delivery.deliver(body, messageID: "msg_" + eventID, now: clock) }
        return .redirect(config.receiverURL + "/return?checkout=" + checkoutID)
    }
}

/// What the sandbox checkout's form posts: `action=pay` with the `amount` (which may differ), or
/// `action=decline`.
public struct SandboxCheckoutForm: Decodable, Sendable {
    public var action: String?
    public var amount: String?

    public init(action: String? = nil, amount: String? = nil) {
        self.action = action
        self.amount = amount
    }
}

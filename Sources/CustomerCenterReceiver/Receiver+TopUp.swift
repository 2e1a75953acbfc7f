import CustomerCenterApplication
import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterRender
import Foundation

extension Receiver {
    /// `/topup` (and `/pay` with method `transfer` on a prepaid account): records a top-up request
    /// with a fresh RF reference, queues the payment-request email, regenerates the page, and
    /// answers with the bank details and GiroCode.
    func announceTopUp(_ request: PayRequest) async -> ReceiverPage {
        let language = request.language
        guard request.token.purpose == .topUp, request.account.kind == .prepaid, config.paymentMethods.contains(.transfer) else {
            return message(422, language, "pay_method_title", "pay_method_text", back: request.back)
        }
        let recorded: BankTransfers.Request
        do {
            recorded = try await transfers.request(customer: request.customer, account: request.account, amount: request.amount)
        } catch {
            return message(503, language, "pay_unavailable_title", "topup_unavailable_text", back: request.back)
        }
        let (reference, lastDay) = (recorded.reference, recorded.lastDay)
        let announced = AnnouncedTransfer(accountID: request.account.id, invoiceNumber: nil, reference: reference, amount: request.amount,
                                          received: nil, status: .announced, announced: config.day(ofUnixTime: recorded.transfer.createdAt),
                                          expires: lastDay)
        let values = ["amount": request.format.money(request.amount), "reference": reference.printed]
        return message(200, language, "topup_title", "topup_text", values: values, back: request.back,
                       transfers: [renderer.announcedTransferBlock(announced, customer: request.customer)])
    }

    /// `GET /topup?token=…&amount=…`: a prepaid account's top-up by bank transfer.
    public func handleTopUp(token: String?, amount: String?) async -> ReceiverPage {
        switch checkedPayRequest(token: token, amount: amount, method: SiteConfig.PaymentMethod.transfer.rawValue) {
        case .success(let request): return await announceTopUp(request)
        case .failure(let refusal): return refusal.page
        }
    }
}

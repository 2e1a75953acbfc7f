import CustomerCenterSigning
import Foundation
import Testing

/// A customer file that exists but does not load while the receiver runs (the merchant is editing it,
/// or an import broke it): money for that customer is not kept as unmatched but retried, and a pay
/// link asks the customer to try again, since the receiver no longer checks every file at start.
@Suite struct BrokenContentTests {
    @Test func aCallbackForACustomerWhoseFileDoesNotLoadIsRetriedNotKeptUnmatched() async throws {
        let harness = try await ReceiverHarness()
        try await harness.withReceiver { receiver, client async throws in
            let good = harness.folder.read("content/customers/1001.json")
            harness.folder.write("{\"id\": \"1001\",", to: "content/customers/1001.json")
            let body = ReceiverHarness.sandboxEvent(id: "evt_broken", payment: "pay_broken", amount: "5.00")
            #expect(try await client.sandbox(body) == .init(status: 503, body: "try again later"))
            #expect(try receiver.ledger.unmatched().isEmpty)
            harness.folder.write(good, to: "content/customers/1001.json")
            #expect(try await client.sandbox(body) == .init(status: 200, body: "booked"))
        }
    }

    @Test func aPayLinkOfACustomerWhoseFileDoesNotLoadAsksToTryAgain() async throws {
        let harness = try await ReceiverHarness()
        try await harness.withPreviewReceiver { _, client, _ async throws in
            let token = PayToken(customerID: "1002", accountID: "1002-GEWERBE", invoiceNumber: nil, purpose: .settle, currency: "EUR",
                                 linkVersion: 1, expiresAt: ReceiverHarness.now + 86_400)
                .signed(with: try PayLinkKey("DEMO-ONLY-pay-link-secret-public-do-not-use-012345"))!
            harness.folder.write("{", to: "content/customers/1002.json")
            let reply = try await client.sendFull("GET", "/pay?token=\(token)&amount=10,00&method=paypal")
            #expect(reply.reply.status == 503)
            #expect(reply.reply.body.contains("Ihre Zahlung konnte gerade nicht vorbereitet werden."))
        }
    }
}

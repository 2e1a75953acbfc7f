import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterReceiver
import CustomerCenterSigning
import Foundation
import Testing

/// Stripe's events as Stripe sends them (shapes from Stripe's API reference), signed with
/// `Stripe-Signature`, through the real receiver.
@Suite struct StripeEventTests {
    func stripe(_ object: [String: Any]) -> (body: [UInt8], headers: [String: String]) {
        let body = [UInt8](try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
        let signature = WebhookSigner(scheme: .stripe, secret: ReceiverHarness.stripeSecret)
            .headers(body: body, timestamp: ReceiverHarness.now, id: "").first!.value
        return (body, ["Content-Type": "application/json; charset=utf-8", "Stripe-Signature": signature])
    }

    func event(_ id: String, _ type: String, _ object: [String: Any]) -> [String: Any] {
        ["id": id, "object": "event", "type": type, "created": ReceiverHarness.now, "livemode": false,
         "data": ["object": object]]
    }

    let metadata = ["customer": "1002", "account": "1002-GEWERBE", "invoice": "RE-2026-2001"]

    @Test func aCheckoutSessionAndItsPaymentIntentBookTheMoneyOnce() async throws {
        let harness = try ReceiverHarness()
        let session = stripe(event("evt_cs", "checkout.session.completed", [
            "id": "cs_test_1", "object": "checkout.session", "payment_intent": "pi_1", "amount_total": 148_000,
            "currency": "eur", "payment_status": "paid", "metadata": metadata,
        ]))
        let intent = stripe(event("evt_pi", "payment_intent.succeeded", [
            "id": "pi_1", "object": "payment_intent", "amount_received": 148_000, "currency": "eur",
            "payment_method_types": ["paypal"], "metadata": metadata,
        ]))
        try await harness.withReceiver { receiver, client async throws in
            #expect(try await client.send("POST", "/callbacks/stripe", headers: session.headers, body: session.body).body == "booked")
            #expect(try await client.send("POST", "/callbacks/stripe", headers: intent.headers, body: intent.body).body == "duplicate-payment")
            await receiver.waitForPages()
            let entries = try receiver.ledger.entries(customerID: "1002")
            #expect(entries.map(\.amountMinor) == [148_000])
            #expect(try harness.page(of: "1002").contains("Offener Betrag</p>\n      <p class=\"figure__value figure__value--due\">2.315,40\u{00A0}€"))
        }
    }

    @Test func unpaidSessionsAndOtherEventsAreAcknowledgedAndIgnored() async throws {
        let harness = try ReceiverHarness()
        let unpaid = stripe(event("evt_u", "checkout.session.completed", [
            "id": "cs_2", "payment_intent": "pi_2", "amount_total": 1_000, "currency": "eur",
            "payment_status": "unpaid", "metadata": metadata,
        ]))
        let other = stripe(event("evt_o", "customer.created", ["id": "cus_1"]))
        try await harness.withReceiver { receiver, client async throws in
            #expect(try await client.send("POST", "/callbacks/stripe", headers: unpaid.headers, body: unpaid.body).body == "ignored")
            #expect(try await client.send("POST", "/callbacks/stripe", headers: other.headers, body: other.body).body == "ignored")
            #expect(try receiver.ledger.events().isEmpty)
        }
    }

    @Test func aChargeRefundIsBookedPerRefundAndACurrencyMismatchIsKept() async throws {
        let harness = try ReceiverHarness()
        let intent = stripe(event("evt_pi", "payment_intent.succeeded", [
            "id": "pi_3", "amount_received": 50_000, "currency": "eur", "metadata": metadata,
        ]))
        let refund = stripe(event("evt_ch", "charge.refunded", [
            "id": "ch_3", "object": "charge", "payment_intent": "pi_3", "amount_refunded": 20_000, "currency": "eur",
            "refunds": ["data": [["id": "re_1", "amount": 20_000]]], "metadata": metadata,
        ]))
        let dollars = stripe(event("evt_usd", "payment_intent.succeeded", [
            "id": "pi_4", "amount_received": 1_000, "currency": "usd", "metadata": metadata,
        ]))
        try await harness.withReceiver { receiver, client async throws in
            _ = try await client.send("POST", "/callbacks/stripe", headers: intent.headers, body: intent.body)
            #expect(try await client.send("POST", "/callbacks/stripe", headers: refund.headers, body: refund.body).body == "booked")
            #expect(try await client.send("POST", "/callbacks/stripe", headers: dollars.headers, body: dollars.body).body == "unmatched")
            let entries = try receiver.ledger.entries(customerID: "1002")
            #expect(entries.map(\.kind) == ["payment", "refund", "payment"])
            #expect(entries.map(\.status) == [.booked, .booked, .mismatch])
            #expect(try receiver.ledger.unmatched().first?.note == "currency USD differs from the account's EUR")
        }
    }

    @Test func anAbsurdAmountIsRefusedRatherThanOverflowing() async throws {
        let harness = try ReceiverHarness()
        let huge = stripe(event("evt_max", "payment_intent.succeeded", [
            "id": "pi_max", "amount_received": Int.max, "currency": "eur", "metadata": metadata,
        ]))
        try await harness.withReceiver { receiver, client async throws in
            #expect(try await client.send("POST", "/callbacks/stripe", headers: huge.headers, body: huge.body).status == 422)
            #expect(try receiver.ledger.events().isEmpty)
        }
    }
}

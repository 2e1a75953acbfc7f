import CustomerCenterSigning
import Foundation
import Testing

/// The two requests that used to stop the receiver (issue 11): each is refused and the server keeps
/// answering.
@Suite struct RemoteCrashTests {
    /// `t=Int.min` made `now - t` overflow before any signature was compared; no secret needed.
    @Test func aStripeTimestampOfIntMinIsRefusedWith401() async throws {
        let harness = try await ReceiverHarness()
        try await harness.withReceiver { _, client async throws in
            let header = "t=-9223372036854775808,v1=" + String(repeating: "0", count: 64)
            let reply = try await client.send("POST", "/callbacks/stripe",
                                              headers: ["Content-Type": "application/json", "Stripe-Signature": header],
                                              body: Array("{}".utf8))
            #expect(reply == .init(status: 401, body: "invalid signature"))
            let largest = try await client.send("POST", "/callbacks/stripe",
                                                headers: ["Content-Type": "application/json",
                                                          "Stripe-Signature": "t=9223372036854775807,v1=" + String(repeating: "0", count: 64)],
                                                body: Array("{}".utf8))
            #expect(largest.status == 401)
            #expect(try await client.send("GET", "/healthz").status == 200)
        }
    }

    @Test func aStandardWebhooksTimestampOfIntMinIsRefusedWith401() async throws {
        let harness = try await ReceiverHarness()
        try await harness.withReceiver { _, client async throws in
            let body = ReceiverHarness.sandboxEvent(id: "evt_min", payment: "pay_min", amount: "1.00")
            var headers = ReceiverHarness.sandboxHeaders(body)
            headers["webhook-timestamp"] = "-9223372036854775808"
            #expect(try await client.sandbox(body, headers: headers) == .init(status: 401, body: "invalid signature"))
            #expect(try await client.send("GET", "/healthz").status == 200)
        }
    }

    /// A validly signed event created in the year 10000 force-unwrapped a nil computing its day; now
    /// it is a 422, the callbacks beside it in the same moment are booked, and the server stays up.
    @Test func aSignedEventFromTheYear10000IsRefusedWith422() async throws {
        let harness = try await ReceiverHarness()
        try await harness.withReceiver { receiver, client async throws in
            for created in [253_402_300_800, Int.max, -62_135_596_801, 946_684_799, ReceiverHarness.now + 86_401] {
                let body = Array("""
                    {"id":"evt_far_\(created)","type":"payment.succeeded","created":\(created),"payment":{"id":"pay_far_\(created)",\
                    "amount":"1.00","currency":"EUR","method":"paypal","customer":"1001","account":"1001-STROM"}}
                    """.utf8)
                #expect(try await client.sandbox(body) == .init(status: 422, body: "unprocessable event"), "created \(created)")
            }
            let good = ReceiverHarness.sandboxEvent(id: "evt_ok", payment: "pay_ok", amount: "1.00")
            #expect(try await client.sandbox(good).status == 200)
            #expect(try receiver.ledger.entries(customerID: "1001").count == 1)
        }
    }
}

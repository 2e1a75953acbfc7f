import CustomerCenterModel
import CustomerCenterProviderEvents
import Testing

@Suite struct EventParserTests {
    static let now = 1_795_000_000

    private func sandbox(_ text: String) throws(CallbackRejection) -> PaymentEvent? {
        try SandboxEventParser.parse(Array(text.utf8), provider: "sandbox", now: Self.now)
    }

    private func stripe(_ text: String) throws(CallbackRejection) -> PaymentEvent? {
        try StripeEventParser.parse(Array(text.utf8), provider: "stripe", now: Self.now)
    }

    @Test func aDuplicateKeyIsRefusedWith422() {
        let body = #"{"id":"e","type":"payment.succeeded","created":1795000000,"payment":{"id":"p","amount":"abc","amount":"1.00","currency":"EUR"}}"#
        #expect(throws: CallbackRejection.self) { try sandbox(body) }
        do { _ = try sandbox(body) } catch { #expect(error.status == 422 && error.reason.contains("duplicate key \"amount\"")) }
    }

    @Test func eventTimesOutsideThePlausibleRangeAreRefusedWith422() throws {
        for created in ["253402300800", "9223372036854775807", "-9223372036854775808", "946684799", "\(Self.now + 86_401)"] {
            let body = #"{"id":"e","type":"payment.succeeded","created":\#(created),"payment":{"id":"p","amount":"1.00","currency":"EUR"}}"#
            do {
                _ = try sandbox(body)
                Issue.record("accepted created \(created)")
            } catch { #expect(error.status == 422, "created \(created)") }
        }
        let ok = #"{"id":"e","type":"payment.succeeded","created":946684800,"payment":{"id":"p","amount":"1.00","currency":"EUR"}}"#
        #expect(try sandbox(ok)?.occurredAt == 946_684_800)
        #expect(EventTime.plausible(now: Int.max).upperBound == Int.max)
    }

    @Test func anExpandedPaymentIntentIsReadByItsID() throws {
        func session(_ intent: String) -> String {
            #"{"id":"evt_1","type":"checkout.session.completed","created":1795000000,"data":{"object":{"id":"cs_1","payment_status":"paid","currency":"eur","amount_total":1000,"payment_intent":\#(intent),"metadata":{"customer":"1001","account":"1001-STROM"}}}}"#
        }
        #expect(try stripe(session(#""pi_1""#))?.paymentID == "pi_1")
        #expect(try stripe(session(#"{"id":"pi_1","object":"payment_intent","amount":1000}"#))?.paymentID == "pi_1")
        #expect(try stripe(session("null"))?.paymentID == "cs_1")
        #expect(throws: CallbackRejection.self) { try stripe(session("42")) }
        let charge = #"{"id":"evt_2","type":"charge.refunded","created":1795000000,"data":{"object":{"id":"ch_1","currency":"eur","amount_refunded":500,"payment_intent":{"id":"pi_1"}}}}"#
        #expect(try stripe(charge)?.paymentID == "pi_1")
    }

    @Test func aChargeRefundPassesOnEveryRefundItListsAndItsRunningTotal() throws {
        func charge(_ fields: String) -> String {
            #"{"id":"evt_3","type":"charge.refunded","created":1795000000,"data":{"object":{"id":"ch_1","currency":"eur","payment_intent":"pi_1",\#(fields)}}}"#
        }
        // Stripe lists the newest refund first; a failed or canceled one gave nothing back.
        let listed = try #require(try stripe(charge(#""amount_refunded":1800,"refunds":{"object":"list","data":[{"id":"re_3","amount":700,"status":"failed"},{"id":"re_2","amount":1500,"status":"succeeded"},{"id":"re_4","amount":100,"status":"canceled"},{"id":"re_1","amount":300,"status":"pending"}]}"#)))
        #expect(listed.kind == .refund)
        #expect(listed.refunds.map(\.id) == ["re_1", "re_2"])
        #expect(listed.refunds.map(\.amount.minorUnits) == [300, 1_500])
        #expect(listed.refundedTotal?.minorUnits == 1_800)
        #expect(listed.amount.minorUnits == 1_800)
        let totalOnly = try #require(try stripe(charge(#""amount_refunded":1800"#)))
        #expect(totalOnly.refunds.isEmpty && totalOnly.refundedTotal?.minorUnits == 1_800)
        let listOnly = try #require(try stripe(charge(#""amount_refunded":0,"refunds":{"data":[{"id":"re_1","amount":300}]}"#)))
        #expect(listOnly.refundedTotal == nil && listOnly.amount.minorUnits == 300)
        for bad in [#""amount_refunded":0"#, #""refunds":{"data":[]}"#, #""amount_refunded":-5"#, #""amount_refunded":"18.00""#,
                    #""amount_refunded":300,"refunds":{"data":[{"id":"re_1","amount":0}]}"#] {
            do {
                _ = try stripe(charge(bad))
                Issue.record("accepted \(bad)")
            } catch { #expect(error.status == 422, "\(bad)") }
        }
    }
}

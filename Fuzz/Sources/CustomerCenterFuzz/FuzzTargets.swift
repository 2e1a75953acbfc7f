/// Every fuzz target, in the order `--list` and scripts/fuzz.sh run them. To add one: write a
/// `<Parser>Target` type with `static func fuzz(_ bytes: [UInt8])`, list it here, add seeds for it
/// to scripts/fuzz-seeds.py (docs/fuzzing.md).
enum FuzzTargets {
    static let all: [FuzzTarget] = [
        FuzzTarget(name: "stripe-signature-header", checks: "Stripe-Signature values; canonical form reads the same") {
            StripeSignatureHeaderTarget.fuzz(FuzzTarget.bytes($0, $1)); return 0
        },
        FuzzTarget(name: "standard-webhook-headers", checks: "webhook-id/-timestamp/-signature, each present or not; canonical form reads the same") {
            StandardWebhookHeadersTarget.fuzz(FuzzTarget.bytes($0, $1)); return 0
        },
        FuzzTarget(name: "plain-signature-header", checks: "X-Signature sha256=<hex>; lower-case hex reads the same") {
            PlainSignatureHeaderTarget.fuzz(FuzzTarget.bytes($0, $1)); return 0
        },
        FuzzTarget(name: "webhook-verifier", checks: "random headers and body, every scheme, fixed secrets; accepted only when an independent HMAC matches in time; rotation") {
            WebhookVerifierTarget.fuzz(FuzzTarget.bytes($0, $1)); return 0
        },
        FuzzTarget(name: "sandbox-event", checks: "SandboxEventParser behind a valid signature; 4xx refusals; events bookable and as written") {
            SandboxEventTarget.fuzz(FuzzTarget.bytes($0, $1)); return 0
        },
        FuzzTarget(name: "stripe-event", checks: "StripeEventParser behind a valid signature; 4xx refusals; events bookable and as written") {
            StripeEventTarget.fuzz(FuzzTarget.bytes($0, $1)); return 0
        },
        FuzzTarget(name: "json", checks: "the strict JSON parser; what it accepts writes back and reads the same") {
            JSONTarget.fuzz(FuzzTarget.bytes($0, $1)); return 0
        },
        FuzzTarget(name: "amount-input", checks: "customer-typed amounts in every page locale; positive, written back reads the same, honest hints") {
            AmountInputTarget.fuzz(FuzzTarget.bytes($0, $1)); return 0
        },
        FuzzTarget(name: "pay-token", checks: "pay-token decoder; only our tokens verify, fields round-trip, expiry exact, a changed character is refused") {
            PayTokenTarget.fuzz(FuzzTarget.bytes($0, $1)); return 0
        },
        FuzzTarget(name: "camt-statement", checks: "camt.053/054 reader; entries never negative, credits have bank references, positions in order") {
            CAMTStatementTarget.fuzz(FuzzTarget.bytes($0, $1)); return 0
        },
        FuzzTarget(name: "csv-statement", checks: "statement CSV reader; entries as camt's, written back as CSV they read the same") {
            CSVStatementTarget.fuzz(FuzzTarget.bytes($0, $1)); return 0
        },
        FuzzTarget(name: "customer-file", checks: "customer-file reader; validation's promises, written back reads the same, statements add up") {
            CustomerFileTarget.fuzz(FuzzTarget.bytes($0, $1)); return 0
        },
        FuzzTarget(name: "config", checks: "config.toml reader; every setting in its documented range, URLs, IBAN, BIC, pay provider") {
            SiteConfigTarget.fuzz(FuzzTarget.bytes($0, $1)); return 0
        },
    ]
}

import CustomerCenterSigning

/// The fixed secrets and clock of the targets. The signature ones are those of
/// `../shared/vectors/vectors.json`, so that its vectors verify as seeds; scripts/fuzz-seeds.py
/// signs pay-token seeds with `payLinkKey`. Test values only: nothing here is a real secret.
enum FuzzSecrets {
    /// The Stripe vector's secret and the time it was signed at.
    static let stripe = "whsec_test_secret"
    static let stripeTime = 1_700_000_000
    /// The Standard Webhooks vector's secret and time.
    static let standardWebhooks = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let standardWebhooksTime = 1_614_265_330
    /// GitHub's plain-HMAC vector's secret (no timestamp in that scheme).
    static let plain = "It's a Secret to Everybody"
    /// A second secret of each scheme, as during a rotation.
    static let rotated = "whsec_cm90YXRlZC1zZWNyZXQtZm9yLWZ1enppbmc="
    /// The tolerance the receiver uses by default.
    static let tolerance = 300

    /// The clock of the event targets: 2026-11-16, where the seeds' `created` times lie.
    static let eventNow = 1_795_000_000

    /// The pay-link key's text (at least 32 bytes, like the real one).
    static let payLinkKeyText = "customer-center-fuzz-pay-link-key-not-a-secret"

    /// The pay-link key; its text is long enough, so this cannot fail.
    static var payLinkKey: PayLinkKey {
        guard let key = try? PayLinkKey(payLinkKeyText) else { Property.fail("the fuzz pay-link key is too short") }
        return key
    }
}

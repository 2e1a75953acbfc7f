/// How a payment provider signs its callbacks.
public enum WebhookScheme: String, Sendable, CaseIterable {
    /// `Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">[,v1=...]`.
    case stripe
    /// Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64> ...`,
    /// HMAC-SHA256 of "id.timestamp.body" under the base64 key after `whsec_`.
    case standardWebhooks = "standard-webhooks"
    /// `X-Signature: sha256=<hex HMAC-SHA256 of the raw body>`; no timestamp.
    case hmacSHA256 = "hmac-sha256"
}

import CustomerCenterTestSupport
import Foundation
import Testing

/// `serve --preview` serves the site as the static host does: the `_headers` of the build, and
/// `404.html` with status 404 for an unknown path (issue 13). Real HTTP on 127.0.0.1.
@Suite struct PreviewSiteTests {
    @Test func theSiteIsServedWithItsOwnHeadersAndNotFoundPage() async throws {
        let harness = try await ReceiverHarness()
        try await harness.withPreviewReceiver { _, client, base async throws in
            let page = try await client.sendWithHeaders("GET", "/c/" + harness.pageToken(of: "1001") + "/")
            #expect(page.reply.status == 200)
            #expect(page.headers["content-security-policy"] == "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action \(base); base-uri 'none'; frame-ancestors 'none'")
            #expect(page.headers["x-robots-tag"] == "noindex, nofollow")
            #expect(page.headers["cache-control"] == "private, no-store, max-age=0")
            #expect(page.headers["referrer-policy"] == "no-referrer")
            #expect(page.headers["x-frame-options"] == "DENY")

            let css = try #require(page.reply.body.range(of: #"assets/style\.[0-9a-f]{8}\.css"#, options: .regularExpression).map { String(page.reply.body[$0]) })
            let asset = try await client.sendWithHeaders("GET", "/" + css)
            #expect(asset.reply.status == 200)
            #expect(asset.headers["cache-control"] == "public, max-age=31536000, immutable")
            #expect(asset.headers["x-robots-tag"] == nil)
            let icon = try #require(page.reply.body.range(of: #"assets/favicon\.[0-9a-f]{8}\.svg"#, options: .regularExpression).map { String(page.reply.body[$0]) })
            #expect(try await client.sendWithHeaders("GET", "/" + icon).reply.status == 200)

            for path in ["/no/such/page", "/c/AAAAAAAAAAAAAAAAAAAAAAAA/"] {
                let missing = try await client.sendWithHeaders("GET", path)
                #expect(missing.reply.status == 404, "\(path)")
                #expect(missing.reply.body.contains("<h1>Diese Seite gibt es nicht (mehr)</h1>"), "\(path)")
                #expect(missing.headers["content-type"] == "text/html; charset=utf-8", "\(path)")
                #expect(missing.headers["content-security-policy"]?.hasPrefix("default-src 'none'") == true, "\(path)")
            }
            // The receiver's own pages keep their own headers, and a callback's refusal stays plain.
            let pay = try await client.sendWithHeaders("GET", "/pay?token=x.y&amount=5")
            #expect(pay.reply.status == 400)
            #expect(pay.headers["cache-control"] == "no-store")
            #expect(pay.headers["content-security-policy"]?.contains("form-action 'self'") == true)
            let callback = try await client.sendWithHeaders("POST", "/callbacks/nobody")
            #expect(callback.reply.status == 404)
            #expect(callback.reply.body == "unknown provider\n")
        }
    }
}

import CustomerCenterContent
import CustomerCenterSigning
import Foundation

/// The site's non-page files: robots.txt, the `_headers` file for Netlify and Cloudflare Pages, and
/// fingerprinted copies of `Templates/assets/`.
enum StaticFiles {
    /// Crawlers stay out of personal pages. Tokens are never listed anywhere, not even here.
    /// `basePath` is the path of `base_url` (empty when the site is served at the host's root).
    static func robots(basePath: String) -> String {
        "User-agent: *\nDisallow: \(basePath)/c/\n"
    }

    /// Security and caching headers. Personal pages (and the statements and documents beside them):
    /// never indexed, never in shared caches, no referrer; the statement's CSV as a UTF-8 download
    /// (`:token` matches one path segment, on Netlify and Cloudflare Pages alike).
    static func headers(config: SiteConfig, basePath: String) -> String {
        let checkout = config.payLinks.provider.flatMap { config.providers[$0]?.checkoutOrigin }
        let csp = contentSecurityPolicy(receiverURL: config.receiverURL, checkoutOrigin: checkout)
        return """
            # Written by customer-center build (Netlify / Cloudflare Pages _headers format).
            \(basePath)/*
              Content-Security-Policy: \(csp)
              Referrer-Policy: no-referrer
              X-Content-Type-Options: nosniff
              X-Frame-Options: DENY
              Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=()
            \(basePath)/c/*
              X-Robots-Tag: noindex, nofollow
              Cache-Control: private, no-store, max-age=0
            \(basePath)/c/:token/statement.csv
              Content-Type: text/csv; charset=utf-8
              Content-Disposition: attachment
            \(basePath)/assets/*
              Cache-Control: public, max-age=31536000, immutable

            """
    }

    /// No script at all; styles and images only from the site; forms only to the receiver, and to the
    /// provider's checkout that the receiver redirects to (browsers apply form-action to that redirect too).
    static func contentSecurityPolicy(receiverURL: String, checkoutOrigin: String? = nil) -> String {
        let targets = [origin(of: receiverURL)] + (checkoutOrigin.map { [$0] } ?? [])
        return "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action \(targets.joined(separator: " ")); base-uri 'none'; frame-ancestors 'none'"
    }

    /// `https://pay.example.de:8443/x` -> `https://pay.example.de:8443`.
    static func origin(of url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else { return "'self'" }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }

    /// Reads every file of `Templates/assets/` and names its copy by content hash
    /// (`style.css` -> `assets/style.3f2a9c1d.css`), so browsers may cache assets forever.
    static func loadAssets(templatesPath: String) throws(RenderError) -> [(name: String, path: String, bytes: [UInt8])] {
        let folder = templatesPath + "/assets"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var assets: [(String, String, [UInt8])] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else {
                throw RenderError(file: folder + "/" + name, reason: "cannot read the asset")
            }
            let bytes = [UInt8](data)
            let hash = ByteEncoding.hex(SHA256.hash(bytes).prefix(4))
            let base = (name as NSString).deletingPathExtension
            let ext = (name as NSString).pathExtension
            assets.append((name, "assets/\(base).\(hash)" + (ext.isEmpty ? "" : ".\(ext)"), bytes))
        }
        return assets
    }
}

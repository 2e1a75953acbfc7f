/// Paths of absolute URLs.
enum URLPath {
    /// The path part of an absolute URL without trailing slash: `https://x.de/kunden` -> `/kunden`.
    static func path(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "" }
        let afterHost = url[schemeEnd.upperBound...].drop(while: { $0 != "/" })
        var path = String(afterHost)
        while path.hasSuffix("/") { path.removeLast() }
        return path
    }
}

/// A customer's locale, limited to the languages the pages are written in.
///
/// The tag is BCP 47 (`de-DE`, `de-AT`, `en-GB`); the language picks the page text, the whole tag the
/// number and date conventions.
public struct CustomerLocale: Hashable, Sendable, CustomStringConvertible {
    /// Languages that page texts exist for.
    public static let languages: Set<String> = ["de", "en"]

    /// The tag as written, normalised to `ll-RR` case.
    public let identifier: String
    /// The language subtag: `de` or `en`.
    public let language: String
    /// The region subtag (`DE`, `GB`), if any.
    public let region: String?

    /// Parses `de-DE`, `de_at`, `en`; nil when the language has no page texts.
    public init?(_ tag: String) {
        let parts = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        guard let first = parts.first, parts.count <= 2 else { return nil }
        let language = first.lowercased()
        guard CustomerLocale.languages.contains(language) else { return nil }
        var region: String?
        if parts.count == 2 {
            let candidate = parts[1].uppercased()
            guard candidate.count == 2, candidate.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
            region = candidate
        }
        self.language = language
        self.region = region
        self.identifier = region.map { "\(language)-\($0)" } ?? language
    }

    public var description: String { identifier }
}

import CustomerCenterModel
import Foundation

/// A Markdown page of the merchant (help, imprint, privacy, payment instructions):
/// `content/pages/<language>/<slug>.md`, published at `site/<language>/<slug>/`.
///
/// An optional TOML front matter between `+++` lines sets `title`, `order` and `keep_line_breaks`;
/// without a title the first `# Heading` is used.
public struct ContentPage: Sendable, Hashable {
    /// File name without `.md`: the URL segment.
    public var slug: String
    /// `de` or `en`.
    public var language: String
    /// Shown in links and the page heading.
    public var title: String
    /// Position in the page list (ascending), then slug.
    public var order: Int
    /// The Markdown body without front matter.
    public var markdown: String
    /// Every line break of the body is kept (`keep_line_breaks = true`): addresses on an imprint,
    /// where Markdown would join the lines of a paragraph into one.
    public var keepLineBreaks: Bool = false
    /// The source file, for errors.
    public var file: String

    /// The page's path under the site root, with a trailing slash: `de/hilfe/`.
    public var sitePath: String { "\(language)/\(slug)/" }

    /// Parses one page file's text.
    public static func parse(_ text: String, file: String, language: String, slug: String) throws(ContentError) -> ContentPage {
        var body = text
        var title: String?
        var order = 100
        var keepLineBreaks = false
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.first?.trimmingCharacters(in: .whitespaces) == "+++" {
            guard let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "+++" }) else {
                throw ContentError(file: file, line: 1, reason: "front matter opened with +++ is never closed")
            }
            let frontMatter = lines[1..<end].joined(separator: "\n")
            let document: TOMLDocument
            do {
                document = try TOMLDocument(text: frontMatter, file: file)
            } catch {
                // Lines in the front matter start after the opening +++.
                throw ContentError(file: file, line: error.line.map { $0 + 1 }, field: error.field, reason: error.reason)
            }
            let reader = TOMLTableReader(document)
            try reader.rejectUnknownKeys(["title", "order", "keep_line_breaks"])
            title = try reader.optionalString("title")
            order = try reader.integer("order", default: order)
            keepLineBreaks = try reader.boolean("keep_line_breaks", default: false)
            body = lines[(end + 1)...].joined(separator: "\n")
        }
        if title == nil {
            title = body.split(separator: "\n").first(where: { $0.hasPrefix("# ") })
                .map { String($0.dropFirst(2)).trimmingWhitespace() }
        }
        guard let title, !title.isEmpty else {
            throw ContentError(file: file, reason: "the page has no title; add `title = \"...\"` front matter or a `# Heading`")
        }
        return ContentPage(slug: slug, language: language, title: title, order: order, markdown: body, keepLineBreaks: keepLineBreaks,
                           file: file)
    }
}

import CCmark
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// CommonMark to HTML through libcmark. The only file that imports cmark; it knows nothing of the site.
public enum Markdown {
    /// Renders `markdown` to HTML. Raw HTML in the source and `javascript:` links are dropped
    /// (cmark's safe default), so a page file cannot inject script into the site. With
    /// `keepingLineBreaks`, every line break in a paragraph becomes `<br>` (cmark's hard breaks).
    public static func html(_ markdown: String, keepingLineBreaks: Bool = false) -> String {
        // Typographic quotes and dashes; safe mode is cmark's default.
        let options = CMARK_OPT_SMART | (keepingLineBreaks ? CMARK_OPT_HARDBREAKS : 0)
        var source = markdown
        return source.withUTF8 { buffer in
            guard let base = buffer.baseAddress,
                  let output = base.withMemoryRebound(to: CChar.self, capacity: buffer.count, {
                      cmark_markdown_to_html($0, buffer.count, options)
                  }) else { return "" }
            defer { free(output) }
            return String(cString: output)
        }
    }
}

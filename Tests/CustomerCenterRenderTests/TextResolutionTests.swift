@testable import CustomerCenterRender
import CustomerCenterTestSupport
import Testing

/// `{{t.key}}` texts resolved into the templates at load time render exactly as Mustache would have
/// rendered the tag; whatever could render differently is left to Mustache.
@Suite struct TextResolutionTests {
    let table = ["plain": "Offener Betrag", "html": "<b>Müller & Söhne</b> \"quoted\"", "blank": "  ",
                 "braces": "use {{name}}", "closing": "a }} b"]

    @Test func textsAreEscapedAsMustacheEscapesThem() {
        #expect(TemplateSet.resolveTexts(in: "<p>{{t.plain}}</p><p>{{ t.html }}</p>", table: table)
            == "<p>Offener Betrag</p><p>&lt;b&gt;Müller &amp; Söhne&lt;/b&gt; &quot;quoted&quot;</p>")
    }

    @Test func unescapedTagsGetTheRawText() {
        #expect(TemplateSet.resolveTexts(in: "{{{t.html}}}|{{&t.html}}", table: table)
            == "<b>Müller & Söhne</b> \"quoted\"|<b>Müller & Söhne</b> \"quoted\"")
    }

    @Test func whatCouldRenderDifferentlyIsLeftToMustache() {
        let kept = "{{t.missing}} {{t.blank}} {{t.braces}} {{{t.closing}}} {{#t.plain}}x{{/t.plain}} {{t}}"
        #expect(TemplateSet.resolveTexts(in: kept, table: table) == kept)
        let delimiters = "{{=<% %>=}}<% t.plain %> {{t.plain}}"
        #expect(TemplateSet.resolveTexts(in: delimiters, table: table) == delimiters)
        let textEmail = "{{% CONTENT_TYPE: TEXT}}\n{{t.html}}"
        #expect(TemplateSet.resolveTexts(in: textEmail, table: table) == textEmail)
    }

    @Test func theShippedTemplatesRenderTheSameBytesEitherWay() throws {
        let templates = try TemplateSet(path: TestPaths.templates)
        let translations = try Translations.load(templatesPath: TestPaths.templates)
        let resolved = templates.resolvingTexts(translations)
        for language in ["de", "en"] {
            let context: [String: TemplateValue] = ["lang": .text(language), "t": .texts(translations.table(language)),
                                                    "site": ["title": "<Site>"], "personal": true, "message": ["title": "T", "text": "x"]]
            for name in ["index", "not-found", "message", "page"] {
                #expect(resolved.render(name, context, language: language) == templates.render(name, context), "\(name) \(language)")
                #expect(resolved.renderThroughMustache(name, context, language: language)
                    == templates.renderThroughMustache(name, context), "\(name) \(language)")
            }
        }
    }
}

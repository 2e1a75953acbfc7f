import Foundation
import Mustache

/// The merchant's Mustache templates from `Templates/`. With `RenderPlan`, the only files that
/// import swift-mustache.
///
/// Loading checks everything that can be checked before rendering: every required template exists,
/// every template parses, and every partial or parent a template names exists. Errors name the
/// template file and line. Variables are HTML-escaped by Mustache (`{{name}}`); only trusted,
/// already-safe HTML (rendered Markdown) is inserted with `{{{...}}}`.
public struct TemplateSet: Sendable {
    /// Templates every site needs.
    public static let required = ["layout", "customer", "page", "index", "not-found", "message", "statement"]

    private let library: MustacheLibrary
    /// The same templates with `{{t.key}}` resolved to the texts of one language (`resolvingTexts`).
    private var libraries: [String: MustacheLibrary] = [:]
    /// `library` compiled (`RenderPlan`), and each of `libraries`.
    private let plan: RenderPlan
    private var plans: [String: RenderPlan] = [:]
    /// Render everything through swift-mustache (`referenceRendering`), for the differential test.
    private var throughMustache = false
    /// The source of each template, by name.
    private let sources: [String: String]
    /// Names of all loaded templates (`customer`, `partials/account`).
    public let names: Set<String>

    /// Loads and checks every `*.mustache` file under `path`.
    public init(path: String) throws(RenderError) {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RenderError(file: path, reason: "no such templates folder (pass --templates DIR)")
        }
        let relativePaths = (fileManager.enumerator(atPath: path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".mustache") }.sorted()
        var templates: [String: MustacheTemplate] = [:]
        var sources: [String: String] = [:]
        for relative in relativePaths {
            let file = path + "/" + relative
            let name = String(relative.dropLast(".mustache".count))
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw RenderError(file: file, reason: "cannot read the template (not UTF-8 text?)")
            }
            do {
                templates[name] = try MustacheTemplate(string: text)
            } catch let error as MustacheTemplate.ParserError {
                throw RenderError(file: file, line: error.context.lineNumber,
                                  reason: "template syntax error: \(TemplateSet.describe(error.error)) in `\(error.context.line.trimmingCharacters(in: .whitespaces))`")
            } catch {
                throw RenderError(file: file, reason: "template syntax error: \(error)")
            }
            sources[name] = text
        }
        for name in TemplateSet.required where templates[name] == nil {
            throw RenderError(file: path + "/\(name).mustache", reason: "missing template \"\(name)\"")
        }
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            for reference in PartialReferences.scan(text) where templates[reference.name] == nil {
                throw RenderError(file: path + "/\(name).mustache", line: reference.line,
                                  reason: "unknown partial \"\(reference.name)\" (no file \(reference.name).mustache in \(path))")
            }
        }
        self.library = MustacheLibrary(templates: templates)
        self.plan = RenderPlan(templates)
        self.sources = sources
        self.names = Set(templates.keys)
    }

    /// These templates with each plain `{{t.key}}` (and `{{{t.key}}}`, `{{&t.key}}`) replaced by the
    /// text of `key` in each language, escaped by Mustache itself, once at load time.
    ///
    /// About half of the tags on a page are texts, and each costs swift-mustache a walk up the context
    /// stack with dynamic casts (measured: the largest part of a build). The output is the same:
    /// `render(_:_:language:)` uses a language's templates only for contexts whose `t` is that
    /// language's table. Left to Mustache, tag for tag: templates that change delimiters (`{{=`) or
    /// the content type (`{{%`, the text emails, which are not HTML-escaped), texts that contain
    /// `{{` or `}}`, and empty or blank texts (replacing those could make a line standalone).
    public func resolvingTexts(_ translations: Translations) -> TemplateSet {
        var copy = self
        for (language, table) in translations.texts {
            var templates: [String: MustacheTemplate] = [:]
            for (name, source) in sources {
                let resolved = TemplateSet.resolveTexts(in: source, table: table)
                // Resolution never breaks a template that parsed; should it, the original is used.
                guard let template = (try? MustacheTemplate(string: resolved)) ?? (try? MustacheTemplate(string: source)) else { continue }
                templates[name] = template
            }
            copy.libraries[language] = MustacheLibrary(templates: templates)
            copy.plans[language] = RenderPlan(templates)
        }
        return copy
    }

    static func resolveTexts(in source: String, table: [String: String]) -> String {
        guard !source.contains("{{="), !source.contains("{{%") else { return source }
        func usable(_ key: Substring) -> String? {
            guard let text = table[String(key)], !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                  !text.contains("{{"), !text.contains("}}") else { return nil }
            return text
        }
        var result = source.replacing(/\{\{\{\s*t\.([A-Za-z0-9_]+)\s*\}\}\}|\{\{&\s*t\.([A-Za-z0-9_]+)\s*\}\}/) { match in
            usable(match.output.1 ?? match.output.2 ?? "") ?? String(match.output.0)
        }
        let escape = try? MustacheTemplate(string: "{{text}}")
        result = result.replacing(/\{\{\s*t\.([A-Za-z0-9_]+)\s*\}\}/) { match in
            guard let text = usable(match.output.1), let escape else { return String(match.output.0) }
            return escape.render(["text": text])
        }
        return result
    }

    /// Renders template `name` with `context`. `language`: the language whose table is the context's
    /// `t`, for the templates with resolved texts.
    public func render(_ name: String, _ context: [String: TemplateValue], language: String? = nil) -> String {
        String(decoding: renderBytes(name, context, language: language), as: UTF8.self)
    }

    /// `render` as UTF-8 bytes, as they are written to a page. Through the compiled plan where the
    /// template compiled, else through swift-mustache; the two give the same bytes (`RenderPlanTests`).
    public func renderBytes(_ name: String, _ context: [String: TemplateValue], language: String? = nil) -> [UInt8] {
        let chosen = language.flatMap { plans[$0] } ?? plan
        if !throughMustache, let bytes = chosen.render(name, context) { return bytes }
        return Array(renderThroughMustache(name, context, language: language).utf8)
    }

    /// The same templates rendering everything through swift-mustache, as before the render plan.
    func referenceRendering() -> TemplateSet {
        var copy = self
        copy.throughMustache = true
        return copy
    }

    /// `render` by swift-mustache itself: the reference the plan is tested against.
    func renderThroughMustache(_ name: String, _ context: [String: TemplateValue], language: String? = nil) -> String {
        // Names are checked at load time; `required` ones always exist.
        let chosen = language.flatMap { libraries[$0] } ?? library
        return chosen.render(TemplateValue.object(context).mustacheValue, withTemplate: name) ?? ""
    }

    /// Templates the plan leaves to swift-mustache, with the reason, by language ("" for the
    /// templates without resolved texts).
    var uncompiled: [String: [String: String]] {
        var result = ["": plan.uncompiled]
        for (language, plan) in plans { result[language] = plan.uncompiled }
        return result
    }

    private static func describe(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case .unfinishedName: return "a tag is not closed with }}"
        case .expectedSectionEnd: return "a section {{#...}} is never closed with {{/...}}"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform is applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "only {{$block}} overrides may stand inside {{<parent}}"
        case .textInsideInheritSection: return "text inside {{<parent}} must stand in a {{$block}}"
        case .invalidConfigVariableSyntax: return "invalid configuration tag {{% ... }}"
        case .unrecognisedConfigVariable: return "unknown configuration tag {{% ... }}"
        @unknown default: return "\(error)"
        }
    }
}

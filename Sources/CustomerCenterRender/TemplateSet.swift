import Foundation
import Mustache

/// The merchant's Mustache templates from `Templates/`. The only file that imports swift-mustache.
///
/// Loading checks everything that can be checked before rendering: every required template exists,
/// every template parses, and every partial or parent a template names exists. Errors name the
/// template file and line. Variables are HTML-escaped by Mustache (`{{name}}`); only trusted,
/// already-safe HTML (rendered Markdown) is inserted with `{{{...}}}`.
public struct TemplateSet: Sendable {
    /// Templates every site needs.
    public static let required = ["layout", "customer", "page", "index", "not-found", "message"]

    private let library: MustacheLibrary
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
        self.names = Set(templates.keys)
    }

    /// Renders template `name` with `context` (dictionaries, arrays, strings, booleans).
    public func render(_ name: String, _ context: [String: Any]) -> String {
        // Names are checked at load time; `required` ones always exist.
        library.render(context, withTemplate: name) ?? ""
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

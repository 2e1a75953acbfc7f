import Mustache

/// Templates parsed by swift-mustache, compiled into a plan that renders `TemplateValue` contexts
/// into bytes without casts: the same output as swift-mustache, byte for byte (`RenderPlanTests`
/// holds the two to that over every template, the golden pages and randomized contexts).
///
/// swift-mustache stays the parser and the reference: the plan is built from the tokens of its
/// parsed templates and follows its rendering rule for rule (lookup up the context stack, sections
/// over lists, flags and values, inverted sections, partials with their indentation, inheritance
/// blocks, content types, its HTML escaping). What the plan does not compile, it leaves to
/// swift-mustache: transforms (`{{uppercased(name)}}`, `{{#first()}}`), dynamic partials
/// (`{{>*name}}`), custom content types, and any template reaching one of those through a partial.
/// swift-mustache keeps its tokens internal, so they are read through `Mirror`; should a newer version
/// change their shape, templates fall back to swift-mustache (slower, never different), and
/// `RenderPlanTests` fails on the shipped templates not compiling.
struct RenderPlan: Sendable {
    /// A compiled template or section body.
    final class Template: Sendable {
        let nodes: [Node]
        init(_ nodes: [Node]) { self.nodes = nodes }
    }

    enum Node: Sendable {
        case text([UInt8])
        /// `{{name}}` (escaped in HTML) or `{{{name}}}`/`{{&name}}`.
        case variable(Name, escaped: Bool)
        case section(Name, Template)
        case invertedSection(Name, Template)
        /// `{{>name}}`, or `{{<name}}` with its block overrides.
        case partial(String, indentation: [UInt8]?, overrides: [String: Template]?)
        /// `{{$name}}default{{/name}}`.
        case block(String, default: Template, indentation: [UInt8]?)
        /// `{{%CONTENT_TYPE:HTML}}` (true) or `TEXT` (false) for the rest of the template.
        case contentType(html: Bool)
    }

    /// A tag's name as swift-mustache resolves it: split at dots, the first part looked up the context
    /// stack (or only in the innermost frame for a leading dot), the rest inside what was found.
    struct Name: Sendable {
        let climbs: Bool
        let components: [String]

        init(_ name: String) {
            climbs = name.first != "."
            components = name == "." ? [] : name.split(separator: ".").map(String.init)
        }
    }

    /// Why a template was not compiled.
    struct Unsupported: Error, Sendable {
        let reason: String
    }

    /// Compiled templates by name: those whose every reachable partial compiled too.
    let templates: [String: Template]
    /// Templates left to swift-mustache, with the reason.
    let uncompiled: [String: String]

    init(_ sources: [String: MustacheTemplate]) {
        var compiled: [String: Template] = [:]
        var partials: [String: Set<String>] = [:]
        var uncompiled: [String: String] = [:]
        for (name, template) in sources {
            var references = Set<String>()
            do {
                compiled[name] = try RenderPlan.compile(template, partials: &references)
                partials[name] = references
            } catch {
                uncompiled[name] = error.reason
            }
        }
        // A template is only as compilable as every template it reaches (a partial naming a template
        // that does not exist renders nothing, as in swift-mustache).
        var changed = true
        while changed {
            changed = false
            for (name, references) in partials where compiled[name] != nil {
                if let blocker = references.first(where: { sources[$0] != nil && compiled[$0] == nil }) {
                    compiled[name] = nil
                    uncompiled[name] = "uses \"\(blocker)\", which is not compiled"
                    changed = true
                }
            }
        }
        self.templates = compiled
        self.uncompiled = uncompiled
    }

    private static func compile(_ template: MustacheTemplate, partials: inout Set<String>) throws(Unsupported) -> Template {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value else {
            throw Unsupported(reason: "swift-mustache's template has no tokens to read")
        }
        var nodes: [Node] = []
        for token in Mirror(reflecting: tokens).children.map(\.value) {
            let mirror = Mirror(reflecting: token)
            guard mirror.displayStyle == .enum, let token = mirror.children.first, let kind = token.label else {
                throw Unsupported(reason: "unexpected token \(String(describing: token))")
            }
            let payload = token.value
            let fields = Mirror(reflecting: payload).children.map(\.value)
            switch kind {
            case "text":
                guard let text = payload as? String else { throw Unsupported(reason: "unexpected text token") }
                if !text.isEmpty { nodes.append(.text(Array(text.utf8))) }
            case "variable", "unescapedVariable":
                let name: String = try field(fields, 0)
                try noTransforms(try field(fields, 1), name)
                nodes.append(.variable(Name(name), escaped: kind == "variable"))
            case "section", "invertedSection":
                let name: String = try field(fields, 0)
                try noTransforms(try field(fields, 1), name)
                let body = try compile(try field(fields, 2) as MustacheTemplate, partials: &partials)
                nodes.append(kind == "section" ? .section(Name(name), body) : .invertedSection(Name(name), body))
            case "blockExpansion":
                let name: String = try field(fields, 0)
                let body = try compile(try field(fields, 1) as MustacheTemplate, partials: &partials)
                let indentation: String? = try optionalField(fields, 2)
                nodes.append(.block(name, default: body, indentation: indentation.map { Array($0.utf8) }))
            case "partial":
                let name: String = try field(fields, 0)
                let indentation: String? = try optionalField(fields, 1)
                let inherits: [String: MustacheTemplate]? = try optionalField(fields, 2)
                var overrides: [String: Template]?
                if let inherits {
                    var compiled: [String: Template] = [:]
                    for (block, template) in inherits { compiled[block] = try compile(template, partials: &partials) }
                    overrides = compiled
                }
                partials.insert(name)
                nodes.append(.partial(name, indentation: indentation.map { Array($0.utf8) }, overrides: overrides))
            case "contentType":
                guard let type = payload as? MustacheContentType else { throw Unsupported(reason: "unexpected content type token") }
                // Only the two built-in types; a merchant's registered type stays with swift-mustache.
                if type.escapeText("<&>\"'") == "&lt;&amp;&gt;&quot;&#39;" {
                    nodes.append(.contentType(html: true))
                } else if type.escapeText("<&>\"'x") == "<&>\"'x" {
                    nodes.append(.contentType(html: false))
                } else {
                    throw Unsupported(reason: "custom content type")
                }
            case "dynamicNamePartial":
                throw Unsupported(reason: "dynamic partial {{>*...}}")
            default:
                throw Unsupported(reason: "token \(kind)")
            }
        }
        return Template(nodes)
    }

    private static func noTransforms(_ transforms: [String], _ name: String) throws(Unsupported) {
        guard transforms.isEmpty else { throw Unsupported(reason: "transform in {{\(name)}}") }
    }

    private static func field<T>(_ fields: [Any], _ index: Int) throws(Unsupported) -> T {
        guard index < fields.count, let value = fields[index] as? T else {
            throw Unsupported(reason: "unexpected token field \(index) (expected \(T.self))")
        }
        return value
    }

    private static func optionalField<T>(_ fields: [Any], _ index: Int) throws(Unsupported) -> T? {
        guard index < fields.count, let value = fields[index] as? T? else {
            throw Unsupported(reason: "unexpected token field \(index) (expected \(T.self)?)")
        }
        return value
    }
}

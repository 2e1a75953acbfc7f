import CustomerCenterContent
import CustomerCenterModel
@testable import CustomerCenterRender
import CustomerCenterTestSupport
import Foundation
import Testing

/// The compiled render plan against swift-mustache itself: the same bytes for every template in
/// `Templates/`, every page and email of the demo, randomized contexts and randomized templates.
@Suite struct RenderPlanTests {
    let templates: TemplateSet
    let translations: Translations

    init() throws {
        translations = try Translations.load(templatesPath: TestPaths.templates)
        templates = try TemplateSet(path: TestPaths.templates).resolvingTexts(translations)
    }

    @Test func everyShippedTemplateIsCompiled() {
        for (language, uncompiled) in templates.uncompiled {
            #expect(uncompiled.isEmpty, "language \"\(language)\": \(uncompiled)")
        }
    }

    @Test func theDemoRendersTheSameBytesAsSwiftMustache() throws {
        let demo = DemoBuild("render-plan")
        let renderer = try SiteBuilder(options: demo.options).loadSite().renderer
        let reference = renderer.withReferenceRendering()
        let defaults = ContentDefaults(try ContentFolder(path: demo.options.contentPath).loadConfig())
        let folder = demo.folder.file("content/customers")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count >= 5)
        let day = try #require(CalendarDate(year: 2026, month: 11, day: 20))
        for file in files {
            let customer = try CustomerFile.load(path: folder + "/" + file, defaults: defaults)
            #expect(renderer.renderCustomerPage(customer) == reference.renderCustomerPage(customer), "\(file)")
            let statement = renderer.renderStatement(customer), expected = reference.renderStatement(customer)
            #expect(statement.page == expected.page, "\(file) statement")
            for account in customer.accounts {
                let amount = Money(minorUnits: 4_850, currency: account.currency)
                let receipt = renderer.renderReceipt(customer: customer, account: account, amount: amount, date: day)
                let receiptReference = reference.renderReceipt(customer: customer, account: account, amount: amount, date: day)
                #expect(receipt.html == receiptReference.html && receipt.text == receiptReference.text, "\(file) receipt")
            }
            for renewed in [false, true] {
                let mail = renderer.renderPersonalLink(customer: customer, renewed: renewed)
                let expectedMail = reference.renderPersonalLink(customer: customer, renewed: renewed)
                #expect(mail.html == expectedMail.html && mail.text == expectedMail.text, "\(file) personal link")
            }
        }
        #expect(renderer.renderIndex() == reference.renderIndex())
        #expect(renderer.renderNotFound() == reference.renderNotFound())
        for page in renderer.pages {
            #expect(renderer.renderContentPage(page) == reference.renderContentPage(page), "\(page.sitePath)")
        }
        for language in ["de", "en"] {
            let message: [String: TemplateValue] = ["title": "Fehler: <b>", "text": "Müller & Söhne", "isError": true,
                                                    "choices": [["label": "PayPal", "href": "https://x/?a=1&b=2"]], "hasChoices": true,
                                                    "back": "https://example.org/c/x/"]
            #expect(renderer.renderMessage(language: language, message) == reference.renderMessage(language: language, message))
            #expect(renderer.renderSandboxCheckout(language: language, message) == reference.renderSandboxCheckout(language: language, message))
        }
    }

    /// Every shipped template with contexts drawn at random from the names the templates use: texts
    /// with markup, quotes, combining marks and line breaks, flags, numbers, lists (empty too) and
    /// objects, nested.
    @Test func randomContextsRenderTheSameBytes() throws {
        var random = SeededGenerator(seed: 14)
        let names = Array(TemplateNames.scan(TestPaths.templates)).sorted()
        #expect(names.count > 50)
        for round in 0..<60 {
            var context: [String: TemplateValue] = [:]
            for name in names where Bool.random(using: &random) || round % 10 == 0 {
                context[name] = RandomContext.value(names: names, depth: 0, random: &random)
            }
            for name in templates.names.sorted() {
                for language in [nil, "de", "en"] {
                    let plan = templates.render(name, context, language: language)
                    let mustache = templates.renderThroughMustache(name, context, language: language)
                    #expect(plan == mustache, "\(name) \(language ?? "-") round \(round)")
                }
            }
        }
    }

    /// Templates drawn at random from every construct the plan compiles (sections, inverted sections,
    /// partials with indentation, inheritance with blocks, dotted and implicit names, content types,
    /// standalone lines, CRLF), rendered with random contexts.
    @Test func randomTemplatesRenderTheSameBytes() throws {
        var random = SeededGenerator(seed: 1_414)
        let names = ["a", "b", "c", "list", "flag"]
        var compared = 0
        for round in 0..<400 {
            let folder = TemporaryFolder("random-templates")
            var sources: [String: String] = [:]
            for partial in ["p1", "p2", "parent"] {
                sources[partial] = RandomTemplate.source(names: names, partials: [], depth: 0, random: &random, blocks: partial == "parent")
            }
            sources["main"] = RandomTemplate.source(names: names, partials: ["p1", "p2", "parent"], depth: 0, random: &random, blocks: false)
            for (name, source) in sources { folder.write(source, to: "\(name).mustache") }
            for name in TemplateSet.required { folder.write("{{>main}}", to: "\(name).mustache") }
            guard let set = try? TemplateSet(path: folder.path) else { continue }
            let uncompiled = set.uncompiled[""] ?? [:]
            #expect(uncompiled.isEmpty, "round \(round): \(uncompiled)\n\(sources)")
            for _ in 0..<5 {
                var context: [String: TemplateValue] = [:]
                for name in names { context[name] = RandomContext.value(names: names, depth: 0, random: &random) }
                let plan = set.render("main", context), mustache = set.renderThroughMustache("main", context)
                #expect(plan == mustache, "round \(round)\n\(sources)\n\(context)")
                compared += 1
            }
        }
        #expect(compared > 1_500)
    }

    @Test func escapingIsSwiftMustachesCharacterByCharacter() throws {
        let folder = TemporaryFolder("escaping")
        folder.write("{{x}}|{{{x}}}|{{&x}}", to: "main.mustache")
        for name in TemplateSet.required { folder.write("{{>main}}", to: "\(name).mustache") }
        let set = try TemplateSet(path: folder.path)
        // `&` followed by a combining acute accent is one character, which swift-mustache leaves alone.
        for text in ["<b>&\"'", "Müller & Söhne", "&\u{301}<", "\r\n<", "plain", "", "€<€", "🇩🇪&"] {
            let context: [String: TemplateValue] = ["x": .text(text)]
            #expect(set.render("main", context) == set.renderThroughMustache("main", context), "\(text.unicodeScalars.map(\.value))")
        }
        #expect(set.render("main", ["x": "a<b"]) == "a&lt;b|a<b|a<b")
    }

    @Test func whatThePlanCannotCompileIsLeftToSwiftMustache() throws {
        let folder = TemporaryFolder("uncompiled")
        folder.write("{{#list}}{{#first()}}first {{/first()}}{{.}} {{/list}}{{uppercased(name)}}", to: "transforms.mustache")
        folder.write("[{{>transforms}}]", to: "uses.mustache")
        folder.write("{{>*dynamic}}", to: "dynamic.mustache")
        folder.write("plain {{name}}", to: "plain.mustache")
        for name in TemplateSet.required { folder.write("{{>plain}}", to: "\(name).mustache") }
        let set = try TemplateSet(path: folder.path)
        let uncompiled = try #require(set.uncompiled[""])
        #expect(Set(uncompiled.keys) == ["transforms", "uses", "dynamic"])
        let context: [String: TemplateValue] = ["list": ["x", "y"], "name": "abc", "dynamic": "plain"]
        #expect(set.render("uses", context) == "[first x y ABC]")
        #expect(set.render("dynamic", context) == "plain abc")
        #expect(set.render("plain", context) == "plain abc")
    }
}

/// Names used in tags of the templates under a folder (`customer`, `name`, `t`, ...), each part of a
/// dotted name on its own.
enum TemplateNames {
    static func scan(_ folder: String) -> Set<String> {
        var names = Set<String>()
        let files = FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []
        for file in files where file.hasSuffix(".mustache") {
            guard let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8) else { continue }
            for match in text.matches(of: /\{\{[#^\/&{]?\s*([A-Za-z0-9_.]+)\s*\}?\}\}/) {
                for part in match.output.1.split(separator: ".") { names.insert(String(part)) }
            }
        }
        return names
    }
}

enum RandomContext {
    static let texts = ["", " ", "Müller & Söhne <GmbH>", "\"quoted\" 'single'", "a\nb", "line\r\n", "&\u{301}", "x", "1.234,56 €",
                        "<script>alert(1)</script>", "🇩🇪", "plain text"]

    static func value(names: [String], depth: Int, random: inout SeededGenerator) -> TemplateValue {
        switch Int.random(in: 0..<(depth > 2 ? 4 : 7), using: &random) {
        case 0, 1: return .text(texts.randomElement(using: &random)!)
        case 2: return .bool(Bool.random(using: &random))
        case 3: return .int(Int.random(in: -3...1_000, using: &random))
        case 4: return .list([])
        case 5:
            return .list((0..<Int.random(in: 1...3, using: &random)).map { _ in value(names: names, depth: depth + 1, random: &random) })
        default:
            var object: [String: TemplateValue] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                object[names.randomElement(using: &random)!] = value(names: names, depth: depth + 1, random: &random)
            }
            return .object(object)
        }
    }
}

enum RandomTemplate {
    static func source(names: [String], partials: [String], depth: Int, random: inout SeededGenerator, blocks: Bool) -> String {
        var out = ""
        for _ in 0..<Int.random(in: 1...6, using: &random) {
            let name = names.randomElement(using: &random)!
            let pick = Int.random(in: 0..<(depth > 2 ? 6 : 13), using: &random)
            switch pick {
            case 0: out += ["text ", "<b>&</b>", "\n", "  ", "\r\n", "line\n  indented\n"].randomElement(using: &random)!
            case 1: out += "{{\(name)}}"
            case 2: out += ["{{{\(name)}}}", "{{&\(name)}}"].randomElement(using: &random)!
            case 3: out += ["{{.}}", "{{\(name).\(names.randomElement(using: &random)!)}}", "{{.\(name)}}"].randomElement(using: &random)!
            case 4: out += "{{! a comment }}"
            case 5: out += blocks ? "{{$\(name)}}default \(name){{/\(name)}}" : "x"
            case 6, 7:
                let body = source(names: names, partials: partials, depth: depth + 1, random: &random, blocks: blocks)
                let standalone = Bool.random(using: &random)
                let open = standalone ? "\n  {{#\(name)}}\n" : "{{#\(name)}}", close = standalone ? "\n  {{/\(name)}}\n" : "{{/\(name)}}"
                out += open + body + close
            case 8:
                let body = source(names: names, partials: partials, depth: depth + 1, random: &random, blocks: blocks)
                out += "{{^\(name)}}" + body + "{{/\(name)}}"
            case 9:
                guard let partial = partials.filter({ $0 != "parent" }).randomElement(using: &random) else { continue }
                out += Bool.random(using: &random) ? "\n    {{>\(partial)}}\n" : "{{>\(partial)}}"
            case 10:
                guard partials.contains("parent") else { continue }
                let override = source(names: names, partials: [], depth: depth + 1, random: &random, blocks: false)
                out += "\n  {{<parent}}\n{{$\(name)}}\(override){{/\(name)}}\n  {{/parent}}\n"
            case 11: out += "{{%CONTENT_TYPE:TEXT}}"
            default: out += "{{%CONTENT_TYPE:HTML}}"
            }
        }
        return out
    }
}

extension RenderPlan {
    /// Renders template `name` with `context` into UTF-8 bytes; nil when `name` is not compiled.
    func render(_ name: String, _ context: [String: TemplateValue], capacity: Int = 16_384) -> [UInt8]? {
        guard let template = templates[name] else { return nil }
        var renderer = Renderer(plan: self, root: .object(context), capacity: capacity)
        renderer.render(template, indentation: nil, inherited: nil, html: true)
        return renderer.output
    }

    /// One render: the context stack and the output, both grown in place. Each rule mirrors
    /// swift-mustache's `MustacheTemplate.render(context:)` and `renderToken` (2.x).
    struct Renderer {
        let plan: RenderPlan
        var stack: [TemplateValue]
        var output: [UInt8] = []

        init(plan: RenderPlan, root: TemplateValue, capacity: Int) {
            self.plan = plan
            self.stack = [root]
            self.output.reserveCapacity(capacity)
        }

        mutating func render(_ template: Template, indentation: [UInt8]?, inherited: [String: Template]?, html: Bool) {
            var html = html
            let start = output.count
            // swift-mustache indents a partial's output per token: before a token that renders
            // something, when this template's output so far ends in a line feed.
            let indent = indentation.flatMap { $0.isEmpty ? nil : $0 }
            for node in template.nodes {
                let before = output.count
                switch node {
                case .text(let bytes):
                    output.append(contentsOf: bytes)
                case .variable(let name, let escaped):
                    if let value = lookup(name) { write(value, escaped: escaped && html) }
                case .section(let name, let body):
                    switch lookup(name) {
                    case .list(let items):
                        for item in items {
                            stack.append(item)
                            render(body, indentation: indentation, inherited: inherited, html: html)
                            stack.removeLast()
                        }
                    case .bool(let flag):
                        if flag { render(body, indentation: indentation, inherited: inherited, html: html) }
                    case .none:
                        break
                    case .some(let value):
                        stack.append(value)
                        render(body, indentation: indentation, inherited: inherited, html: html)
                        stack.removeLast()
                    }
                case .invertedSection(let name, let body):
                    switch lookup(name) {
                    case .list(let items):
                        // An empty list is pushed, as swift-mustache does.
                        if items.isEmpty {
                            stack.append(.list(items))
                            render(body, indentation: indentation, inherited: inherited, html: html)
                            stack.removeLast()
                        }
                    case .bool(let flag):
                        if !flag { render(body, indentation: indentation, inherited: inherited, html: html) }
                    case .none:
                        render(body, indentation: indentation, inherited: inherited, html: html)
                    case .some:
                        break
                    }
                case .partial(let name, let indented, let overrides):
                    guard let partial = plan.templates[name] else { break }
                    var merged = inherited
                    if let overrides {
                        // Blocks overridden further out win.
                        merged = inherited.map { $0.merging(overrides) { outer, _ in outer } } ?? overrides
                    }
                    // A partial starts in HTML, whatever the including template had switched to.
                    render(partial, indentation: Renderer.indentation(indentation, indented), inherited: merged, html: true)
                case .block(let name, let fallback, let indented):
                    render(inherited?[name] ?? fallback, indentation: Renderer.indentation(indentation, indented),
                           inherited: inherited, html: html)
                case .contentType(let isHTML):
                    html = isHTML
                }
                if let indent, output.count > before, before > start, endsWithLineFeed(before, from: start) {
                    output.insert(contentsOf: indent, at: before)
                }
            }
        }

        /// Whether `output[start..<end]` ends in the character "\n" (not "\r\n", one character in Swift).
        private func endsWithLineFeed(_ end: Int, from start: Int) -> Bool {
            guard output[end - 1] == 0x0A else { return false }
            return end - 2 < start || output[end - 2] != 0x0D
        }

        private static func indentation(_ outer: [UInt8]?, _ added: [UInt8]?) -> [UInt8]? {
            guard let added else { return outer }
            return (outer ?? []) + added
        }

        /// The value `name` stands for: the first part found going up the stack, then each further
        /// part inside it; nothing when a further part is missing (no second climb).
        private func lookup(_ name: Name) -> TemplateValue? {
            guard let first = name.components.first else { return stack.last }
            var found: TemplateValue?
            if name.climbs {
                for frame in stack.reversed() {
                    if case .object(let values) = frame, let value = values[first] {
                        found = value
                        break
                    }
                }
            } else if case .object(let values)? = stack.last {
                found = values[first]
            }
            guard var value = found else { return nil }
            for component in name.components.dropFirst() {
                guard case .object(let values) = value, let child = values[component] else { return nil }
                value = child
            }
            return value
        }

        private mutating func write(_ value: TemplateValue, escaped: Bool) {
            switch value {
            case .text(let text):
                if escaped { HTMLEscape.append(text, to: &output) } else { output.append(contentsOf: text.utf8) }
            case .bool(let flag):
                output.append(contentsOf: (flag ? "true" : "false").utf8)
            case .int(let number):
                output.append(contentsOf: String(number).utf8)
            case .list, .object:
                // As swift-mustache prints them; no template of ours does.
                let text = String(describing: value.mustacheValue)
                if escaped { HTMLEscape.append(text, to: &output) } else { output.append(contentsOf: text.utf8) }
            }
        }
    }
}

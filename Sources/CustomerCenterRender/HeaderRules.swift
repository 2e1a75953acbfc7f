/// The rules of a site's `_headers` file (Netlify and Cloudflare Pages format, as `StaticFiles.headers`
/// writes it): a path pattern on a line of its own, then its headers indented as `Name: value`.
/// `serve --preview` applies them, so the demo and the browser test run under the production headers.
public struct HeaderRules: Sendable, Equatable {
    /// One pattern and its headers, in file order.
    public struct Rule: Sendable, Equatable {
        /// `/c/*` (a prefix, up to the `*`) or an exact path.
        public var pattern: String
        public var headers: [(name: String, value: String)]

        public static func == (lhs: Rule, rhs: Rule) -> Bool {
            lhs.pattern == rhs.pattern && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
        }

        func matches(_ path: String) -> Bool {
            pattern.hasSuffix("*") ? path.hasPrefix(String(pattern.dropLast())) : path == pattern
        }
    }

    public var rules: [Rule]

    /// Reads the text of a `_headers` file; comment lines (`#`), blank lines and lines that are neither
    /// a pattern nor an indented `Name: value` are skipped.
    public init(parsing text: String) {
        var rules: [Rule] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.trimmed(of: " \t\r")
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            if line.first == " " || line.first == "\t" {
                guard !rules.isEmpty, let colon = trimmed.firstIndex(of: ":") else { continue }
                let name = trimmed[..<colon].trimmed(of: " \t")
                let value = trimmed[trimmed.index(after: colon)...].trimmed(of: " \t")
                if !name.isEmpty { rules[rules.count - 1].headers.append((name, value)) }
            } else if trimmed.hasPrefix("/") {
                rules.append(Rule(pattern: trimmed, headers: []))
            }
        }
        self.rules = rules
    }

    /// The headers for `path` (without query), from every matching rule in file order; a later rule
    /// replaces a header an earlier one set.
    public func headers(for path: String) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        for rule in rules where rule.matches(path) {
            for header in rule.headers {
                result.removeAll { $0.name.lowercased() == header.name.lowercased() }
                result.append(header)
            }
        }
        return result
    }
}

private extension StringProtocol {
    func trimmed(of set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}

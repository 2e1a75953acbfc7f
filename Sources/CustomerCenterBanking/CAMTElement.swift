/// One XML element of a camt file, kept in memory only while its entry (or account) is read:
/// local name (any namespace prefix dropped, so every message version matches), start line,
/// attributes, text and children.
struct CAMTElement: Sendable {
    /// The local name, e.g. `Ntry` for `<camt:Ntry>`.
    let name: String
    /// The line of the start tag.
    let line: Int
    let attributes: [String: String]
    var text = ""
    var children: [CAMTElement] = []

    /// The first descendant along `path` of local names, e.g. `element("BookgDt", "Dt")`.
    func element(_ path: String...) -> CAMTElement? { elements(path).first }

    /// Every descendant along `path`, in document order (`elements("RmtInf", "Ustrd")`).
    func elements(_ path: String...) -> [CAMTElement] { elements(path) }

    func elements(_ path: [String]) -> [CAMTElement] {
        guard let first = path.first else { return [self] }
        let rest = Array(path.dropFirst())
        return children.filter { $0.name == first }.flatMap { $0.elements(rest) }
    }

    /// The trimmed text at `path`; nil when the element is absent or blank.
    func text(_ path: String...) -> String? { elements(path).first?.trimmedText }

    /// The text without surrounding whitespace; nil when blank.
    var trimmedText: String? {
        let trimmed = text.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}

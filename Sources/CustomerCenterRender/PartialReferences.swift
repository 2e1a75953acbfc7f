import Foundation

/// Finds `{{> name}}` and `{{< name}}` tags with their line numbers, to check that partials exist
/// before anything is rendered (Mustache itself renders an unknown partial as nothing).
enum PartialReferences {
    struct Reference: Equatable {
        var name: String
        var line: Int
    }

    static func scan(_ text: String) -> [Reference] {
        var references: [Reference] = []
        var line = 1
        var index = text.startIndex
        while index < text.endIndex {
            let char = text[index]
            if char == "\n" {
                line += 1
            } else if char == "{", text[index...].hasPrefix("{{") {
                let afterBraces = text.index(index, offsetBy: 2)
                if afterBraces < text.endIndex, text[afterBraces] == ">" || text[afterBraces] == "<",
                   let close = text.range(of: "}}", range: afterBraces..<text.endIndex) {
                    let name = text[text.index(after: afterBraces)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                    // `{{>*dynamic}}` names are resolved at render time; they cannot be checked here.
                    if !name.hasPrefix("*") { references.append(Reference(name: name, line: line)) }
                }
            }
            index = text.index(after: index)
        }
        return references
    }
}

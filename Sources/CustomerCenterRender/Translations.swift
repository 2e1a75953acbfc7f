import CustomerCenterContent
import Foundation

/// Page texts per language, from `Templates/strings/<language>.toml`: merchants reword them without
/// touching Swift. Every language file must have the same keys, so no page shows a missing text.
public struct Translations: Sendable {
    /// Texts by language, then key.
    public let texts: [String: [String: String]]

    /// Reads `strings/de.toml` and `strings/en.toml` under `templatesPath`.
    public static func load(templatesPath: String, languages: [String] = ["de", "en"]) throws(RenderError) -> Translations {
        var texts: [String: [String: String]] = [:]
        for language in languages {
            let file = templatesPath + "/strings/\(language).toml"
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw RenderError(file: file, reason: "missing page texts for language \"\(language)\"")
            }
            do {
                texts[language] = try TOMLTableReader(try TOMLDocument(text: text, file: file)).allStrings()
            } catch {
                throw RenderError(file: file, line: error.line, reason: [error.field, error.reason].compactMap { $0 }.joined(separator: ": "))
            }
        }
        // Every language needs every key that any language has.
        let allKeys = texts.values.reduce(into: Set<String>()) { $0.formUnion($1.keys) }
        for language in languages {
            let missing = allKeys.subtracting(texts[language].map { Set($0.keys) } ?? []).sorted()
            if let first = missing.first {
                throw RenderError(file: templatesPath + "/strings/\(language).toml",
                                  reason: "missing text \"\(first)\"" + (missing.count > 1 ? " and \(missing.count - 1) more" : ""))
            }
        }
        return Translations(texts: texts)
    }

    /// The texts of `language`.
    public func table(_ language: String) -> [String: String] {
        texts[language] ?? texts["en"] ?? [:]
    }

    /// The text `key` in `language` with `{name}` placeholders filled in; the key itself when missing.
    /// One pass over the text: a value is never searched for placeholders itself (a customer named
    /// `{amount}` stays so), and a page fills in a few dozen texts, so no Foundation string search.
    public func text(_ key: String, _ language: String, _ values: [String: String] = [:]) -> String {
        let text = table(language)[key] ?? key
        guard !values.isEmpty, text.utf8.contains(UInt8(ascii: "{")) else { return text }
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 32)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "{"), let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "}")),
               let value = values[String(decoding: bytes[(index + 1)..<close], as: UTF8.self)] {
                result.append(contentsOf: value.utf8)
                index = close + 1
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}

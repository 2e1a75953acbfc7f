import Foundation

/// Reading and bumping a customer's `link_version` in place, keeping the rest of the file as the
/// merchant wrote it (`customer-center rotate-link`).
public enum LinkVersion {
    private static let pattern = #""link_version"\s*:\s*(\d+)"#

    /// The link version written in the file at `path`; nil when the file does not exist or names none.
    public static func current(inFileAt path: String) -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let range = text.range(of: pattern, options: .regularExpression) else { return nil }
        return text[range].split(separator: ":").last.flatMap { Int(String($0).trimmingWhitespace()) }
    }

    /// Raises the link version of the customer file at `path` by one and returns the new version.
    /// The file is checked first, and written atomically.
    public static func bump(fileAt path: String, defaults: ContentDefaults) throws(ContentProblems) -> Int {
        let customer = try CustomerFile.load(path: path, defaults: defaults)
        let next = customer.linkVersion + 1
        var text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ContentProblems([ContentError(file: path, reason: "cannot read (\(FileProblem.describe(error)))")])
        }
        if let range = text.range(of: pattern, options: .regularExpression) {
            text.replaceSubrange(range, with: "\"link_version\": \(next)")
        } else if let brace = text.firstIndex(of: "{") {
            // Insert right after the opening brace, indented like the file's next line.
            let afterBrace = text.index(after: brace)
            let rest = text[afterBrace...]
            let indent = rest.drop(while: { $0 == "\n" || $0 == "\r" }).prefix(while: { $0 == " " || $0 == "\t" })
            let newline = rest.hasPrefix("\n") || rest.hasPrefix("\r\n") ? "\n" + indent : " "
            text.insert(contentsOf: "\(newline)\"link_version\": \(next),", at: afterBrace)
        }
        // Prove the edit before it replaces the file.
        let updated = try CustomerFile.parse(Data(text.utf8), file: path, expectedID: customer.id, defaults: defaults)
        guard updated.linkVersion == next else {
            throw ContentProblems([ContentError(file: path, field: "link_version", reason: "could not update the link version in place")])
        }
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ContentProblems([ContentError(file: path, reason: "cannot write (\(FileProblem.describe(error)))")])
        }
        return next
    }
}

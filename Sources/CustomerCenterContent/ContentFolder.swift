import CustomerCenterModel
import Foundation

/// The merchant's content folder and where things live in it:
///
///     content/config.toml                 site configuration
///     content/customers/<id>.json         one file per customer
///     content/pages/<language>/<slug>.md  Markdown pages
public struct ContentFolder: Sendable {
    /// The folder, as given on the command line.
    public let path: String

    /// The folder at `path`.
    public init(path: String) {
        self.path = path
    }

    /// `content/config.toml`.
    public var configPath: String { join(path, "config.toml") }
    /// `content/customers`.
    public var customersPath: String { join(path, "customers") }
    /// `content/pages`.
    public var pagesPath: String { join(path, "pages") }

    /// The path of customer `id`'s file.
    public func customerPath(id: String) -> String { join(customersPath, "\(id).json") }

    /// Reads the configuration; a missing folder or file is named.
    public func loadConfig() throws(ContentError) -> SiteConfig {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ContentError(file: path, reason: "no such content folder (pass --content DIR)")
        }
        return try SiteConfig.load(from: configPath)
    }

    /// Customer files, sorted by name so that builds and errors come in a stable order.
    public func customerFiles() throws(ContentError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: customersPath)
        } catch {
            throw ContentError(file: customersPath, reason: "cannot list customer files (\(FileProblem.describe(error)))")
        }
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().map { join(customersPath, $0) }
    }

    /// Every page, sorted by language, order and slug. Problems in several pages are all reported.
    public func loadPages() throws(ContentProblems) -> [ContentPage] {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: pagesPath) else { return [] }
        var pages: [ContentPage] = []
        var problems: [ContentError] = []
        let languages = ((try? fileManager.contentsOfDirectory(atPath: pagesPath)) ?? []).sorted()
        for language in languages where !language.hasPrefix(".") {
            let folder = join(pagesPath, language)
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                problems.append(ContentError(file: folder, reason: "pages go into a folder per language: pages/de/<slug>.md or pages/en/<slug>.md"))
                continue
            }
            guard CustomerLocale.languages.contains(language) else {
                problems.append(ContentError(file: folder, reason: "unknown page language \"\(language)\"; use de or en"))
                continue
            }
            let names = ((try? fileManager.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            for name in names where name.hasSuffix(".md") {
                let file = join(folder, name)
                let slug = String(name.dropLast(3))
                guard CustomerFile.isValidID(slug), slug != "c", slug != "assets" else {
                    problems.append(ContentError(file: file, reason: "the file name makes the URL; use letters, digits, '.', '-' and '_'"))
                    continue
                }
                do {
                    let text = try String(contentsOfFile: file, encoding: .utf8)
                    pages.append(try ContentPage.parse(text, file: file, language: language, slug: slug))
                } catch let error as ContentError {
                    problems.append(error)
                } catch {
                    problems.append(ContentError(file: file, reason: "cannot read (\(FileProblem.describe(error)))"))
                }
            }
        }
        guard problems.isEmpty else { throw ContentProblems(problems) }
        return pages.sorted { ($0.language, $0.order, $0.slug) < ($1.language, $1.order, $1.slug) }
    }
}

func join(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
}

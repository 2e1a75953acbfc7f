import Foundation

/// Where secrets come from: an environment variable first, then the secrets file named in the config.
///
/// Secrets never live in `content/` (which merchants commit and share) nor in `site/`. A secret is
/// looked up by name: `link_secret` is read from `CUSTOMER_CENTER_LINK_SECRET` or from the key
/// `link_secret` in the secrets file.
public struct SecretSource: Sendable {
    /// Why a secret could not be had.
    public struct MissingSecret: Error, Sendable, CustomStringConvertible {
        public let name: String
        public let variable: String
        public let file: String?

        public var description: String {
            if let file {
                return "missing secret \(name): set the environment variable \(variable) or add \(name) to \(file)"
            }
            return "missing secret \(name): set the environment variable \(variable) (or name a secrets file in [secrets].file)"
        }
    }

    private let environment: [String: String]
    private let fileValues: [String: [String]]
    private let file: String?

    /// Reads the secrets file (if configured) once. `environment` is passed in so tests control it.
    /// - Parameter contentFolder: the secrets file must lie outside it.
    public init(config: SiteConfig, contentFolder: String,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws(ContentError) {
        self.environment = environment
        self.file = config.secrets.file
        guard let file = config.secrets.file else {
            self.fileValues = [:]
            return
        }
        let secretsPath = URL(fileURLWithPath: file).standardizedFileURL.path
        let contentPath = URL(fileURLWithPath: contentFolder).standardizedFileURL.path
        if secretsPath == contentPath || secretsPath.hasPrefix(contentPath + "/") {
            throw ContentError(file: file, reason: "the secrets file is inside the content folder \(contentFolder); move it out, content is shared and published")
        }
        // A merchant who sets every secret in the environment need not have the file at all.
        guard FileManager.default.fileExists(atPath: file) else {
            self.fileValues = [:]
            return
        }
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ContentError(file: file, reason: "cannot read the secrets file (\(FileProblem.describe(error)))")
        }
        // Only the key names may appear in errors: TOMLTableReader never echoes values.
        let reader = TOMLTableReader(try TOMLDocument(text: text, file: file))
        var values: [String: [String]] = [:]
        for key in reader.values.keys {
            // A string holds one secret, a list several at once (rotation).
            values[key] = try reader.strings(key, default: [])
        }
        self.fileValues = values
    }

    /// The environment variable that holds secret `name`.
    public static func variable(for name: String) -> String {
        // Provider names may contain '-', which a shell variable cannot.
        "CUSTOMER_CENTER_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// Several secrets under one name (`provider_stripe_secrets`), for rotation: a list in the file, or
    /// comma-separated in the environment variable. (Not spaces: a plain HMAC secret may contain them.)
    public func values(_ name: String) throws(MissingSecret) -> [String] {
        let variable = SecretSource.variable(for: name)
        if let value = environment[variable], !value.isEmpty {
            let list = value.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
            if !list.isEmpty { return list }
        }
        let list = (fileValues[name] ?? []).filter { !$0.isEmpty }
        guard !list.isEmpty else { throw MissingSecret(name: name, variable: variable, file: file) }
        return list
    }

    /// The secret called `name` (`link_secret`).
    public func value(_ name: String) throws(MissingSecret) -> String {
        let variable = SecretSource.variable(for: name)
        if let value = environment[variable], !value.isEmpty { return value }
        if let value = fileValues[name]?.first, !value.isEmpty { return value }
        throw MissingSecret(name: name, variable: variable, file: file)
    }
}

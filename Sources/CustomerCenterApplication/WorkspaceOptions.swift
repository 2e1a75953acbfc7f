import Foundation

/// Where a workspace reads content and writes pages, and its side effects (clock, environment).
public struct WorkspaceOptions: Sendable {
    public var contentPath: String
    public var templatesPath: String
    public var outputPath: String
    public var environment: [String: String]
    /// The clock: signature timestamps and booking times. Tests pass a fixed one.
    public var now: @Sendable () -> Date
    /// Local preview (`serve --preview`): the receiver also serves the site, and both live at this URL.
    public var previewURL: String?

    /// Options with the CLI's defaults.
    public init(contentPath: String = "content", templatesPath: String = "Templates", outputPath: String = "site",
                environment: [String: String] = ProcessInfo.processInfo.environment,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.contentPath = contentPath
        self.templatesPath = templatesPath
        self.outputPath = outputPath
        self.environment = environment
        self.now = now
    }
}

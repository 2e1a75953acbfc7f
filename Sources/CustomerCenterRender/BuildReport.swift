/// What a build did, for the summary line and for tests.
public struct BuildReport: Sendable, Equatable {
    /// Customers rendered.
    public var customers = 0
    /// Files written because their bytes changed or were new.
    public var written = 0
    /// Files left alone because they already held the same bytes.
    public var unchanged = 0
    /// Stale files removed (customers who left, rotated links, old assets).
    public var removed: [String] = []
    /// Temporary files left by an interrupted write (a killed build or receiver), removed at the start.
    public var temporaryFilesRemoved = 0
    /// Wall time in seconds.
    public var seconds = 0.0
    /// Customer files read, and parsed, in both passes: with the build cache, an unchanged file is
    /// neither (its signature vouches for it), a touched one is read and hashed but not parsed.
    public var customerFilesRead = 0
    public var customerFilesParsed = 0
    /// Personal pages rendered (the others were current, by the build cache).
    public var pagesRendered = 0
    /// Customers whose folder's signature vouched for their files (neither checked one by one nor
    /// listed by the sweep).
    public var foldersVouched = 0
    /// Problems that cost only speed (an unsaved build cache), for the command to print.
    public var warnings: [String] = []

    /// `Built 6 customer pages: 4 files written, 11 unchanged, 1 removed in 0.08 s`.
    public var summary: String {
        let time = String(format: "%.2f", seconds)
        let files = written == 1 ? "file" : "files"
        let pages = customers == 1 ? "page" : "pages"
        return "Built \(customers) customer \(pages): \(written) \(files) written, \(unchanged) unchanged, \(removed.count) removed in \(time) s"
    }

    /// `Removed 1 temporary file left by an interrupted write.`, or nil when there was none.
    public var temporaryFilesNote: String? {
        guard temporaryFilesRemoved > 0 else { return nil }
        return "Removed \(temporaryFilesRemoved) temporary \(temporaryFilesRemoved == 1 ? "file" : "files") left by an interrupted write."
    }
}

/// What a check found: how much content was read, all of it valid.
public struct CheckReport: Sendable, Equatable {
    public var customers = 0
    public var pages = 0
    public var templates = 0

    /// `Content OK: 6 customers, 8 pages, 9 templates`.
    public var summary: String {
        "Content OK: \(customers) customers, \(pages) pages, \(templates) templates"
    }
}

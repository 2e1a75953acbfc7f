import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterSigning
import Foundation

/// The build pipeline: load -> validate -> render -> write (docs/architecture.md).
///
/// Customers are streamed: the check pass reads every customer file and keeps only ids, so that a
/// broken file stops the build before anything is written; the render pass reads each file again,
/// renders it and writes it, holding one customer at a time.
public struct SiteBuilder: Sendable {
    /// Where to read and write.
    public let options: BuildOptions

    /// A builder with `options`.
    public init(options: BuildOptions) {
        self.options = options
    }

    /// Loaded parts of a site, ready to render.
    public struct Loaded: Sendable {
        public let renderer: SiteRenderer
        public let content: ContentFolder
        public let customerFiles: [String]
        /// What the check pass learnt about each customer file, in file order (for the build cache).
        let checked: [CheckedFile]
        /// Customers the check pass parsed and kept for the render pass, by file position (within a
        /// memory budget; the others are parsed again when their page is rendered).
        let kept: [Int: Customer]
        /// What the last build checked of these customer files (empty without one).
        let checks: BuildCache
        /// Customer files the check pass read, and parsed.
        let filesRead: Int
        let filesParsed: Int
        public let defaults: ContentDefaults
        /// Assets to copy: name, fingerprinted path, bytes.
        let assets: [(name: String, path: String, bytes: [UInt8])]
    }

    /// Steps 1-2: the configuration and the link secret, all that page URLs need.
    /// The pay-link key, when pay links are enabled (`[payments].provider`); nil otherwise.
    public func loadPayLinkKey(config: SiteConfig) throws(BuildError) -> PayLinkKey? {
        guard config.payLinks.provider != nil, !config.onlineMethods.isEmpty else { return nil }
        do {
            let secrets = try SecretSource(config: config, contentFolder: options.contentPath, environment: options.environment)
            return try PayLinkKey(try secrets.value("pay_link_secret"))
        } catch let error as LinkSecret.Error {
            throw BuildError(step: .loadSecrets, problems: ["secret pay_link_secret \(error.description)"])
        } catch {
            throw BuildError(step: .loadSecrets, problems: ["\(error)"])
        }
    }

    public func loadConfigAndSecret(progress: BuildProgress = .silent) throws(BuildError) -> (SiteConfig, LinkSecret) {
        let content = ContentFolder(path: options.contentPath)

        progress.step(.loadConfiguration)
        var config: SiteConfig
        do { config = try content.loadConfig() } catch { throw BuildError(step: .loadConfiguration, problems: [error.description]) }
        if let previewURL = options.previewURL {
            config.baseURL = previewURL
            config.receiverURL = previewURL
        }

        progress.step(.loadSecrets)
        let secrets: SecretSource
        do {
            secrets = try SecretSource(config: config, contentFolder: options.contentPath, environment: options.environment)
        } catch {
            throw BuildError(step: .loadSecrets, problems: [error.description])
        }
        let text: String
        do { text = try secrets.value("link_secret") } catch { throw BuildError(step: .loadSecrets, problems: [error.description]) }
        do {
            return (config, try LinkSecret(text))
        } catch {
            throw BuildError(step: .loadSecrets, problems: ["secret link_secret \(error.description)"])
        }
    }

    /// Steps 1-5: everything but writing. Throws with every problem of the first failing step.
    /// The site without its customers: everything a page needs to render (steps 1-4). A task about one
    /// customer loads this and that customer's file, never the check pass over all of them.
    public struct Site: Sendable {
        public let renderer: SiteRenderer
        public let content: ContentFolder
        public let defaults: ContentDefaults
        /// Assets to copy: name, fingerprinted path, bytes.
        let assets: [(name: String, path: String, bytes: [UInt8])]
    }

    /// Steps 1-4: configuration, secrets, templates and Markdown pages, ready to render.
    public func loadSite(progress: BuildProgress = .silent) throws(BuildError) -> Site {
        let content = ContentFolder(path: options.contentPath)
        let (config, linkSecret) = try loadConfigAndSecret(progress: progress)
        let payLinkKey = try loadPayLinkKey(config: config)

        progress.step(.loadTemplates)
        let templates: TemplateSet
        let translations: Translations
        let assets: [(name: String, path: String, bytes: [UInt8])]
        do {
            translations = try Translations.load(templatesPath: options.templatesPath)
            templates = try TemplateSet(path: options.templatesPath).resolvingTexts(translations)
            assets = try StaticFiles.loadAssets(templatesPath: options.templatesPath)
        } catch {
            throw BuildError(step: .loadTemplates, problems: [error.description])
        }

        progress.step(.loadPages)
        let pages: [ContentPage]
        do { pages = try content.loadPages() } catch {
            throw BuildError(step: .loadPages, problems: error.problems.map(\.description))
        }
        let renderer = SiteRenderer(
            config: config, templates: templates, translations: translations, pages: pages,
            assets: Dictionary(uniqueKeysWithValues: assets.map { ($0.name, $0.path) }),
            linkSecret: linkSecret, payLinkKey: payLinkKey, today: options.today ?? config.today()
        )
        return Site(renderer: renderer, content: content, defaults: ContentDefaults(config), assets: assets)
    }

    /// Steps 1-5: everything but writing. Throws with every problem of the first failing step.
    public func load(progress: BuildProgress = .silent) throws(BuildError) -> Loaded {
        // The progress line is ended on every exit, so an error never lands on the same line.
        defer { progress.finish() }
        let site = try loadSite(progress: progress)
        let config = site.renderer.config
        let content = site.content

        progress.step(.checkCustomers)
        let defaults = ContentDefaults(config)
        let files: [String]
        do { files = try content.customerFiles() } catch {
            throw BuildError(step: .checkCustomers, problems: [error.description])
        }
        let check = try checkCustomers(files, config: config, defaults: defaults, contentFolder: content.path, progress: progress)
        return Loaded(renderer: site.renderer, content: content, customerFiles: files, checked: check.checked, kept: check.kept,
                      checks: check.cache, filesRead: check.read, filesParsed: check.parsed, defaults: defaults, assets: site.assets)
    }

    /// Validates content and templates and writes nothing (`customer-center check`).
    public func check() throws(BuildError) -> CheckReport {
        let loaded = try load()
        // The receiver needs every provider's secrets; a missing one is found here, not at `serve`.
        let config = loaded.renderer.config
        do {
            let secrets = try SecretSource(config: config, contentFolder: options.contentPath, environment: options.environment)
            var problems: [String] = []
            for (name, provider) in config.providers.sorted(by: { $0.key < $1.key }) {
                do { _ = try secrets.values(provider.secretName) } catch { problems.append(error.description) }
                if config.payLinks.provider == name, provider.format == .stripe {
                    do { _ = try secrets.value(provider.apiKeyName) } catch { problems.append(error.description) }
                }
            }
            guard problems.isEmpty else { throw BuildError(step: .loadSecrets, problems: problems) }
        } catch let error as BuildError {
            throw error
        } catch {
            throw BuildError(step: .loadSecrets, problems: ["\(error)"])
        }
        return CheckReport(customers: loaded.customerFiles.count, pages: loaded.renderer.pages.count,
                           templates: loaded.renderer.templates.names.count)
    }

    /// Builds the whole site into the output folder (`customer-center build`).
    public func build(progress: BuildProgress = .silent) throws(BuildError) -> BuildReport {
        defer { progress.finish() }
        let start = Date()
        let loaded = try load(progress: progress)
        let renderer = loaded.renderer
        let writer: PageWriter
        var report = BuildReport()
        report.customerFilesRead = loaded.filesRead
        report.customerFilesParsed = loaded.filesParsed
        do {
            writer = try PageWriter(root: options.outputPath)
            // A killed build or receiver leaves its temporary file in the staging folder. (Older versions
            // left them beside the pages; the sweep removes those, saving a second walk of the tree.)
            report.temporaryFilesRemoved = try writer.removeStrayTemporaryFiles(searchingTree: false).count
        } catch {
            throw BuildError(step: .renderPages, problems: [error.description])
        }
        // No spare outlives the build (a process's objects are not deinitialized at exit).
        defer { writer.releaseSpares() }

        progress.step(.renderPages)
        func record(_ outcome: PageWriter.Outcome) {
            if outcome == .written { report.written += 1 } else { report.unchanged += 1 }
        }
        do {
            record(try writer.write("customer-center output: files here are replaced and removed by `customer-center build`.\n",
                                    to: PageWriter.markerName))
            for asset in loaded.assets { record(try writer.write(asset.bytes, to: asset.path)) }
            let basePath = URLPath.path(of: renderer.config.baseURL)
            record(try writer.write(StaticFiles.robots(basePath: basePath), to: "robots.txt"))
            record(try writer.write(StaticFiles.headers(config: renderer.config, basePath: basePath), to: "_headers"))
            record(try writer.write(renderer.renderIndex(), to: "index.html"))
            record(try writer.write(renderer.renderNotFound(), to: "404.html"))
            for page in renderer.pages {
                record(try writer.write(renderer.renderContentPage(page), to: page.sitePath + "index.html"))
            }
            // Chunks of customers: read and render on every core, one ledger read (and at most one
            // write, for new references) per chunk; memory stays bounded by the chunk.
            let files = loaded.customerFiles
            let pages = PersonalPages(renderer: renderer, ledger: options.ledger, writer: writer, content: loaded.content)
            let now = Int(options.now().timeIntervalSince1970)
            // The new caches hold exactly the customers of this build: those who left leave them with their pages.
            let previousPages = options.cachePath.map { BuildCache.load(path: $0, checkKey: BuildCache.pagesKey) }
                ?? BuildCache(path: "", checkKey: BuildCache.pagesKey)
            var caches = (checks: BuildCache.Writer(path: loaded.checks.path, checkKey: loaded.checks.checkKey),
                          pages: BuildCache.Writer(path: previousPages.path, checkKey: BuildCache.pagesKey))
            var kept = loaded.kept
            let global = globalFingerprint(renderer)
            var folders = FolderSignatures(root: writer.root)
            for start in stride(from: 0, to: files.count, by: SiteBuilder.chunkSize) {
                let range = start..<min(start + SiteBuilder.chunkSize, files.count)
                let outcomes = try renderChunk(range, loaded: loaded, kept: &kept, pages: pages, now: now, previous: previousPages,
                                               caches: &caches, folders: &folders, global: global, report: &report)
                for outcome in outcomes { record(outcome) }
                report.customers += range.count
                progress.advance(range.upperBound, of: files.count)
                folders.flush(into: &caches.pages, olderThanOneSecond: true)
            }
            folders.flush(into: &caches.pages, olderThanOneSecond: false)
            // Each saved in place (no copy of a cache held twice), the pages' after the checks'.
            func save(_ writer: inout BuildCache.Writer, unlessEqualTo previous: BuildCache) {
                guard !writer.path.isEmpty else { return }
                do { try writer.save(unlessEqualTo: previous) } catch {
                    // Only speed is lost: the next build reads, or renders, every customer again.
                    report.warnings.append("could not save the build cache \(writer.path): \(error)")
                }
            }
            save(&caches.checks, unlessEqualTo: loaded.checks)
            save(&caches.pages, unlessEqualTo: previousPages)
        } catch {
            throw BuildError(step: .renderPages, problems: ["\(error)"])
        }

        progress.step(.removeStaleFiles)
        do { report.removed = try writer.sweep() } catch {
            throw BuildError(step: .removeStaleFiles, problems: [error.description])
        }
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// Customers per chunk: enough to keep both cores busy and batch the ledger, small enough that a
    /// chunk's pages (a few MB) never matter for memory.
    static let chunkSize = 256

    /// Renders and writes one chunk of customer files (positions `range`) through `pages`; the
    /// outcome of every file (a customer's page, statement and documents), a skipped customer's files
    /// as unchanged. A customer whose fingerprint matches the `previous` page cache and whose files
    /// all exist is skipped. Customers the check pass kept are rendered from `kept` (and leave it), the
    /// others are parsed again. Each customer's entries go to the new `caches`.
    func renderChunk(_ range: Range<Int>, loaded: Loaded, kept: inout [Int: Customer], pages: PersonalPages, now: Int,
                     previous: BuildCache, caches: inout (checks: BuildCache.Writer, pages: BuildCache.Writer),
                     folders: inout FolderSignatures, global: [UInt8], report: inout BuildReport) throws(RenderError) -> [PageWriter.Outcome] {
        let files = Array(loaded.customerFiles[range])
        let ids = files.map(CustomerFile.id(ofPath:))
        let activities = try pages.activities(of: ids, now: now, file: files.first ?? "")
        var outcomes = [[PageWriter.Outcome]](repeating: [], count: files.count)
        var fingerprints: [BuildCache.Digest] = []
        var paths = [[String]](repeating: [], count: files.count)
        var toRender: [Int] = []
        var vouched = [FileSignature?](repeating: nil, count: files.count)
        for (position, id) in ids.enumerated() {
            let fingerprint = BuildCache.fingerprint(global: global, file: loaded.checked[range.lowerBound + position].inputHash,
                                                     activity: (activities[id] ?? .none).canonicalText)
            fingerprints.append(fingerprint)
            guard let entry = previous.pageEntry(for: id, fingerprint: fingerprint) else {
                toRender.append(position)
                continue
            }
            let known = entry.paths
            // The folder unchanged since a build wrote exactly these files (none added, removed or
            // replaced: any of that moves its times): one stat, where checking each file was three, and
            // the sweep need not list it. At 100,000 customers that was most of a no-change rebuild.
            if entry.trusted, let recorded = entry.signature, let folder = FolderSignatures.folder(holding: known),
               FileSignature.ofFolder(path: pages.writer.root + "/" + folder) == recorded {
                pages.writer.keepFolder(folder)
                vouched[position] = recorded
                report.foldersVouched += 1
            } else if known.allSatisfy(pages.writer.exists) {
                for path in known { pages.writer.keep(path) }
            } else {
                toRender.append(position)
                continue
            }
            paths[position] = known
            outcomes[position] = [PageWriter.Outcome](repeating: .unchanged, count: known.count)
        }
        if !toRender.isEmpty {
            let defaults = loaded.defaults
            let parsed = toRender.map { kept.removeValue(forKey: range.lowerBound + $0) }
            let reparsed = parsed.count(where: { $0 == nil })
            report.customerFilesRead += reparsed
            report.customerFilesParsed += reparsed
            report.pagesRendered += toRender.count
            let customers = try ParallelMap.map(toRender.count) { [toRender] index -> Result<Customer, RenderError> in
                if let customer = parsed[index] { return .success(customer) }
                let file = files[toRender[index]]
                do { return .success(try CustomerFile.load(path: file, defaults: defaults)) } catch {
                    // The file changed between the check pass and now; stop rather than publish a stale page.
                    return .failure(RenderError(file: file, reason: "changed during the build: \(error)"))
                }
            }.map { result throws(RenderError) in try result.get() }
            let written = try pages.write(customers, activities: activities, now: now, file: files.first ?? "")
            // Kept GiroCodes are a cache: failing to keep them costs only time.
            if !written.drawnGiroCodes.isEmpty { try? pages.ledger?.keepGiroCodes(written.drawnGiroCodes) }
            for (index, customerFiles) in written.pages.enumerated() {
                outcomes[toRender[index]] = customerFiles.map(\.outcome)
                paths[toRender[index]] = customerFiles.map(\.path)
            }
        }
        for (position, id) in ids.enumerated() {
            let checked = loaded.checked[range.lowerBound + position]
            caches.checks.append(id: id, BuildCache.Entry(signature: checked.signature, trusted: checked.trusted, fileHash: checked.fileHash,
                                                          keys: checked.keys, documents: checked.documents))
            folders.add(id: id, fingerprint: fingerprints[position], paths: paths[position], vouched: vouched[position])
        }
        return outcomes.flatMap { $0 }
    }

    /// Everything besides a customer's own file and ledger activity that a personal page is made of:
    /// configuration and Markdown pages, templates, texts and assets, the day, the preview URL, the
    /// pay-link key (as an HMAC tag), and the program itself.
    func globalFingerprint(_ renderer: SiteRenderer) -> [UInt8] {
        var input: [UInt8] = Array("customer-center build v1\n\(renderer.today)\n\(options.previewURL ?? "")\n".utf8)
        input += renderer.payLinkKey?.fingerprint ?? []
        // The program: a new version may render differently.
        input += programIdentity()
        let fileManager = FileManager.default
        for folder in [options.templatesPath, options.contentPath] {
            var relative: [String] = []
            let enumerator = fileManager.enumerator(atPath: folder)
            while let path = enumerator?.nextObject() as? String {
                // Customer files have fingerprints of their own; walking 100,000 of them here took longer than a no-change rebuild may.
                if folder == options.contentPath, path == "customers" { enumerator?.skipDescendants(); continue }
                // PDFs in the content are invoice documents, stamped in their customers' fingerprints:
                // hashed here, a replaced one rendered every customer again (and 20 MB read each build).
                if folder == options.contentPath, path.lowercased().hasSuffix(".pdf") { continue }
                relative.append(path)
            }
            for path in relative.sorted() {
                let full = folder + "/" + path
                var isDirectory: ObjCBool = false
                guard fileManager.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
                      let data = fileManager.contents(atPath: full) else { continue }
                input += Array(path.utf8) + SHA256.hash(data)
            }
        }
        return SHA256.hash(input)
    }

    /// Every customer with their personal URL, in file order (`customer-center links`). Needs only
    /// the configuration, the secret and valid customer files, not the templates.
    public func links() throws(BuildError) -> [(customer: Customer, url: String)] {
        let (config, linkSecret) = try loadConfigAndSecret()
        let content = ContentFolder(path: options.contentPath)
        let defaults = ContentDefaults(config)
        let files: [String]
        do { files = try content.customerFiles() } catch { throw BuildError(step: .checkCustomers, problems: [error.description]) }
        var result: [(Customer, String)] = []
        var problems: [String] = []
        for file in files {
            do {
                let customer = try CustomerFile.load(path: file, defaults: defaults)
                result.append((customer, PersonalLink.url(PersonalLink.token(for: customer, secret: linkSecret), config: config)))
            } catch {
                problems.append(contentsOf: error.problems.map(\.description))
            }
        }
        guard problems.isEmpty else { throw BuildError(step: .checkCustomers, problems: problems) }
        return result
    }
}

import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterSigning
import Foundation

/// What the check pass learnt about one customer file, for the render pass and the build cache.
struct CheckedFile: Sendable {
    /// The file's signature, taken before it was read.
    var signature: FileSignature?
    /// Whether the signature may vouch for the bytes next time (see `FileSignature.changed(since:)`).
    var trusted: Bool
    /// SHA-256 of the bytes.
    var fileHash: BuildCache.Digest
    /// The ids the cross-file check needs.
    var keys: ContentIndex.Keys
    /// The invoice documents the file names (as it names them), sorted.
    var documents: [String]
    /// What the customer's files are made from: `fileHash`, with the documents' stamps when there are
    /// any, so a replaced PDF renders the customer again.
    var inputHash: BuildCache.Digest

    /// A file that failed its check: it is neither rendered nor cached.
    static let failed = CheckedFile(signature: nil, trusted: false, fileHash: BuildCache.Digest([]),
                                    keys: ContentIndex.Keys(hashes: [], accountCount: 0), documents: [], inputHash: BuildCache.Digest([]))

    /// `fileHash` with the stamps of `documents` (by the path the file names them).
    static func inputHash(_ fileHash: BuildCache.Digest, documents: [String: InvoiceDocument]) -> BuildCache.Digest {
        guard !documents.isEmpty else { return fileHash }
        let stamps = documents.sorted { $0.key < $1.key }.map { $0.key + "\u{0}" + $0.value.stamp }
        return BuildCache.Digest(SHA256.hash(fileHash.bytes + Array(stamps.joined(separator: "\n").utf8)))
    }
}

extension SiteBuilder {
    /// The check pass's result: every file checked, the customers kept for rendering, the cache.
    struct CustomerCheck: Sendable {
        var checked: [CheckedFile]
        var kept: [Int: Customer]
        var cache: BuildCache
        /// Customer files read, and parsed, by the check pass.
        var read = 0
        var parsed = 0
    }

    /// How many bytes of customer files the check pass keeps parsed for the render pass, so that a
    /// build parses each file once. A parsed customer takes a few times its file's size; beyond the
    /// budget (a first build of a large customer base) the render pass parses the rest again, and
    /// memory stays flat.
    static let keptCustomerBudget = 12 << 20

    /// Step 5, the check pass: every customer file is checked, a chunk at a time on every core, and
    /// then against the others (`ContentIndex`), before anything is written. A file the build cache
    /// knows unchanged (same signature, or same bytes) is not parsed: its ids come from the cache, and
    /// its invoice documents (their paths from the cache) are found and stamped again; one whose
    /// documents fail is parsed, so the problem names the line. Throws with every problem found.
    func checkCustomers(_ files: [String], config: SiteConfig, defaults: ContentDefaults, contentFolder: String,
                        progress: BuildProgress) throws(BuildError) -> CustomerCheck {
        // With Stripe taking pay links, ids that go into its metadata must fit Stripe's limits.
        let stripeProvider = StripeMetadataLimits.stripeProvider(of: config)
        let cache = options.checkCachePath.map { BuildCache.load(path: $0, checkKey: checkKey()) } ?? BuildCache(path: "", checkKey: checkKey())
        // Files changed in the last second (far more than the file system's coarse ticks, and some
        // clock skew of a network file system) cannot vouch for themselves next time.
        let recent = Int64(Date().timeIntervalSince1970 * 1e9) - 1_000_000_000

        // The documents a known file names, found and stamped; nil when one fails.
        let located = { @Sendable (paths: [String]) -> [String: InvoiceDocument]? in
            var found: [String: InvoiceDocument] = [:]
            for path in paths {
                guard case .success(let document) = InvoiceDocument.locate(path, contentFolder: contentFolder) else { return nil }
                found[path] = document
            }
            return found
        }

        enum Outcome: Sendable {
            /// Unchanged since the last build: not parsed (`read`: its bytes were hashed to tell).
            case known(CheckedFile, read: Bool)
            case parsed(CheckedFile, Customer, bytes: Int)
            case failed(ContentProblems)
        }

        var index = ContentIndex()
        var problems: [ContentError] = []
        var checked: [CheckedFile] = []
        checked.reserveCapacity(files.count)
        var kept: [Int: Customer] = [:]
        var keptBytes = 0
        var read = 0
        var parsed = 0
        for start in stride(from: 0, to: files.count, by: SiteBuilder.chunkSize) {
            let chunk = Array(files[start..<min(start + SiteBuilder.chunkSize, files.count)])
            let outcomes = ParallelMap.map(chunk.count) { position -> Outcome in
                let file = chunk[position]
                let id = CustomerFile.id(ofPath: file)
                // Stat before reading: a change after the stat then shows as a new signature next time.
                let signature = FileSignature.of(path: file)
                let trusted = signature.map { !$0.changed(sinceNanoseconds: recent) } ?? false
                let known = cache.entry(for: id)
                if let known, known.trusted, let signature, known.signature == signature, let documents = located(known.documents) {
                    return .known(CheckedFile(signature: signature, trusted: true, fileHash: known.fileHash, keys: known.keys,
                                              documents: known.documents, inputHash: CheckedFile.inputHash(known.fileHash, documents: documents)),
                                  read: false)
                }
                do throws(ContentProblems) {
                    let data = try CustomerFile.read(path: file)
                    let hash = BuildCache.Digest(SHA256.hash(data))
                    if let known, known.fileHash == hash, let documents = located(known.documents) {
                        return .known(CheckedFile(signature: signature, trusted: trusted, fileHash: hash, keys: known.keys,
                                                  documents: known.documents, inputHash: CheckedFile.inputHash(hash, documents: documents)),
                                      read: true)
                    }
                    let customer = try CustomerFile.parse(data, file: file, expectedID: id, defaults: defaults)
                    if let stripeProvider {
                        let tooLong = StripeMetadataLimits.problems(in: customer, file: file, provider: stripeProvider)
                        if !tooLong.isEmpty { throw ContentProblems(tooLong) }
                    }
                    // Invoice documents: there, inside the content folder, PDFs.
                    let documents = InvoiceDocument.check(customer, data: data, file: file, contentFolder: contentFolder)
                    if !documents.problems.isEmpty { throw ContentProblems(documents.problems) }
                    return .parsed(CheckedFile(signature: signature, trusted: trusted, fileHash: hash, keys: ContentIndex.Keys(customer),
                                               documents: documents.documents.keys.sorted(),
                                               inputHash: CheckedFile.inputHash(hash, documents: documents.documents)),
                                   customer, bytes: data.count)
                } catch {
                    return .failed(error)
                }
            }
            // The cross-file checks stay serial, in file order.
            let resolve = { (file: String) in try? CustomerFile.load(path: file, defaults: defaults) }
            for (position, outcome) in outcomes.enumerated() {
                let file = chunk[position]
                switch outcome {
                case .known(let found, let wasRead):
                    checked.append(found)
                    if wasRead { read += 1 }
                    guard !index.add(found.keys, file: file) else { continue }
                    // An id is taken: the file is parsed, so the problem is worded with its ids and fields.
                    read += wasRead ? 0 : 1
                    parsed += 1
                    do {
                        let customer = try CustomerFile.load(path: file, defaults: defaults)
                        problems.append(contentsOf: index.add(customer, file: file, resolve: resolve))
                    } catch {
                        problems.append(contentsOf: error.problems)
                    }
                case .parsed(let found, let customer, let bytes):
                    checked.append(found)
                    read += 1
                    parsed += 1
                    problems.append(contentsOf: index.add(customer, file: file, resolve: resolve))
                    if keptBytes + bytes <= SiteBuilder.keptCustomerBudget {
                        kept[start + position] = customer
                        keptBytes += bytes
                    }
                case .failed(let error):
                    read += 1
                    checked.append(.failed)
                    problems.append(contentsOf: error.problems)
                }
            }
            progress.advance(start + chunk.count, of: files.count)
        }
        guard problems.isEmpty else {
            throw BuildError(step: .checkCustomers, problems: problems.map(\.description))
        }
        return CustomerCheck(checked: checked, kept: kept, cache: cache, read: read, parsed: parsed)
    }

    /// What decides whether a customer file is valid besides its bytes: the program and the
    /// configuration (default locale and currency, Stripe's limits). The cache's check results count
    /// only under the same key.
    func checkKey() -> BuildCache.Digest {
        var input = Array("customer-center check v1\n".utf8) + programIdentity()
        input += SHA256.hash(Array((FileManager.default.contents(atPath: ContentFolder(path: options.contentPath).configPath) ?? Data())))
        return BuildCache.Digest(SHA256.hash(input))
    }

    /// The executable's size and date: a new version may check and render differently.
    /// (The executable itself: /proc/self/exe is a link whose own date is the process's start.)
    func programIdentity() -> [UInt8] {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: executable) else { return [] }
        return Array("\(attributes[.size] ?? "")|\(attributes[.modificationDate] ?? "")".utf8)
    }
}

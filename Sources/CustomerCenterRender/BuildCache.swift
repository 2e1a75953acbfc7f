import CustomerCenterContent
import CustomerCenterSigning
import Foundation

/// What the last build learnt about each customer, so that a rebuild does only what changed. Two
/// files of this format: what the check pass learnt of the content (per content folder, so that a
/// build into a new folder need not parse a file twice) and what was written (per output folder):
/// - the customer file's signature (`FileSignature`: device, inode, size, mtime and ctime) and the
///   SHA-256 of its bytes: a file whose signature is unchanged is not read at all, one whose
///   signature moved but whose bytes hash the same is not parsed;
/// - the ids the cross-file check needs (`ContentIndex.Keys`), so an unchanged file is checked
///   against the others without being parsed;
/// - the invoice documents the file names, so that an unchanged file's documents are found and
///   stamped again (size, mtime, inode) without parsing it;
/// - a fingerprint of everything the customer's files were made from (the file's bytes and its
///   documents' stamps, the ledger's activity, the templates, texts, configuration, day and program)
///   and the paths of those files (page, statement, documents): a customer whose fingerprint matches
///   and whose files are all still on disk is neither rendered nor written.
///
/// The check results count only under the same `checkKey` (the program and the configuration, which
/// decide what a valid file is). The file is binary, with a SHA-256 of its contents at the end: one
/// that is missing, truncated, corrupt or from another version is ignored (the build does all the work
/// and writes a new one), so a lost cache only costs time. Kept beside the ledger
/// (`.customer-center/build-cache/`), never in the output folder: it names customers and their page
/// paths, which are as secret as the links.
struct BuildCache: Sendable {
    /// A SHA-256 held in four words, not as an array: the cache holds two per customer for the whole
    /// build (100,000 at merchant scale), and the memory target is tight.
    struct Digest: Sendable, Hashable {
        var words: (UInt64, UInt64, UInt64, UInt64)

        init(_ digest: [UInt8]) {
            self.init(digest[...])
        }

        /// The digest of the 32 bytes in `digest` (zero words where it is shorter).
        init(_ digest: ArraySlice<UInt8>) {
            func word(_ index: Int) -> UInt64 {
                let start = digest.startIndex + index * 8
                guard digest.count >= index * 8 + 8 else { return 0 }
                var value: UInt64 = 0
                for offset in 0..<8 { value = value << 8 | UInt64(digest[start + offset]) }
                return value
            }
            words = (word(0), word(1), word(2), word(3))
        }

        /// The 32 bytes, most significant first.
        var bytes: [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(32)
            append(to: &bytes)
            return bytes
        }

        /// Appends `bytes` without making the array (two per customer in every cache written).
        func append(to bytes: inout [UInt8]) {
            for word in [words.0, words.1, words.2, words.3] {
                withUnsafeBytes(of: word.bigEndian) { bytes.append(contentsOf: $0) }
            }
        }

        static func == (lhs: Digest, rhs: Digest) -> Bool { lhs.words == rhs.words }

        func hash(into hasher: inout Hasher) {
            hasher.combine(words.0); hasher.combine(words.1); hasher.combine(words.2); hasher.combine(words.3)
        }
    }

    /// What the last build recorded for one customer: the check fields in a check cache, the page
    /// fields in a page cache (the others empty).
    struct Entry: Sendable, Equatable {
        /// The file's signature when it was read; nil when it could not be taken.
        var signature: FileSignature?
        /// Whether the signature vouches for the bytes: false when the file had changed moments
        /// before it was read (`FileSignature.changed(since:)`), so the next build hashes it again.
        var trusted: Bool
        /// SHA-256 of the file's bytes.
        var fileHash: Digest
        /// The ids the cross-file check needs.
        var keys: ContentIndex.Keys
        /// The invoice documents the file names, as it names them (relative to the content folder).
        var documents: [String]
        /// The fingerprint of the customer's inputs.
        var fingerprint: Digest
        /// The customer's files, relative to the output folder, the page first.
        var paths: [String]

        /// A check cache's entry.
        init(signature: FileSignature?, trusted: Bool, fileHash: Digest, keys: ContentIndex.Keys, documents: [String]) {
            self.init(signature: signature, trusted: trusted, fileHash: fileHash, keys: keys, documents: documents,
                      fingerprint: Digest([]), paths: [])
        }

        /// A page cache's entry; `folder`: the signature of the customer's folder holding exactly
        /// `paths`, which vouches for them when `trusted` (`SiteBuilder.renderChunk`).
        init(fingerprint: Digest, paths: [String], folder: FileSignature? = nil, trusted: Bool = false) {
            self.init(signature: folder, trusted: trusted, fileHash: Digest([]), keys: ContentIndex.Keys(hashes: [], accountCount: 0),
                      documents: [], fingerprint: fingerprint, paths: paths)
        }

        init(signature: FileSignature?, trusted: Bool, fileHash: Digest, keys: ContentIndex.Keys, documents: [String],
             fingerprint: Digest, paths: [String]) {
            self.signature = signature
            self.trusted = trusted
            self.fileHash = fileHash
            self.keys = keys
            self.documents = documents
            self.fingerprint = fingerprint
            self.paths = paths
        }
    }

    /// The key of page caches: whether a page is current is all in its fingerprint.
    static let pagesKey = Digest(SHA256.hash(Array("customer-center page cache".utf8)))

    static let magic = Array("customer-center build cache v3\n".utf8)

    let path: String
    /// The program and configuration the entries were checked under.
    let checkKey: Digest
    /// The file as read; entries are decoded from it on demand, so a cache of 100,000 customers
    /// costs one allocation until it is used.
    private let bytes: [UInt8]
    /// Where each customer's entry starts in `bytes`, by customer id.
    private let offsets: [String: Int]

    /// An empty cache (a cold build) that would be saved at `path`.
    init(path: String, checkKey: Digest) {
        self.path = path
        self.checkKey = checkKey
        bytes = []
        offsets = [:]
    }

    private init(path: String, checkKey: Digest, bytes: [UInt8], offsets: [String: Int]) {
        self.path = path
        self.checkKey = checkKey
        self.bytes = bytes
        self.offsets = offsets
    }

    /// Customers with an entry.
    var count: Int { offsets.count }

    /// The cache at `path` if it was written under `checkKey`; empty when missing, unreadable, corrupt,
    /// of another version or key.
    static func load(path: String, checkKey: Digest) -> BuildCache {
        let empty = BuildCache(path: path, checkKey: checkKey)
        guard let data = FileManager.default.contents(atPath: path) else { return empty }
        let bytes = [UInt8](data)
        // Magic, key, count, at least the checksum.
        guard bytes.count >= magic.count + 32 + 8 + 32, Array(bytes[0..<magic.count]) == magic else { return empty }
        let body = bytes[0 ..< bytes.count - 32]
        guard SHA256.hash(body) == Array(bytes[(bytes.count - 32)...]) else { return empty }
        var reader = ByteReader(bytes: bytes, offset: magic.count, end: bytes.count - 32)
        guard let key = reader.digest(), key == checkKey, let count = reader.uint64(), count <= UInt64(bytes.count) else { return empty }
        var offsets: [String: Int] = [:]
        offsets.reserveCapacity(Int(count))
        for _ in 0 ..< Int(count) {
            let start = reader.offset
            guard let id = reader.string(), reader.skipEntry(), offsets[id] == nil else { return empty }
            offsets[id] = start
        }
        guard reader.offset == reader.end else { return empty }
        return BuildCache(path: path, checkKey: checkKey, bytes: bytes, offsets: offsets)
    }

    /// The entry of customer `id`, if the last build recorded one.
    func entry(for id: String) -> Entry? {
        guard let offset = offsets[id] else { return nil }
        var reader = ByteReader(bytes: bytes, offset: offset, end: bytes.count - 32)
        _ = reader.string()
        return reader.entry()
    }

    /// The paths of customer `id`'s files (the page first) if they were made from inputs of exactly
    /// `fingerprint`.
    func files(for id: String, fingerprint: Digest) -> [String]? {
        pageEntry(for: id, fingerprint: fingerprint)?.paths
    }

    /// Customer `id`'s page-cache entry if its files were made from inputs of exactly `fingerprint`:
    /// their paths, and in `signature` (with `trusted`) the signature of the customer's folder after
    /// the build that wrote them.
    func pageEntry(for id: String, fingerprint: Digest) -> Entry? {
        guard let entry = entry(for: id), entry.fingerprint == fingerprint, !entry.paths.isEmpty else { return nil }
        return entry
    }

    /// The file's bytes, to tell whether a new cache differs from this one.
    var fileBytes: [UInt8] { bytes }

    /// Builds a new cache file, one customer at a time in build order.
    struct Writer {
        let path: String
        private var bytes: [UInt8]
        private var count: UInt64 = 0

        init(path: String, checkKey: Digest) {
            self.path = path
            bytes = BuildCache.magic + checkKey.bytes + [UInt8](repeating: 0, count: 8)
        }

        mutating func append(id: String, _ entry: Entry) {
            bytes.appendString(id)
            bytes.appendUInt8(entry.signature == nil ? 0 : 1)
            for field in entry.signature?.fields ?? [Int64](repeating: 0, count: 7) { bytes.appendUInt64(UInt64(bitPattern: field)) }
            bytes.appendUInt8(entry.trusted ? 1 : 0)
            entry.fileHash.append(to: &bytes)
            entry.fingerprint.append(to: &bytes)
            bytes.appendStrings(entry.paths)
            bytes.appendStrings(entry.documents)
            bytes.appendUInt32(UInt32(entry.keys.accountCount))
            bytes.appendUInt32(UInt32(entry.keys.hashes.count))
            for key in entry.keys.hashes { bytes.appendUInt64(key) }
            count += 1
        }

        /// Writes the file atomically (a crash leaves the old one, which only costs time) unless it
        /// would hold exactly the bytes of `previous`: the count filled in and the checksum after the
        /// entries. Finished in place and emptied after, with no copy: at 100,000 customers a cache
        /// is tens of megabytes, and copying it to append the checksum, then into `Data`, put two more
        /// of it on the build's peak memory.
        mutating func save(unlessEqualTo previous: BuildCache) throws {
            defer { bytes = [] }
            let at = BuildCache.magic.count + 32
            for index in 0..<8 { bytes[at + index] = UInt8(truncatingIfNeeded: count >> (8 * index)) }
            let checksum = SHA256.hash(bytes)
            let old = previous.fileBytes
            if old.count == bytes.count + 32, old[bytes.count...].elementsEqual(checksum), old[..<bytes.count].elementsEqual(bytes) { return }
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try BuildCache.writeAtomically([bytes, checksum], to: path)
        }
    }

    /// Writes `parts` one after the other to a new file beside `path`, then renames it over `path`.
    static func writeAtomically(_ parts: [[UInt8]], to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CacheWriteError(path: temporary, reason: String(cString: strerror(errno))) }
        var failure: String?
        for part in parts where failure == nil {
            var offset = 0
            while offset < part.count {
                let written = part.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, part.count - offset) }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { failure = String(cString: strerror(errno)); break }
                offset += written
            }
        }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw CacheWriteError(path: path, reason: failure)
        }
    }

    /// A cache file that could not be written (the build warns; only speed is lost).
    struct CacheWriteError: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "\(path): \(reason)" }
    }

    /// The fingerprint of one customer's inputs; `fileHash` is the SHA-256 of the customer's file
    /// with its documents' stamps (`CheckedFile.inputHash`).
    static func fingerprint(global: [UInt8], file fileHash: Digest, activity: String) -> Digest {
        Digest(SHA256.hash(global + fileHash.bytes + Array(activity.utf8)))
    }
}

/// Reads the cache's little-endian fields, refusing to run past `end`.
private struct ByteReader {
    let bytes: [UInt8]
    var offset: Int
    let end: Int

    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, end - offset >= count else { return nil }
        defer { offset += count }
        return bytes[offset ..< offset + count]
    }

    mutating func uint8() -> UInt8? { take(1)?.first }

    mutating func uint32() -> UInt32? {
        take(4).map { $0.reversed().reduce(0) { $0 << 8 | UInt32($1) } }
    }

    mutating func uint64() -> UInt64? {
        take(8).map { $0.reversed().reduce(0) { $0 << 8 | UInt64($1) } }
    }

    mutating func digest() -> BuildCache.Digest? { take(32).map { BuildCache.Digest($0) } }

    mutating func string() -> String? {
        guard let length = uint32(), let bytes = take(Int(length)) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// A count and that many strings.
    mutating func strings() -> [String]? {
        guard let count = uint32(), Int(count) <= (end - offset) / 4 else { return nil }
        var result: [String] = []
        result.reserveCapacity(Int(count))
        for _ in 0 ..< Int(count) {
            guard let text = string() else { return nil }
            result.append(text)
        }
        return result
    }

    mutating func skipStrings() -> Bool {
        guard let count = uint32(), Int(count) <= (end - offset) / 4 else { return false }
        for _ in 0 ..< Int(count) {
            guard let length = uint32(), take(Int(length)) != nil else { return false }
        }
        return true
    }

    mutating func entry() -> BuildCache.Entry? {
        guard let hasSignature = uint8() else { return nil }
        var fields: [Int64] = []
        for _ in 0..<7 {
            guard let field = uint64() else { return nil }
            fields.append(Int64(bitPattern: field))
        }
        guard let trusted = uint8(), let fileHash = digest(), let fingerprint = digest(), let paths = strings(), let documents = strings(),
              let accountCount = uint32(), let keyCount = uint32(), accountCount <= keyCount,
              Int(keyCount) <= (end - offset) / 8 else { return nil }
        var hashes: [UInt64] = []
        hashes.reserveCapacity(Int(keyCount))
        for _ in 0 ..< Int(keyCount) {
            guard let key = uint64() else { return nil }
            hashes.append(key)
        }
        return BuildCache.Entry(signature: hasSignature == 1 ? FileSignature(fields: fields) : nil, trusted: trusted == 1,
                                fileHash: fileHash, keys: ContentIndex.Keys(hashes: hashes, accountCount: Int(accountCount)),
                                documents: documents, fingerprint: fingerprint, paths: paths)
    }

    /// Steps over one entry (after its id), checking only that it fits: loading decodes no entry.
    mutating func skipEntry() -> Bool {
        // Signature flag and fields, trust flag, file hash, fingerprint.
        guard take(1 + 7 * 8 + 1 + 32 + 32) != nil, skipStrings(), skipStrings(),
              let accountCount = uint32(), let keyCount = uint32(), accountCount <= keyCount else { return false }
        return take(Int(keyCount) * 8) != nil
    }
}

private extension [UInt8] {
    mutating func appendUInt8(_ value: UInt8) { append(value) }

    mutating func appendUInt32(_ value: UInt32) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    mutating func appendUInt64(_ value: UInt64) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    mutating func appendString(_ text: String) {
        appendUInt32(UInt32(text.utf8.count))
        append(contentsOf: text.utf8)
    }

    mutating func appendStrings(_ texts: [String]) {
        appendUInt32(UInt32(texts.count))
        for text in texts { appendString(text) }
    }
}

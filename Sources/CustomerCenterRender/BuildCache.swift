import CustomerCenterSigning
import Foundation

/// What the last build wrote for each customer: a fingerprint of everything the files were made from
/// (the customer file's bytes and its invoice documents' stamps, the ledger's activity, the
/// templates, texts, configuration, day and program) and the paths of the files (page, statement,
/// documents). A rebuild skips a customer whose fingerprint matches and whose files are all still on
/// disk: no parsing, no rendering, no write.
///
/// Kept beside the ledger (`.customer-center/`), never in the output folder: it names customers and
/// their page paths, which are as secret as the links.
struct BuildCache: Sendable {
    struct Entry: Sendable, Equatable {
        var fingerprint: Fingerprint
        /// The customer's files, the page first.
        var paths: [String]
    }

    /// The first line of the file; a cache of another version is not read (a cold build).
    static let header = "customer-center build cache v2"

    /// A SHA-256 held in four words, not as 64 hex characters: the cache holds one per customer for
    /// the whole build (100,000 at merchant scale), and the memory target is tight.
    struct Fingerprint: Sendable, Hashable {
        var words: (UInt64, UInt64, UInt64, UInt64)

        init(_ digest: [UInt8]) {
            func word(_ index: Int) -> UInt64 {
                digest[index * 8 ..< index * 8 + 8].reduce(0) { $0 << 8 | UInt64($1) }
            }
            words = (word(0), word(1), word(2), word(3))
        }

        init?(hex: Substring) {
            guard let digest = ByteEncoding.bytes(hex: String(hex)), digest.count == 32 else { return nil }
            self.init(digest)
        }

        var hex: String {
            ByteEncoding.hex([words.0, words.1, words.2, words.3].flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (56 - 8 * $0)) } })
        }

        static func == (lhs: Fingerprint, rhs: Fingerprint) -> Bool { lhs.words == rhs.words }

        func hash(into hasher: inout Hasher) {
            hasher.combine(words.0); hasher.combine(words.1); hasher.combine(words.2); hasher.combine(words.3)
        }
    }

    let path: String
    var entries: [String: Entry] = [:]

    /// The cache at `path`; empty when missing or unreadable (a cold build).
    static func load(path: String) -> BuildCache {
        var cache = BuildCache(path: path)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return cache }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.first.map(String.init) == header else { return cache }
        lines.removeFirst()
        cache.entries.reserveCapacity(lines.count)
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 3, let fingerprint = Fingerprint(hex: fields[1]) else { continue }
            cache.entries[String(fields[0])] = Entry(fingerprint: fingerprint, paths: fields.dropFirst(2).map(String.init))
        }
        return cache
    }

    /// Writes the cache atomically (a crash leaves the old one, which only costs a full render).
    func save() throws {
        var text = BuildCache.header + "\n"
        text.reserveCapacity(entries.count * 96)
        for (id, entry) in entries.sorted(by: { $0.key < $1.key }) {
            text += id + "\t" + entry.fingerprint.hex + "\t" + entry.paths.joined(separator: "\t") + "\n"
        }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The fingerprint of one page's inputs; `fileHash` is the SHA-256 of the customer's file.
    static func fingerprint(global: [UInt8], file fileHash: [UInt8], activity: String) -> Fingerprint {
        Fingerprint(SHA256.hash(global + fileHash + Array(activity.utf8)))
    }
}

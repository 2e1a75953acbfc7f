import Foundation

/// The page cache's entries of the customers just rendered or checked, each with the signature of
/// the customer's folder taken once its files are written: the next build trusts a folder whose
/// signature is unchanged to still hold exactly those files (`SiteBuilder.renderChunk`).
///
/// A signature vouches only when taken at least a second after the folder last changed: file system
/// times are coarse (a few milliseconds on ext4, more on some network file systems), so a change in
/// the same tick as the last write would leave it as it was (the check pass's rule for customer
/// files). Entries wait here until their folders are a second old, a few chunks at most; those of
/// the last second are kept without a vouching signature, and the next build checks their files one
/// by one and vouches for them then.
struct FolderSignatures {
    let root: String
    private var waiting: [(id: String, entry: BuildCache.Entry, folder: String?, written: Int64)] = []

    init(root: String) {
        self.root = root
    }

    /// `c/<token>` when every one of `paths` lies directly in that one folder; nil otherwise (a
    /// customer with invoice documents: a change in `documents/` does not move its parent's times).
    static func folder(holding paths: [String]) -> String? {
        guard let first = paths.first, let slash = first.utf8.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        let folder = String(first[..<slash])
        let prefix = folder + "/"
        let direct = paths.allSatisfy { $0.hasPrefix(prefix) && !$0.utf8.dropFirst(prefix.utf8.count).contains(UInt8(ascii: "/")) }
        return direct && !folder.isEmpty ? folder : nil
    }

    /// Records customer `id`'s entry; `vouched`: the folder's recorded signature, found unchanged
    /// in this build (kept as it is).
    mutating func add(id: String, fingerprint: BuildCache.Digest, paths: [String], vouched: FileSignature?) {
        let entry = BuildCache.Entry(fingerprint: fingerprint, paths: paths, folder: vouched, trusted: vouched != nil)
        waiting.append((id, entry, vouched == nil && !paths.isEmpty ? FolderSignatures.folder(holding: paths) : nil, FolderSignatures.now()))
    }

    /// Appends the waiting entries to `writer`, in order: with `olderThanOneSecond`, only as far as
    /// those recorded a second ago; each folder's signature taken now.
    mutating func flush(into writer: inout BuildCache.Writer, olderThanOneSecond: Bool) {
        let now = FolderSignatures.now()
        var taken = 0
        for item in waiting {
            if olderThanOneSecond, now - item.written < 1_000_000_000 { break }
            var entry = item.entry
            if let folder = item.folder, let signature = FileSignature.ofFolder(path: root + "/" + folder) {
                entry.signature = signature
                entry.trusted = !signature.changed(sinceNanoseconds: now - 1_000_000_000)
            }
            writer.append(id: item.id, entry)
            taken += 1
        }
        waiting.removeFirst(taken)
    }

    private static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1e9) }
}

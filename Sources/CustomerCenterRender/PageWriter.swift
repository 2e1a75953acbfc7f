#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Foundation

/// Writes the site's files safely for readers and cheaply for deploys.
///
/// - Atomic: an existing file is replaced by a temporary file renamed over it, so a web server or a
///   sync never sees half a page. Temporary files are written in the staging folder, outside the
///   published tree where it can be (`PageWriter+TemporaryFiles.swift`). A file that does not exist
///   yet is written in place (nobody can be reading it), which saves a cold build a rename per page.
/// - Skip unchanged: a file whose bytes are already on disk is not touched (same mtime), so a deploy
///   uploads only what changed and a re-run writes nothing.
/// - Sweep: after a full build, files the build did not produce (pages of customers who left, pages
///   under a rotated token, old assets) are removed.
public final class PageWriter: @unchecked Sendable {
    /// What happened to one file.
    public enum Outcome: Sendable, Equatable { case written, unchanged }

    /// The output folder.
    public let root: String
    /// Where replacement files are written before they are renamed into place: beside the output
    /// folder when possible, else inside it (`PageWriter.stagingFolder(for:)`).
    public let stagingFolder: String
    /// Marks a folder as this tool's output, so that sweeping never deletes a stranger's files.
    public static let markerName = ".customer-center-site"

    private let lock = NSLock()
    private var produced: Set<String> = []
    private var keptFolders: Set<String> = []
    private var temporaryCounter = 0
    /// Files in the staging folder that hold a page's old bytes after a replacement, to be overwritten
    /// by the next one (`replace`) until `releaseSpares`. Guarded by `lock`.
    private var spares: [String] = []
    /// Whether replacements exchange a spare with the page (`renameat2` with `RENAME_EXCHANGE`): only
    /// with the staging folder beside the output folder, never inside it, where a publish could copy
    /// a spare's old bytes. Cleared when the file system refuses the exchange. Guarded by `lock`.
    private var exchanges: Bool

    /// A writer into `root`, which is created if missing. A non-empty folder that this tool did not
    /// create is refused, since a full build removes every file it did not produce.
    public init(root: String) throws(RenderError) {
        var trimmed = root
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(atPath: trimmed, withIntermediateDirectories: true)
        } catch {
            throw RenderError(file: trimmed, reason: "cannot create the output folder (\(error.localizedDescription))")
        }
        let entries = (try? fileManager.contentsOfDirectory(atPath: trimmed)) ?? []
        let foreign = entries.filter { $0 != ".gitignore" && $0 != ".gitkeep" && $0 != PageWriter.innerStagingName }
        if !foreign.isEmpty, !entries.contains(PageWriter.markerName) {
            throw RenderError(file: trimmed, reason: "the output folder holds files that customer-center did not write; choose an empty folder (a build removes files it did not produce)")
        }
        stagingFolder = try PageWriter.stagingFolder(for: trimmed)
        exchanges = PageWriter.renameExchange != nil && !stagingFolder.hasPrefix(trimmed + "/")
    }

    deinit {
        releaseSpares()
    }

    /// Removes the spares (`replace`): at the end of a build, and when a receiver or command that
    /// regenerates pages stops (`PageRegenerator.releaseSpares`), so that none stays beside the site
    /// once the writing is done and none outlives its process (objects alive at exit are not
    /// deinitialized). The next replacement starts a new one.
    public func releaseSpares() {
        lock.lock()
        let released = spares
        spares.removeAll()
        lock.unlock()
        for spare in released { unlink(spare) }
    }

    /// Files produced so far (relative paths).
    public var producedPaths: Set<String> {
        lock.lock(); defer { lock.unlock() }
        return produced
    }

    /// Records that `relativePath` belongs to this build although it was not written (the build cache
    /// found it current), so that `sweep` keeps it.
    public func keep(_ relativePath: String) {
        lock.lock()
        produced.insert(relativePath)
        lock.unlock()
    }

    /// Records that the folder `relativePath` holds exactly files of this build (its signature says
    /// nothing in it changed since a build that wrote them): `sweep` leaves it without listing it.
    func keepFolder(_ relativePath: String) {
        lock.lock()
        keptFolders.insert(relativePath)
        lock.unlock()
    }

    /// Whether `relativePath` exists in the output folder.
    public func exists(_ relativePath: String) -> Bool {
        access(root + "/" + relativePath, F_OK) == 0
    }

    /// Writes `bytes` to `relativePath` unless the file already holds exactly them.
    @discardableResult
    public func write(_ bytes: [UInt8], to relativePath: String) throws(RenderError) -> Outcome {
        lock.lock()
        produced.insert(relativePath)
        lock.unlock()
        let path = root + "/" + relativePath
        // In a folder made just now no file can be yet: a cold build writes each page with the
        // system calls of the benchmark's ceiling (mkdir, open, write, close) and nothing else.
        let folderIsNew = try ensureFolder(of: relativePath)
        let comparison = folderIsNew ? .missing : PageWriter.compare(path, bytes)
        switch comparison {
        case .same:
            return .unchanged
        case .missing:
            // Nobody can be reading a page that does not exist yet, so it is written in place: a cold
            // build saves a rename per file. A crash mid-write leaves a short file that the next build
            // finds different and replaces (the build cache is saved only after a complete build).
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 {
                if let reason = PageWriter.writeAll(bytes, to: descriptor) {
                    unlink(path)
                    throw RenderError(file: path, reason: "cannot write (\(reason))")
                }
                return .written
            }
            guard errno == EEXIST else {
                throw RenderError(file: path, reason: "cannot write (\(String(cString: strerror(errno))))")
            }
            // Written meanwhile by another writer (the receiver): compared, and replaced if different.
            if PageWriter.compare(path, bytes) == .same { return .unchanged }
        case .different:
            break
        }
        return try replace(path, with: bytes)
    }

    /// Replaces the existing file at `path` atomically: the bytes go to a file in the staging folder,
    /// which then takes the page's place in one step.
    ///
    /// That file is a spare when there is one: a file left by an earlier replacement, overwritten in
    /// place, then exchanged with the page (`RENAME_EXCHANGE`), so that it holds the page's old bytes
    /// and is the spare of the next replacement. A rename over the page instead frees the old page's
    /// inode and the next replacement creates one, and on this ext4 (no journal) creating an inode
    /// soon after others were freed scans for one not recently deleted: a third of the receiver's
    /// page regeneration, at three files per page. Without a spare (the first replacement, or the
    /// staging folder inside the output folder) it is a new temporary file.
    private func replace(_ path: String, with bytes: [UInt8]) throws(RenderError) -> Outcome {
        lock.lock()
        let exchanging = exchanges
        let temporary: String
        if exchanging, let spare = spares.popLast() {
            temporary = spare
        } else {
            temporaryCounter += 1
            temporary = stagingFolder + "/" + PageWriter.temporaryName(counter: temporaryCounter, for: exchanging ? "spare" : path)
        }
        lock.unlock()
        // No O_TRUNC: a spare's blocks are overwritten and its tail cut, rather than freed and allocated again.
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        if descriptor < 0, errno == ENOENT, PageWriter.makeFolder(stagingFolder) {
            // The staging folder was removed while this process runs (a clean-up by hand): made again.
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else {
            throw RenderError(file: path, reason: "cannot write (\(String(cString: strerror(errno))))")
        }
        if let reason = PageWriter.writeAll(bytes, to: descriptor, truncating: true) {
            unlink(temporary)
            throw RenderError(file: path, reason: "cannot write (\(reason))")
        }
        if exchanging, let exchange = PageWriter.renameExchange {
            if exchange(AT_FDCWD, temporary, AT_FDCWD, path, PageWriter.renameExchangeFlag) == 0 {
                lock.lock()
                spares.append(temporary)
                lock.unlock()
                return .written
            }
            // Not supported here (EINVAL): rename from now on. Gone meanwhile (ENOENT): renamed into place.
            if errno == EINVAL || errno == ENOSYS {
                lock.lock()
                exchanges = false
                lock.unlock()
            }
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw RenderError(file: path, reason: "cannot move the new file into place (\(reason))")
        }
        return .written
    }

    /// `renameat2(2)`, which Glibc's Swift module does not declare (a GNU extension); nil where the C
    /// library lacks it, and replacements rename.
    private static let renameExchange: RenameAt2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// `RENAME_EXCHANGE` of `<stdio.h>`: swap the two names atomically.
    private static let renameExchangeFlag: UInt32 = 1 << 1

    /// Writes all of `bytes` and closes `descriptor` (with `truncating`, cuts the file after them: a
    /// spare may hold longer bytes); the system's reason when that failed.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, truncating: Bool = false) -> String? {
        defer { close(descriptor) }
        if truncating, ftruncate(descriptor, off_t(bytes.count)) != 0 { return String(cString: strerror(errno)) }
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += count
        }
        return nil
    }

    /// Writes UTF-8 text to `relativePath`.
    @discardableResult
    public func write(_ text: String, to relativePath: String) throws(RenderError) -> Outcome {
        try write(Array(text.utf8), to: relativePath)
    }

    /// Removes a folder under the root with everything in it (links removed, never followed): a
    /// customer's old `c/<token>` after a rotation, page, statement and documents together. False when
    /// there was none.
    @discardableResult
    public func removeFolder(_ relativePath: String) throws(RenderError) -> Bool {
        let path = root + "/" + relativePath
        guard !relativePath.isEmpty, !relativePath.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else {
            throw RenderError(file: path, reason: "not a folder inside the output folder")
        }
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno == ENOENT { return false }
            throw RenderError(file: path, reason: "cannot remove (\(String(cString: strerror(errno))))")
        }
        do { try FileManager.default.removeItem(atPath: path) } catch {
            throw RenderError(file: path, reason: "cannot remove (\(error.localizedDescription))")
        }
        return true
    }

    /// Removes every file under the root that was not produced in this run (except `.gitignore`),
    /// and folders left empty. Returns the removed files' relative paths.
    public func sweep() throws(RenderError) -> [String] {
        let keep = producedPaths.union([".gitignore", ".gitkeep", PageWriter.markerName])
        var removed: [String] = []
        lock.lock()
        let folders = keptFolders
        lock.unlock()
        _ = try sweep(folder: "", keeping: keep, keptFolders: folders, removed: &removed)
        return removed.sorted()
    }

    /// Walks `folder` (relative; "" is the root) with `readdir` and its entry types: `FileManager`'s
    /// enumerator took a second for a tree of 100,000 pages, most of a no-change rebuild. Subfolders
    /// left empty are removed, deepest first; true when `folder` itself is empty now. (Trying `rmdir`
    /// on every folder was most of the walk's time at 100,000 customers, each failing on a full one.)
    private func sweep(folder: String, keeping keep: Set<String>, keptFolders: Set<String>, removed: inout [String]) throws(RenderError) -> Bool {
        guard let directory = opendir(folder.isEmpty ? root : root + "/" + folder) else { return false }
        defer { closedir(directory) }
        var remaining = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != ".." else { continue }
            let relative = folder.isEmpty ? name : folder + "/" + name
            // Other writers' replacements may be in flight there; strays are removed by their own rule.
            if relative == PageWriter.innerStagingName || keptFolders.contains(relative) { remaining += 1; continue }
            let path = root + "/" + relative
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) || type == Int32(DT_LNK) {
                // A link counts as what it points to (a dangling one is left alone); some file systems give no type.
                var info = stat()
                guard stat(path, &info) == 0 else { remaining += 1; continue }
                if (info.st_mode & S_IFMT) == S_IFDIR {
                    if type == Int32(DT_LNK) { remaining += 1; continue }   // not followed
                    type = Int32(DT_DIR)
                } else {
                    type = Int32(DT_REG)
                }
            }
            if type == Int32(DT_DIR) {
                // rmdir can still fail: something was put there meanwhile.
                if try !sweep(folder: relative, keeping: keep, keptFolders: keptFolders, removed: &removed) || rmdir(path) != 0 { remaining += 1 }
            } else if !keep.contains(relative) {
                guard unlink(path) == 0 else {
                    throw RenderError(file: path, reason: "cannot remove a stale file (\(String(cString: strerror(errno))))")
                }
                removed.append(relative)
            } else {
                remaining += 1
            }
        }
        return remaining == 0
    }

    /// Makes the folder of `relativePath` when it is missing; true when this call made it. One `mkdir`
    /// (`FileManager` took a tenth of a cold build's time here), and its parents only when they are missing too.
    private func ensureFolder(of relativePath: String) throws(RenderError) -> Bool {
        guard let slash = relativePath.utf8.lastIndex(of: UInt8(ascii: "/")) else { return false }
        let path = root + "/" + relativePath[..<slash]
        if mkdir(path, 0o755) == 0 { return true }
        // An existing folder; or a file in its place, which the write that follows names.
        if errno == EEXIST { return false }
        guard errno == ENOENT else {
            throw RenderError(file: path, reason: "cannot create folder (\(String(cString: strerror(errno))))")
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw RenderError(file: path, reason: "cannot create folder (\(error.localizedDescription))")
        }
        return true
    }

    enum Comparison { case same, different, missing }

    /// Whether the file at `path` holds exactly `bytes`, holds something else, or does not exist.
    static func compare(_ path: String, _ bytes: [UInt8]) -> Comparison {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ENOENT ? .missing : .different }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, Int(info.st_size) == bytes.count else { return .different }
        var existing = [UInt8](repeating: 0, count: bytes.count)
        var offset = 0
        while offset < bytes.count {
            let count = existing.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return .different }
            offset += count
        }
        return existing == bytes ? .same : .different
    }
}

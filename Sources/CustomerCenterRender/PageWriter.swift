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
    private var createdFolders: Set<String> = []
    private var temporaryCounter = 0

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
        switch PageWriter.compare(path, bytes) {
        case .same:
            return .unchanged
        case .missing:
            // Nobody can be reading a page that does not exist yet, so it is written in place: a cold
            // build saves a rename per file. A crash mid-write leaves a short file that the next build
            // finds different and replaces (the build cache is saved only after a complete build).
            try ensureFolder(of: relativePath)
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
        case .different:
            break
        }
        // An existing page is replaced atomically: bytes go to a temporary file that is renamed over it.
        try ensureFolder(of: relativePath)
        lock.lock()
        temporaryCounter += 1
        let counter = temporaryCounter
        lock.unlock()
        let temporary = stagingFolder + "/" + PageWriter.temporaryName(counter: counter, for: path)
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0, errno == ENOENT, PageWriter.makeFolder(stagingFolder) {
            // The staging folder was removed while this process runs (a clean-up by hand): made again.
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else {
            throw RenderError(file: path, reason: "cannot write (\(String(cString: strerror(errno))))")
        }
        if let reason = PageWriter.writeAll(bytes, to: descriptor) {
            unlink(temporary)
            throw RenderError(file: path, reason: "cannot write (\(reason))")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw RenderError(file: path, reason: "cannot move the new file into place (\(reason))")
        }
        return .written
    }

    /// Writes all of `bytes` and closes `descriptor`; the system's reason when that failed.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> String? {
        defer { close(descriptor) }
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

    /// Removes the file `relativePath` and its folder when that is left empty (a rotated link's old
    /// page, at once rather than at the next build's sweep). Returns false when there was no such file.
    @discardableResult
    public func remove(_ relativePath: String) throws(RenderError) -> Bool {
        let path = root + "/" + relativePath
        guard unlink(path) == 0 else {
            if errno == ENOENT { return false }
            throw RenderError(file: path, reason: "cannot remove (\(String(cString: strerror(errno))))")
        }
        // Fails harmlessly when something else is still in the folder.
        rmdir((path as NSString).deletingLastPathComponent)
        return true
    }

    /// Removes a folder under the root with everything in it (links removed, never followed): a
    /// customer's old `c/<token>` after a rotation, page, statement and documents together. False when
    /// there was none.
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
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(atPath: root) else { return [] }
        var folders: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative == PageWriter.innerStagingName {
                // Other writers' replacements may be in flight there; strays are removed by their own rule.
                enumerator.skipDescendants()
                continue
            }
            let path = root + "/" + relative
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                folders.append(relative)
            } else if !keep.contains(relative) {
                guard unlink(path) == 0 else {
                    throw RenderError(file: path, reason: "cannot remove a stale file (\(String(cString: strerror(errno))))")
                }
                removed.append(relative)
            }
        }
        // Deepest first, so a folder emptied of its subfolders goes too; rmdir fails harmlessly on non-empty ones.
        for folder in folders.sorted(by: { $0.count > $1.count }) {
            rmdir(root + "/" + folder)
        }
        return removed.sorted()
    }

    private func ensureFolder(of relativePath: String) throws(RenderError) {
        let folder = (relativePath as NSString).deletingLastPathComponent
        guard !folder.isEmpty else { return }
        lock.lock()
        let known = createdFolders.contains(folder)
        lock.unlock()
        if known { return }
        do {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        } catch {
            throw RenderError(file: root + "/" + folder, reason: "cannot create folder (\(error.localizedDescription))")
        }
        lock.lock()
        createdFolders.insert(folder)
        lock.unlock()
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

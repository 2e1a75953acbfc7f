#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// What the file system says about a file without reading it: device, inode, size, and the times of
/// the last change of its bytes (mtime) and of its inode (ctime), to the nanosecond.
///
/// The build cache skips a customer file whose signature is unchanged since the last build. An
/// edit that restores the size and the mtime (`touch -r`, an editor keeping times) still moves the
/// ctime, which no program can set back; a file replaced by another (a re-import, `mv`) has a new
/// inode. Whatever differs sends the file to its content hash, which decides.
struct FileSignature: Sendable, Equatable {
    var device: Int64
    var inode: Int64
    var size: Int64
    var modifiedSeconds: Int64
    var modifiedNanoseconds: Int64
    var changedSeconds: Int64
    var changedNanoseconds: Int64

    /// The signature of the file at `path`; nil when it cannot be stat'ed (the read that follows names the problem).
    static func of(path: String) -> FileSignature? {
        of(path: path, type: S_IFREG)
    }

    /// The signature of the folder at `path`: its mtime and ctime move whenever an entry is added,
    /// removed or renamed in it. Nil when it is not a folder.
    static func ofFolder(path: String) -> FileSignature? {
        of(path: path, type: S_IFDIR)
    }

    /// The signature of what is at `path` if it is of `type` (`S_IFREG`, `S_IFDIR`).
    private static func of(path: String, type: mode_t) -> FileSignature? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == type else { return nil }
        return FileSignature(device: Int64(bitPattern: UInt64(info.st_dev)), inode: Int64(bitPattern: UInt64(info.st_ino)),
                             size: Int64(info.st_size),
                             modifiedSeconds: Int64(info.st_mtim.tv_sec), modifiedNanoseconds: Int64(info.st_mtim.tv_nsec),
                             changedSeconds: Int64(info.st_ctim.tv_sec), changedNanoseconds: Int64(info.st_ctim.tv_nsec))
    }

    /// Whether the file changed at or after `nanoseconds` since 1970. Such a signature cannot vouch for
    /// the bytes: file system times are coarse (a few milliseconds on ext4), so a second edit in the
    /// same tick as the one seen would leave every field as it was ("racily clean", as git calls it).
    func changed(sinceNanoseconds nanoseconds: Int64) -> Bool {
        max(modifiedSeconds &* 1_000_000_000 &+ modifiedNanoseconds, changedSeconds &* 1_000_000_000 &+ changedNanoseconds) >= nanoseconds
    }

    /// The seven fields in a fixed order, for the cache file.
    var fields: [Int64] {
        [device, inode, size, modifiedSeconds, modifiedNanoseconds, changedSeconds, changedNanoseconds]
    }

    init(device: Int64, inode: Int64, size: Int64, modifiedSeconds: Int64, modifiedNanoseconds: Int64,
         changedSeconds: Int64, changedNanoseconds: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modifiedSeconds = modifiedSeconds
        self.modifiedNanoseconds = modifiedNanoseconds
        self.changedSeconds = changedSeconds
        self.changedNanoseconds = changedNanoseconds
    }

    /// A signature from `fields` (as written by `fields`); nil unless there are exactly seven.
    init?(fields: [Int64]) {
        guard fields.count == 7 else { return nil }
        self.init(device: fields[0], inode: fields[1], size: fields[2], modifiedSeconds: fields[3],
                  modifiedNanoseconds: fields[4], changedSeconds: fields[5], changedNanoseconds: fields[6])
    }
}

import CustomerCenterContent
import CustomerCenterModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Parsed customer files, reused while the file is unchanged (same size and modification time to
/// the nanosecond): under load most callbacks name a customer seen moments before, and parsing the
/// JSON again was a tenth of the receiver's work. An edited or re-imported file is read again.
final class CustomerFileCache: @unchecked Sendable {
    private struct Entry {
        let size: Int
        let modified: timespec
        let customer: Customer
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private let limit: Int

    init(limit: Int = 20_000) {
        self.limit = limit
    }

    /// The customer in `path`, parsed now or earlier.
    func load(path: String, defaults: ContentDefaults) throws(ContentProblems) -> Customer {
        var info = stat()
        guard stat(path, &info) == 0 else { return try CustomerFile.load(path: path, defaults: defaults) }
        lock.lock()
        let cached = entries[path]
        lock.unlock()
        if let cached, cached.size == Int(info.st_size), cached.modified.tv_sec == info.st_mtim.tv_sec,
           cached.modified.tv_nsec == info.st_mtim.tv_nsec {
            return cached.customer
        }
        let customer = try CustomerFile.load(path: path, defaults: defaults)
        lock.lock()
        // Bounded: past the limit the cache starts over rather than grow with the customer base.
        if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
        entries[path] = Entry(size: Int(info.st_size), modified: info.st_mtim, customer: customer)
        lock.unlock()
        return customer
    }
}

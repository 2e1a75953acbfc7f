#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import CustomerCenterModel
import Foundation

/// An invoice's PDF in the content folder, as an invoice's `document` names it: found, checked and
/// read. The path must stay inside the content folder after every symbolic link is resolved (a link
/// out of `content/` is refused like `../`), name a regular file of at most `maximumBytes`, and the
/// file must start with `%PDF-`. The build checks every document in its check pass, before anything
/// is written, and reads each again when it copies it beneath the customer's secret folder.
public struct InvoiceDocument: Hashable, Sendable {
    /// Larger files are refused: they are copied for every build that renders the customer.
    public static let maximumBytes = 20 * 1024 * 1024

    /// The path as the customer file names it, relative to the content folder.
    public let path: String
    /// The file's real path, every link resolved.
    public let resolvedPath: String
    /// Size, modification time and inode: the build cache renders the customer again when it changes.
    public let stamp: String

    /// Why a document cannot be used; `description` names the file as the merchant wrote it.
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Finds `path` below `contentFolder` and checks it.
    public static func locate(_ path: String, contentFolder: String) -> Result<InvoiceDocument, Problem> {
        let shown = join(contentFolder, path)
        func problem(_ text: String) -> Result<InvoiceDocument, Problem> { .failure(Problem(description: text)) }
        guard !path.hasPrefix("/"), !path.hasPrefix("~") else {
            return problem("\"\(path)\" must be a path inside the content folder, relative to it")
        }
        guard let root = realPath(contentFolder) else { return problem("cannot resolve the content folder \(contentFolder)") }
        guard let resolved = realPath(shown) else {
            return problem(errno == ENOENT || errno == ENOTDIR ? "no such file \(shown)" : "cannot open \(shown) (\(String(cString: strerror(errno))))")
        }
        guard resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            return problem("\(shown) leaves the content folder (it resolves to \(resolved)); keep invoice documents inside \(contentFolder)")
        }
        var info = stat()
        guard stat(resolved, &info) == 0 else { return problem("cannot open \(shown) (\(String(cString: strerror(errno))))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return problem("\(shown) is not a file") }
        guard Int(info.st_size) <= maximumBytes else {
            return problem("\(shown) is \(Int(info.st_size) / 1_048_576) MB; an invoice document may be at most \(maximumBytes / 1_048_576) MB")
        }
        let document = InvoiceDocument(path: path, resolvedPath: resolved,
                                       stamp: "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_ino)")
        switch document.readHead(shown: shown) {
        case .success(let head) where head == Array("%PDF-".utf8): return .success(document)
        case .success: return problem("\(shown) is not a PDF (a PDF file starts with %PDF-)")
        case .failure(let failure): return .failure(failure)
        }
    }

    /// The file's bytes, checked again: it may have changed since it was located.
    public func bytes(contentFolder: String) throws(Problem) -> [UInt8] {
        let shown = join(contentFolder, path)
        guard let data = FileManager.default.contents(atPath: resolvedPath) else { throw Problem(description: "cannot read \(shown)") }
        guard data.count <= InvoiceDocument.maximumBytes else {
            throw Problem(description: "\(shown) is \(data.count / 1_048_576) MB; an invoice document may be at most \(InvoiceDocument.maximumBytes / 1_048_576) MB")
        }
        guard data.starts(with: Array("%PDF-".utf8)) else { throw Problem(description: "\(shown) is not a PDF (a PDF file starts with %PDF-)") }
        return [UInt8](data)
    }

    /// The first five bytes of the file.
    private func readHead(shown: String) -> Result<[UInt8], Problem> {
        let descriptor = open(resolvedPath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(Problem(description: "cannot open \(shown) (\(String(cString: strerror(errno))))")) }
        defer { close(descriptor) }
        var head = [UInt8](repeating: 0, count: 5)
        var count = 0
        while count < head.count {
            let read = head.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, 5 - count) }
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { break }
            count += read
        }
        return .success(Array(head.prefix(count)))
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Every document `customer` names, checked: the problems as `file:line: field: reason` (the line
    /// of each `document` key in `data`, the customer file's bytes), and the documents found, by the
    /// path the file names.
    public static func check(_ customer: Customer, data: Data, file: String, contentFolder: String)
        -> (problems: [ContentError], documents: [String: InvoiceDocument]) {
        var occurrences = JSONKeyLines.occurrences(of: "document", in: data)
        var problems: [ContentError] = []
        var documents: [String: InvoiceDocument] = [:]
        for (accountIndex, account) in customer.accounts.enumerated() {
            for (invoiceIndex, invoice) in account.invoices.enumerated() {
                guard let path = invoice.document else { continue }
                // The first occurrence not yet used whose value is this path: the key of this invoice.
                var line: Int?
                if let position = occurrences.firstIndex(where: { $0.value?.trimmingWhitespace() == path }) {
                    line = occurrences[position].line
                    occurrences.remove(at: position)
                }
                if documents[path] != nil { continue }
                switch locate(path, contentFolder: contentFolder) {
                case .success(let document): documents[path] = document
                case .failure(let problem):
                    problems.append(ContentError(file: file, line: line,
                                                 field: "accounts[\(accountIndex)].invoices[\(invoiceIndex)].document", reason: problem.description))
                }
            }
        }
        return (problems, documents)
    }
}

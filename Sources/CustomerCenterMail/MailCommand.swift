import Foundation

/// A sendmail-compatible command line, split on whitespace (no quoting), with its executable resolved.
struct MailCommand: Sendable {
    /// The executable's path.
    let executable: String
    /// The words after the first.
    let arguments: [String]
    /// The first word as written, for messages: "sendmail", "/usr/sbin/sendmail".
    let word: String

    /// The executable's file name, e.g. "sendmail".
    var name: String { (word as NSString).lastPathComponent }

    /// Splits `line` and finds the executable: a word with a "/" is a path, anything else is looked up on
    /// PATH and then in /usr/sbin and /usr/lib, which PATH often lacks for services.
    init(parsing line: String) throws(MailError) {
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let first = words.first else { throw .emptyCommand }
        word = first
        arguments = Array(words.dropFirst())
        if first.contains("/") {
            guard Self.isExecutableFile(first) else { throw .executableNotFound(first) }
            executable = first
            return
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/lib"]
        guard let found = folders.lazy.map({ ($0 as NSString).appendingPathComponent(first) }).first(where: Self.isExecutableFile) else {
            throw .executableNotFound(first)
        }
        executable = found
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }
}
